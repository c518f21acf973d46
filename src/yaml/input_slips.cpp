#include "pipeline/yaml/input_slips.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"

namespace pipeline {
namespace {

constexpr std::string_view kFullColon = "\xEF\xBC\x9A";   // ：
constexpr std::string_view kFullComma = "\xEF\xBC\x8C";   // ，
constexpr std::string_view kFullSpace = "\xE3\x80\x80";   // U+3000
constexpr std::string_view kFullBraceOpen = "\xEF\xBD\x9B";   // ｛
constexpr std::string_view kFullBraceClose = "\xEF\xBD\x9D";  // ｝
constexpr std::string_view kFullBracketOpen = "\xEF\xBC\xBB";   // ［
constexpr std::string_view kFullBracketClose = "\xEF\xBC\xBD";  // ］
constexpr std::string_view kFullParenOpen = "\xEF\xBC\x88";   // （

// One line, and where in it the scan stands; columns are in characters, 1-based.
class LineScan {
public:
    LineScan(std::string_view line, int number, const std::string& path, Diagnostics& out)
        : line_(line), number_(number), path_(path), out_(out) {}

    bool found() const { return found_; }

    // Leading white space, the sequence dashes, then a key and what follows it.
    void scan() {
        std::size_t i = 0;
        while (i < line_.size()) {
            if (line_[i] == ' ') ++i;
            else if (line_.substr(i).starts_with(kFullSpace)) {
                slip(i, say("a full-width space (U+3000) in the indentation; indent with plain spaces"));
                return;
            } else break;
        }
        while (i + 1 < line_.size() && line_[i] == '-' && line_[i + 1] == ' ') {
            i += 2;
            while (i < line_.size() && line_[i] == ' ') ++i;
        }
        if (i >= line_.size() || line_[i] == '#') return;
        if (line_[i] == '{' || line_[i] == '[') {
            flow(i);
            return;
        }
        if (at_flow_lookalike(i)) return;
        key_and_value(i);
    }

    // Whether the line opens a block scalar (| or >) whose lines follow, more indented.
    static bool opens_block(std::string_view line) {
        std::size_t end = line.size();
        if (auto hash = line.find(" #"); hash != std::string_view::npos) end = hash;
        while (end > 0 && line[end - 1] == ' ') --end;
        std::size_t start = end;
        while (start > 0 && line[start - 1] != ' ' && line[start - 1] != ':') --start;
        const std::string_view last = line.substr(start, end - start);
        return !last.empty() && (last[0] == '|' || last[0] == '>') && last.find_first_not_of("|>+-0123456789") == std::string_view::npos &&
               start > 0;
    }

private:
    // A key: the text up to ":", "：" or a space; returns where it ends.
    std::size_t key_end(std::size_t i) const {
        if (i < line_.size() && (line_[i] == '"' || line_[i] == '\'')) {
            const std::size_t close = line_.find(line_[i], i + 1);
            return close == std::string_view::npos ? line_.size() : close + 1;
        }
        std::size_t j = i;
        while (j < line_.size() && line_[j] != ':' && line_[j] != ' ' && line_[j] != ',' && line_[j] != '}' && line_[j] != ']' &&
               !line_.substr(j).starts_with(kFullColon) && !line_.substr(j).starts_with(kFullComma) &&
               !line_.substr(j).starts_with(kFullSpace))
            j += utf8_length(j);
        return j;
    }

    // A value that begins with a full-width bracket where YAML expects { or [.
    bool at_flow_lookalike(std::size_t i) {
        if (line_.substr(i).starts_with(kFullBraceOpen)) {
            slip(i, say("a full-width brace \"｛\"; type \"{{\" (and \"}}\" to close it)"));
            return true;
        }
        if (line_.substr(i).starts_with(kFullBracketOpen) && ends_with_bracket(kFullBracketClose)) {
            slip(i, say("a full-width bracket \"［\"; type \"[\" (and \"]\" to close it)"));
            return true;
        }
        if (line_.substr(i).starts_with(kFullParenOpen)) {
            // （type: x, by: y） — a mapping meant; （注）… is a value's own text.
            const std::size_t k = i + kFullParenOpen.size();
            const std::size_t e = key_end(k);
            if (e > k && e < line_.size() && (line_[e] == ':' || line_.substr(e).starts_with(kFullColon))) {
                slip(i, say("a full-width parenthesis \"（\" where a mapping starts; type \"{{\" (and \"}}\" to close it)"));
                return true;
            }
        }
        return false;
    }

    bool ends_with_bracket(std::string_view close) const {
        std::size_t end = line_.size();
        if (auto hash = line_.find(" #"); hash != std::string_view::npos) end = hash;
        while (end > 0 && line_[end - 1] == ' ') --end;
        return line_.substr(0, end).ends_with(close);
    }

    void key_and_value(std::size_t i) {
        const std::size_t e = key_end(i);
        if (e == i) return;
        const std::string key(line_.substr(i, e - i));
        if (line_.substr(e).starts_with(kFullColon)) {
            // TRANSLATORS: {} is the key written before the colon.
            slip(e, say("a full-width colon \"：\" after {}; type \":\" and a space", key));
            return;
        }
        if (e >= line_.size() || line_[e] != ':') return;
        std::size_t v = e + 1;
        if (line_.substr(v).starts_with(kFullSpace)) {
            slip(v, say("a full-width space (U+3000) after {}:; type a plain space", key));
            return;
        }
        while (v < line_.size() && line_[v] == ' ') ++v;
        if (v >= line_.size()) return;
        if (line_[v] == '{' || line_[v] == '[') flow(v);
        else at_flow_lookalike(v);
    }

    // Inside [ ] or { }: a full-width comma before the next key or item, a full-width colon
    // after a key, a full-width closing bracket.
    void flow(std::size_t i) {
        int depth = 0;
        bool key_next = true;  // after { or , of a mapping, up to its colon: a key
        std::string open;      // the brackets open, innermost last
        for (std::size_t j = i; j < line_.size();) {
            const char c = line_[j];
            if (c == '"' || c == '\'') {
                const std::size_t close = line_.find(c, j + 1);
                if (close == std::string_view::npos) return;
                j = close + 1;
                continue;
            }
            if (c == '#' && j > 0 && line_[j - 1] == ' ') return;
            if (c == '{' || c == '[') {
                open += c;
                ++depth;
                key_next = c == '{';
                ++j;
                continue;
            }
            if (c == '}' || c == ']') {
                if (!open.empty()) open.pop_back();
                if (--depth <= 0) return;
                ++j;
                continue;
            }
            if (c == ',') {
                key_next = !open.empty() && open.back() == '{';
                ++j;
                continue;
            }
            if (c == ':') {
                key_next = false;
                ++j;
                continue;
            }
            const std::string_view rest = line_.substr(j);
            if (rest.starts_with(kFullComma) && next_is_item(j + kFullComma.size())) {
                slip(j, say("a full-width comma \"，\" between items; type \",\""));
                return;
            }
            if (rest.starts_with(kFullColon) && key_next) {
                slip(j, say("a full-width colon \"：\" after a key; type \":\" and a space"));
                return;
            }
            if ((rest.starts_with(kFullBraceClose) || rest.starts_with(kFullBracketClose)) && depth == 1 &&
                ends_with_bracket(rest.substr(0, 3))) {
                slip(j, rest.starts_with(kFullBraceClose) ? say("a full-width brace \"｝\"; type \"}}\"")
                                                          : say("a full-width bracket \"］\"; type \"]\""));
                return;
            }
            j += utf8_length(j);
        }
    }

    // After a full-width comma: another key (KEY: or KEY：) of a mapping, or in a list another
    // plain item: an id-like word.
    bool next_is_item(std::size_t j) const {
        while (j < line_.size() && line_[j] == ' ') ++j;
        const std::size_t e = key_end(j);
        if (e == j) return false;
        // Keys and the ids of a list are ASCII: "初次接触，IT总监：王" is a note's own text.
        for (std::size_t k = j; k < e; ++k)
            if (static_cast<unsigned char>(line_[k]) >= 0x80) return false;
        if (e < line_.size() && (line_[e] == ':' || line_.substr(e).starts_with(kFullColon))) return true;
        return e >= line_.size() || line_[e] == ']' || line_[e] == ' ' || line_.substr(e).starts_with(kFullComma) ||
               line_.substr(e).starts_with(kFullBracketClose);
    }

    std::size_t utf8_length(std::size_t j) const {
        std::size_t n = 1;
        while (j + n < line_.size() && (static_cast<unsigned char>(line_[j + n]) & 0xC0) == 0x80) ++n;
        return n;
    }

    int column_of(std::size_t byte) const {
        int column = 1;
        for (std::size_t k = 0; k < byte && k < line_.size(); k += utf8_length(k)) ++column;
        return column;
    }

    void slip(std::size_t byte, const Text& message) {
        out_.error(path_, {number_, column_of(byte)}, "input-method", message);
        found_ = true;
    }

    std::string_view line_;
    int number_;
    const std::string& path_;
    Diagnostics& out_;
    bool found_ = false;
};

int indentation(std::string_view line) {
    std::size_t i = line.find_first_not_of(' ');
    return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// Whether the line that starts at `start`, indented by `indent`, is text of a block scalar
// (| or >): some line above it opens one and every line between is more indented than that
// opener, or empty. Walks up the lines of smaller indentation only, a few in any file.
bool inside_block_scalar(std::string_view text, std::size_t start, int indent) {
    int need = indent;
    for (std::size_t at = start; need > 0 && at > 0;) {
        const std::size_t end = at - 1;  // the newline that ends the line above
        const std::size_t newline_before = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
        const std::size_t begin = newline_before == std::string_view::npos ? 0 : newline_before + 1;
        std::string_view line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const int above = indentation(line);
        if (above >= 0 && above < need) {
            if (LineScan::opens_block(line)) return true;
            need = above;
        }
        at = begin;
    }
    return false;
}

}  // namespace

std::set<int> find_input_slips(std::string_view text, const std::string& path, Diagnostics& out) {
    std::set<int> lines;
    // Every slip is a full-width form (EF ..) or U+3000: only the lines that hold one are
    // read, found by memchr-speed searches, so a file of Chinese prose costs little more than
    // one without any.
    std::size_t next_form = text.find('\xEF'), next_space = text.find(kFullSpace);
    std::size_t counted = 0;  // line numbers: newlines counted up to here
    int number = 1;
    for (std::size_t from = 0;;) {
        if (next_form != std::string_view::npos && next_form < from) next_form = text.find('\xEF', from);
        if (next_space != std::string_view::npos && next_space < from) next_space = text.find(kFullSpace, from);
        const std::size_t at = std::min(next_form, next_space);
        if (at == std::string_view::npos) break;
        const std::size_t newline_before = text.rfind('\n', at);
        const std::size_t start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        number += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                              text.begin() + static_cast<std::ptrdiff_t>(start), '\n'));
        counted = start;
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!inside_block_scalar(text, start, indentation(line))) {
            LineScan scan(line, number, path, out);
            scan.scan();
            if (scan.found()) lines.insert(number);
        }
        if (end == text.size()) break;
        from = end + 1;
    }
    return lines;
}

std::optional<std::string> half_width_digits(std::string_view value) {
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < value.size();) {
        // U+FF10..U+FF19 (０-９) are EF BC 90..99; U+FF0E (．) EF BC 8E; U+FF0D (－) EF BC 8D.
        if (value.substr(i).starts_with("\xEF\xBC") && i + 2 < value.size()) {
            const unsigned char c = static_cast<unsigned char>(value[i + 2]);
            if (c >= 0x90 && c <= 0x99) {
                out += static_cast<char>('0' + (c - 0x90));
                changed = true;
                i += 3;
                continue;
            }
            if (c == 0x8E || c == 0x8D) {
                out += c == 0x8E ? '.' : '-';
                changed = true;
                i += 3;
                continue;
            }
        }
        out += value[i++];
    }
    if (!changed) return std::nullopt;
    return out;
}

}  // namespace pipeline
