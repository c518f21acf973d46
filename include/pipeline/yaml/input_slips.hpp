// Characters a Chinese input method types in place of YAML's own: a full-width colon after a
// key (owner：张伟), a full-width comma or bracket in a flow collection ({a: 1，b: 2}, ｛…｝),
// a full-width space (U+3000) in the indentation or after a key's colon. YAML reads none of
// them as structure, so the file either fails to parse with a message about something else
// or, worse, parses into an unknown key; each is a finding at the character itself, saying
// what to type instead. Values that legitimately hold such characters (a note with ：or，)
// are not findings: only the places where YAML expects its own character are looked at.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "pipeline/base/diagnostic.hpp"

namespace pipeline {

// Adds a finding for each slip (rule "input-method"); returns the lines that have one. The
// caller drops the parser's syntax findings then: they describe the slip's consequences.
std::set<int> find_input_slips(std::string_view text, const std::string& path, Diagnostics& out);

// A value of a number, date or amount with full-width digits (２０２６-１１-０３, ２８) and how it
// is written in half-width characters; nullopt when it has none.
std::optional<std::string> half_width_digits(std::string_view value);

}  // namespace pipeline
