#include "pipeline/base/text.hpp"

#include <fmt/format.h>

namespace pipeline {
namespace {

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_zero_width(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

}  // namespace

char32_t decode_utf8(std::string_view s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

int display_width(std::string_view s) {
    int width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = decode_utf8(s, i);
        width += is_zero_width(c) ? 0 : is_wide(c) ? 2 : 1;
    }
    return width;
}

namespace {

// The length of the well-formed UTF-8 sequence at `i` (overlong forms, surrogates and code points
// past U+10FFFF are not), or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && n == 2) ok = c >= 0xC2;
    if (ok && n == 3) {
        const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
        ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && n == 4) {
        const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
        ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    return ok ? n : 0;
}

}  // namespace

std::optional<std::size_t> invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence(text, i);
        if (!n) return i;
        i += n;
    }
    return std::nullopt;
}

bool mostly_utf8(std::string_view text) {
    std::size_t well_formed = 0, ill_formed = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence(text, i);
        if (n > 1) ++well_formed;
        if (!n) ++ill_formed;
        i += n ? n : 1;
    }
    return well_formed >= 4 * ill_formed && well_formed > 0;
}

namespace {

bool is_forbidden(char32_t c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

}  // namespace

std::optional<char32_t> forbidden_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {  // the common case, without decoding
            if (is_forbidden(b)) return b;
            ++i;
            continue;
        }
        const char32_t c = decode_utf8(s, i);
        if (is_forbidden(c)) return c;
    }
    return std::nullopt;
}

Text character_name(char32_t c) {
    static const char* const names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF",
                                        "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
                                        "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    if (c < 0x20) return fmt::format("U+{:04X} ({})", static_cast<unsigned>(c), names[c]);
    if (c == 0x7F) return "U+007F (DEL)";
    if (c >= 0x80 && c <= 0x9F) return say("U+{:04X} (a C1 control character)", static_cast<unsigned>(c));
    return fmt::format("U+{:04X}", static_cast<unsigned>(c));
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
    const std::string n = ascii_lower(name);
    if (n == "auto") return TextEncoding::automatic;
    if (n == "utf-8" || n == "utf8") return TextEncoding::utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return TextEncoding::gb18030;
    return std::nullopt;
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out += separator;
        out += w;
    }
    return out;
}

std::string visible_text(std::string_view s) {
    if (!forbidden_character(s) && s.find('\t') == std::string_view::npos) return std::string(s);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = decode_utf8(s, i);
        if (c == '\t') out += ' ';
        else if (c < 0x20) out += fmt::format("\xE2\x90{:c}", static_cast<char>(0x80 + c));  // U+2400 + c
        else if (c == 0x7F) out += "\xE2\x90\xA1";                                      // U+2421
        else if (c >= 0x80 && c <= 0x9F) out += "\xEF\xBF\xBD";                          // U+FFFD
        else out.append(s.substr(start, i - start));
    }
    return out;
}

std::string one_line(std::string_view s) {
    std::string out;
    const std::string visible = visible_text(s);
    for (std::size_t i = 0; i < visible.size(); ++i) {
        if (visible[i] == '\n') out += "\xE2\x90\x8A";  // ␊
        else if (visible.compare(i, 3, "\xE2\x80\xA8") == 0 || visible.compare(i, 3, "\xE2\x80\xA9") == 0) out += ' ', i += 2;
        else out += visible[i];
    }
    return out;
}

std::string_view trim_blanks(std::string_view s) {
    auto leading = [](std::string_view t) -> std::size_t {
        if (t.starts_with(' ') || t.starts_with('\t')) return 1;
        if (t.starts_with("\xC2\xA0")) return 2;
        if (t.starts_with("\xE3\x80\x80")) return 3;
        return 0;
    };
    auto trailing = [](std::string_view t) -> std::size_t {
        if (t.ends_with(' ') || t.ends_with('\t')) return 1;
        if (t.ends_with("\xC2\xA0")) return 2;
        if (t.ends_with("\xE3\x80\x80")) return 3;
        return 0;
    };
    while (std::size_t n = leading(s)) s.remove_prefix(n);
    while (std::size_t n = trailing(s)) s.remove_suffix(n);
    return s;
}

}  // namespace pipeline
