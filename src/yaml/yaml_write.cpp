#include "pipeline/yaml/yaml_write.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "pipeline/base/text.hpp"

namespace pipeline {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Text that a plain scalar would read as a number, boolean or null in YAML 1.1 or 1.2.
bool reads_as_other_type(std::string_view s) {
    static const char* const words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
    const std::string lower = ascii_lower(s);
    for (const char* w : words)
        if (lower == w) return true;
    const char c = s[0];
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// Where the text has a character YAML 1.1 reads as a line break (NEL U+0085, U+2028, U+2029):
// yaml-cpp does not, other readers of the files (PyYAML, editors) do.
std::size_t yaml11_break_at(std::string_view t) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (t.compare(i, 2, "\xC2\x85") == 0) return i;
        if (i + 2 < t.size() && (t.compare(i, 3, "\xE2\x80\xA8") == 0 || t.compare(i, 3, "\xE2\x80\xA9") == 0)) return i;
    }
    return npos;
}

bool plain_is_safe(const Scalar& s, ScalarContext context) {
    const std::string& t = s.text;
    if (t.empty()) return false;
    if (is_blank(t.front()) || is_blank(t.back())) return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(t.front()) != npos && !(s.literal && t.front() == '-')) return false;
    if (t.back() == ':') return false;
    if (t.find(": ") != npos || t.find(" #") != npos || t.find(":\t") != npos || t.find("\t#") != npos) return false;
    for (char ch : t) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) return false;
        if (context == ScalarContext::flow && std::string_view(",[]{}").find(ch) != npos) return false;
    }
    if (context == ScalarContext::flow && t.find(':') != npos && !s.literal) return false;
    if (yaml11_break_at(t) != npos) return false;
    return s.literal || !reads_as_other_type(t);
}

}  // namespace

std::string yaml_double_quoted(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        const unsigned char c = static_cast<unsigned char>(ch);
        if (yaml11_break_at(s.substr(i, 3)) == 0) {
            const bool nel = c == 0xC2;
            out += nel ? "\\u0085" : s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += nel ? 1 : 2;
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02X}", c);
                else out += ch;
        }
    }
    return out + "\"";
}

std::string yaml_scalar(const Scalar& s, ScalarContext context) {
    return plain_is_safe(s, context) ? s.text : yaml_double_quoted(s.text);
}

std::string yaml_flow_mapping(const YamlItem& item, bool brace_blanks) {
    std::string out = brace_blanks ? "{ " : "{";
    for (std::size_t i = 0; i < item.size(); ++i) {
        if (i) out += ", ";
        out += item[i].first + ": " + yaml_scalar(item[i].second, ScalarContext::flow);
    }
    return out + (brace_blanks ? " }" : "}");
}

}  // namespace pipeline
