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
    return s.literal || !reads_as_other_type(t);
}

}  // namespace

std::string yaml_double_quoted(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
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
