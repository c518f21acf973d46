// Writing YAML scalars and flow mappings that read back as exactly what was meant.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipeline {

// A scalar to write. Strings are quoted when a plain scalar would read as something
// else (a number, a boolean, null) or could not be written plain; dates, numbers and
// booleans (`literal`) are written as they are.
struct Scalar {
    std::string text;
    bool literal = false;
    static Scalar string(std::string s) { return {std::move(s), false}; }
    static Scalar plain(std::string s) { return {std::move(s), true}; }
};

// The keys and values of a new list item, in the order they are written.
using YamlItem = std::vector<std::pair<std::string, Scalar>>;

enum class ScalarContext { block, flow };

// The scalar as YAML: plain when that reads back as exactly `s`, else double-quoted.
std::string yaml_scalar(const Scalar& s, ScalarContext context);
// The text double-quoted, with escapes for quotes, backslashes and control characters.
std::string yaml_double_quoted(std::string_view s);
// A list item as a flow mapping: "{date: 2026-11-23, to: lead, by: zhang.san}"; with
// `brace_blanks`, "{ date: ... }".
std::string yaml_flow_mapping(const YamlItem& item, bool brace_blanks = false);

}  // namespace pipeline
