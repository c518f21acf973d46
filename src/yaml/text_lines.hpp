// Lines of a text by byte offset: what the splicer and the diff of an edit both walk.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pipeline::text_lines {

constexpr std::size_t npos = std::string_view::npos;

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

inline std::size_t line_start(std::string_view t, std::size_t pos) {
    if (pos == 0) return 0;
    const std::size_t p = t.rfind('\n', pos - 1);
    return p == npos ? 0 : p + 1;
}

// The end of the line's content: before its "\n" or "\r\n", or the end of the text.
inline std::size_t content_end(std::string_view t, std::size_t pos) {
    const std::size_t p = t.find('\n', pos);
    if (p == npos) return t.size();
    return (p > pos && t[p - 1] == '\r') ? p - 1 : p;
}

inline std::size_t next_line(std::string_view t, std::size_t pos) {
    const std::size_t p = t.find('\n', pos);
    return p == npos ? t.size() : p + 1;
}

// The file's line end: that of its first line (CRLF or LF).
inline std::string line_end_of(std::string_view t) {
    const std::size_t p = t.find('\n');
    return (p != npos && p > 0 && t[p - 1] == '\r') ? "\r\n" : "\n";
}

inline bool only_blanks(std::string_view t, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        if (!is_blank(t[i])) return false;
    return true;
}

}  // namespace pipeline::text_lines
