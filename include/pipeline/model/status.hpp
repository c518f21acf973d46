// Where a project stands: open, or closed with an outcome.
#pragma once

#include <optional>
#include <string_view>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

enum class Status : unsigned char { open, won, lost, abandoned };

// The Chinese names files may write instead of the ids, by Status; '|' between a name and
// its other spellings (the first is what edits write).
inline constexpr std::string_view kStatusNames[] = {"进行中", "赢单", "丢单|输单", "放弃"};

// "open", "won", "lost", "abandoned".
const char* status_id(Status s);
// 进行中, 赢单, 丢单, 放弃.
std::string_view status_name(Status s);
// A status inside a sentence: its id in English (and in JSON, which carries the English),
// its Chinese name for a Chinese reader ("ZH-002 的状态已是 赢单").
Text status_word(Status s);
// An id or a Chinese name.
std::optional<Status> parse_status(std::string_view text);

// True when `text` is one of the '|'-separated `names`.
bool is_one_of_names(std::string_view names, std::string_view text);

}  // namespace pipeline
