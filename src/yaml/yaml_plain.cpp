#include "yaml_plain.hpp"

#include <string>

namespace pipeline::detail {
namespace {

struct Refused {};  // the text leaves the subset: yaml-cpp reads it instead

constexpr int kMaxDepth = 200;  // beyond this, yaml-cpp (and its depth guard) decides

bool is_key_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_key_char(char c) { return is_key_start(c) || c == '-' || c == '.'; }
bool is_end(char c) { return c == '\n' || c == '\0'; }

// Characters that make a scalar something other than a plain one-line scalar when they come first.
bool is_indicator(char c) {
    switch (c) {
        case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&':
        case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
            return true;
        default:
            return false;
    }
}

// Bytes yaml-cpp treats specially or refuses: control characters (tabs and CR included),
// DEL, C1 controls, NEL, line and paragraph separators, a byte-order mark; and lines that
// begin like a document marker or a directive.
bool outside_subset(std::string_view t) {
    bool line_start = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (line_start && (c == '%' || t.substr(i, 3) == "---" || t.substr(i, 3) == "...")) return true;
        line_start = c == '\n';
        if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) < 0xA0) return true;
        if (c == 0xE2 && t.substr(i + 1, 1) == "\x80" && i + 2 < t.size() &&
            (t[i + 2] == '\xA8' || t[i + 2] == '\xA9'))
            return true;
        if (c == 0xEF && t.substr(i, 3) == "\xEF\xBB\xBF") return true;
    }
    return false;
}

class Reader {
public:
    Reader(std::string_view text, PlainEvents& out) : t_(text), out_(out) {}

    void document() {
        if (skip_to_content() != 0) throw Refused{};
        block_node(0, 0);
        if (next_indent_ != -1) throw Refused{};
    }

private:
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < t_.size() ? t_[pos_ + ahead] : '\0'; }
    PlainMark mark() const { return {pos_, line_, line_start_}; }
    int column() const { return static_cast<int>(pos_ - line_start_); }

    void newline() {
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }
    void skip_spaces() {
        while (peek() == ' ') ++pos_;
    }
    void skip_to_end_of_line() {
        while (!is_end(peek())) ++pos_;
        if (peek() == '\n') newline();
    }

    // From the start of a line: skips blank and comment lines. Returns the indentation of
    // the next line with content (the cursor on its first character), or -1 at the end.
    int skip_to_content() {
        while (true) {
            skip_spaces();
            const char c = peek();
            if (c == '\0') return -1;
            if (c == '\n') {
                newline();
            } else if (c == '#') {
                skip_to_end_of_line();
            } else {
                return column();
            }
        }
    }

    // After an inline value: only spaces and a comment may follow on the line.
    void end_of_line() {
        const std::size_t before = pos_;
        skip_spaces();
        if (peek() == '#' && pos_ > before) skip_to_end_of_line();
        else if (peek() == '\n') newline();
        else if (peek() != '\0') throw Refused{};
    }

    void block_node(int indent, int depth) {
        if (depth > kMaxDepth) throw Refused{};
        if (peek() == '-' && (peek(1) == ' ' || is_end(peek(1)))) block_sequence(indent, depth);
        else block_mapping(indent, depth);
    }

    void block_mapping(int indent, int depth) {
        out_.map_start(mark(), false);
        while (true) {
            const PlainMark at = mark();
            const std::size_t begin = pos_;
            if (!is_key_start(peek())) throw Refused{};
            while (is_key_char(peek())) ++pos_;
            if (peek() != ':' || pos_ - begin > 128) throw Refused{};
            const std::string_view key = t_.substr(begin, pos_ - begin);
            ++pos_;
            if (peek() != ' ' && !is_end(peek())) throw Refused{};
            plain(at, key);
            block_value(indent, false, depth);
            if (next_indent_ == indent) continue;
            if (next_indent_ > indent) throw Refused{};
            break;
        }
        out_.map_end();
    }

    void block_sequence(int indent, int depth) {
        out_.sequence_start(mark(), false);
        while (true) {
            ++pos_;  // the '-'
            if (peek() != ' ') throw Refused{};
            block_value(indent, true, depth);
            if (next_indent_ == indent && peek() == '-' && peek(1) == ' ') continue;
            if (next_indent_ >= indent) throw Refused{};
            break;
        }
        out_.sequence_end();
    }

    bool compact_key_ahead() const {
        std::size_t i = pos_;
        if (i >= t_.size() || !is_key_start(t_[i])) return false;
        while (i < t_.size() && is_key_char(t_[i])) ++i;
        if (i >= t_.size() || t_[i] != ':') return false;
        return i + 1 == t_.size() || t_[i + 1] == ' ' || t_[i + 1] == '\n';
    }

    // The value after "key:" or "- ". Leaves the cursor on the next line with content and
    // its indentation in next_indent_.
    void block_value(int parent_indent, bool in_sequence, int depth) {
        skip_spaces();
        const char c = peek();
        if (is_end(c) || c == '#') {
            if (in_sequence) throw Refused{};
            skip_to_end_of_line();
            const int n = skip_to_content();
            if (n <= parent_indent) throw Refused{};  // an empty value, or a list at the key's indentation
            block_node(n, depth + 1);
            return;
        }
        if (in_sequence && compact_key_ahead()) {
            block_mapping(column(), depth + 1);
            return;
        }
        if (c == '[' || c == '{') {
            flow_node(depth + 1);
            end_of_line();
        } else if (c == '"' || c == '\'') {
            quoted();
            end_of_line();
        } else if (is_indicator(c)) {
            throw Refused{};
        } else {
            plain_in_block();
        }
        next_indent_ = skip_to_content();
        if (next_indent_ > parent_indent) throw Refused{};  // a continued scalar, or worse
    }

    void plain_in_block() {
        const PlainMark at = mark();
        const std::size_t begin = pos_;
        std::size_t end = pos_;
        bool comment = false;
        for (char c = peek(); !is_end(c); c = peek()) {
            if (c == '#' && t_[pos_ - 1] == ' ') {
                comment = true;
                break;
            }
            if (c == ':' && (peek(1) == ' ' || is_end(peek(1)))) throw Refused{};
            ++pos_;
            if (c != ' ') end = pos_;
        }
        if (comment) skip_to_end_of_line();
        else if (peek() == '\n') newline();
        plain(at, t_.substr(begin, end - begin));
    }

    // yaml-cpp reports ~ and null as null nodes, not scalars: left to it.
    void plain(PlainMark at, std::string_view value) {
        if (value == "~" || value == "null" || value == "Null" || value == "NULL") throw Refused{};
        out_.scalar(at, false, value);
    }

    void quoted() {
        const PlainMark at = mark();
        const char quote = peek();
        ++pos_;
        const std::size_t begin = pos_;
        bool doubled = false;  // '' inside single quotes
        while (true) {
            const char c = peek();
            if (is_end(c) || (quote == '"' && c == '\\')) throw Refused{};
            if (c == quote) {
                if (quote == '\'' && peek(1) == '\'') {
                    doubled = true;
                    pos_ += 2;
                    continue;
                }
                break;
            }
            ++pos_;
        }
        const std::string_view raw = t_.substr(begin, pos_ - begin);
        ++pos_;
        if (!doubled) {
            out_.scalar(at, true, raw);
            return;
        }
        std::string value;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            value += raw[i];
            if (raw[i] == '\'') ++i;
        }
        out_.scalar(at, true, value);
    }

    void flow_node(int depth) {
        if (depth > kMaxDepth) throw Refused{};
        const char c = peek();
        if (c == '[') {
            out_.sequence_start(mark(), true);
            ++pos_;
            skip_spaces();
            if (peek() != ']') {
                while (true) {
                    flow_node(depth + 1);
                    if (!flow_separator(']')) break;
                }
            }
            ++pos_;
            out_.sequence_end();
        } else if (c == '{') {
            out_.map_start(mark(), true);
            ++pos_;
            skip_spaces();
            if (peek() != '}') {
                while (true) {
                    const PlainMark at = mark();
                    const std::size_t begin = pos_;
                    if (!is_key_start(peek())) throw Refused{};
                    while (is_key_char(peek())) ++pos_;
                    if (peek() != ':' || peek(1) != ' ' || pos_ - begin > 128) throw Refused{};
                    plain(at, t_.substr(begin, pos_ - begin));
                    ++pos_;
                    skip_spaces();
                    flow_node(depth + 1);
                    if (!flow_separator('}')) break;
                }
            }
            ++pos_;
            out_.map_end();
        } else if (c == '"' || c == '\'') {
            quoted();
        } else if (is_indicator(c) || is_end(c) || c == ' ') {
            throw Refused{};
        } else {
            const PlainMark at = mark();
            const std::size_t begin = pos_;
            std::size_t end = pos_;
            for (char d = peek(); d != ',' && d != ']' && d != '}'; d = peek()) {
                if (is_end(d) || d == '[' || d == '{' || d == '#' || d == ':' || d == '?') throw Refused{};
                ++pos_;
                if (d != ' ') end = pos_;
            }
            plain(at, t_.substr(begin, end - begin));
        }
    }

    // After an item of a flow collection: true at ", next", false at the closing bracket
    // (left under the cursor). A trailing comma or anything else is refused.
    bool flow_separator(char close) {
        skip_spaces();
        if (peek() == close) return false;
        if (peek() != ',') throw Refused{};
        ++pos_;
        skip_spaces();
        if (peek() == close || is_end(peek())) throw Refused{};
        return true;
    }

    std::string_view t_;
    PlainEvents& out_;
    std::size_t pos_ = 0;
    int line_ = 0;
    std::size_t line_start_ = 0;
    int next_indent_ = -1;  // after a block value: indentation of the next line with content
};

}  // namespace

bool parse_plain_yaml(std::string_view text, PlainEvents& out) {
    if (outside_subset(text)) return false;
    try {
        Reader(text, out).document();
    } catch (const Refused&) {
        return false;
    }
    return true;
}

}  // namespace pipeline::detail
