// Text as people see it: UTF-8 code points and the terminal columns they take.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

// The code point starting at byte `i` of `s`; advances `i` past it. A malformed or cut
// sequence yields its first byte as one code point, so every input is consumed.
char32_t decode_utf8(std::string_view s, std::size_t& i);

// Appends the UTF-8 bytes of code point `c` (at most U+10FFFF, not a surrogate).
void append_utf8(std::string& out, char32_t c);

// Terminal columns taken by UTF-8 text (East Asian wide and fullwidth characters count 2,
// combining marks 0).
int display_width(std::string_view utf8);

// The byte offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included), or nullopt when the text is UTF-8.
std::optional<std::size_t> invalid_utf8(std::string_view text);

// Whether text that is not wholly UTF-8 still is UTF-8 with a few bad bytes rather than text in
// another encoding: its well-formed multi-byte sequences outnumber the ill-formed bytes four to one
// (GB18030 text forms a UTF-8 sequence by chance about once in fifty characters).
bool mostly_utf8(std::string_view text);

// The first character a value may not hold, or nullopt: control characters (C0 but tab and
// line feed, DEL, C1) — ESC, BEL and CR among them, which would act on a terminal when the
// value is printed — in UTF-8 text.
std::optional<char32_t> forbidden_character(std::string_view utf8);

// "U+001B (ESC)": a character for messages (a Text: "U+0085 (a C1 control character)" has words).
Text character_name(char32_t c);

// The text with control characters shown as symbols (␛ for ESC, ␍ for CR, a tab as a blank),
// so that printing it does nothing to the terminal.
std::string visible_text(std::string_view utf8);

// The text without the blanks around it: ASCII space and tab, no-break space (U+00A0) and the
// ideographic space (U+3000) Chinese input methods type.
std::string_view trim_blanks(std::string_view text);

// The text as one line, for a comment or a heading: control characters shown as visible_text
// shows them, a line feed as ␊, the line and paragraph separators (U+2028, U+2029) as blanks.
std::string one_line(std::string_view utf8);

// The words with `separator` between them: "manager, director".
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

// The text with ASCII letters in lower case; other bytes (UTF-8 of 中文) as they are.
std::string ascii_lower(std::string_view text);

// Whether two texts are equal but for the case of ASCII letters ("Close Date", "close date").
bool equal_ignoring_case(std::string_view a, std::string_view b);

// The encodings a spreadsheet export comes in. automatic: UTF-8 when the bytes are, else GB18030.
enum class TextEncoding { automatic, utf8, gb18030 };

// "auto", "utf-8", "gb18030" (and "gbk", "gb2312", "cp936", which it includes), any case; nullopt otherwise.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);

}  // namespace pipeline
