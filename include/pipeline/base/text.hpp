// Text as people see it: UTF-8 code points and the terminal columns they take.
#pragma once

#include <cstddef>
#include <string_view>

namespace pipeline {

// The code point starting at byte `i` of `s`; advances `i` past it. A malformed or cut
// sequence yields its first byte as one code point, so every input is consumed.
char32_t decode_utf8(std::string_view s, std::size_t& i);

// Terminal columns taken by UTF-8 text (East Asian wide and fullwidth characters count 2,
// combining marks 0).
int display_width(std::string_view utf8);

}  // namespace pipeline
