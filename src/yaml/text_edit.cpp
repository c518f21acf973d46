// Splices for FileEdit: where in the original text each change goes, and what it writes.
// Positions come from the parse (YamlNode::offset); the ends of scalars and flow
// collections, which the parse does not give, are found by scanning from there.
#include "pipeline/yaml/text_edit.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/yaml/yaml_tree.hpp"
#include "text_lines.hpp"

namespace pipeline {
namespace {

using namespace text_lines;

// A line holding nothing but blanks or a comment.
bool is_meta_line(std::string_view t, std::size_t start) {
    std::size_t i = start;
    const std::size_t end = content_end(t, start);
    while (i < end && is_blank(t[i])) ++i;
    return i >= end || t[i] == '#';
}

// Where a scalar that starts at `off` ends (one past its last character).
std::optional<std::size_t> scalar_end(std::string_view t, std::size_t off, ScalarContext context) {
    if (off >= t.size()) return std::nullopt;
    const char c = t[off];
    if (c == '"') {
        for (std::size_t i = off + 1; i < t.size(); ++i) {
            if (t[i] == '\\') ++i;
            else if (t[i] == '"') return i + 1;
        }
        return std::nullopt;
    }
    if (c == '\'') {
        for (std::size_t i = off + 1; i < t.size(); ++i) {
            if (t[i] != '\'') continue;
            if (i + 1 < t.size() && t[i + 1] == '\'') ++i;
            else return i + 1;
        }
        return std::nullopt;
    }
    if (c == '|' || c == '>') return std::nullopt;  // block scalars are not edited in place
    const std::size_t end = content_end(t, off);
    std::size_t i = off;
    for (; i < end; ++i) {
        if (t[i] == '#' && i > off && is_blank(t[i - 1])) break;
        if (context == ScalarContext::flow) {
            if (t[i] == ',' || t[i] == ']' || t[i] == '}') break;
            if (t[i] == ':' && (i + 1 >= end || is_blank(t[i + 1]) || t[i + 1] == ',')) break;
        }
    }
    while (i > off && is_blank(t[i - 1])) --i;
    return i;
}

// One past the bracket that closes the flow collection opening at `off` ('[' or '{').
std::optional<std::size_t> flow_end(std::string_view t, std::size_t off) {
    int depth = 0;
    char last = ' ';  // the last character outside blanks, to tell a quote that opens a scalar
    for (std::size_t i = off; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '#' && (i == 0 || is_blank(t[i - 1]) || t[i - 1] == '\n')) {
            i = content_end(t, i) - 1;
            continue;
        }
        if ((c == '"' || c == '\'') && (last == '[' || last == '{' || last == ',' || last == ':' || last == '\n')) {
            auto e = scalar_end(t, i, ScalarContext::flow);
            if (!e) return std::nullopt;
            i = *e - 1;
            last = c;
            continue;
        }
        if (c == '[' || c == '{') ++depth;
        if (c == ']' || c == '}') {
            if (--depth == 0) return i + 1;
        }
        if (c == '\r') continue;
        if (!is_blank(c)) last = c;
    }
    return std::nullopt;
}

// One past the end of an item of a flow sequence.
std::optional<std::size_t> node_end(std::string_view t, const YamlNode& n) {
    if (n.flow && (n.is_mapping() || n.is_sequence())) return flow_end(t, n.offset);
    if (n.is_scalar()) return scalar_end(t, n.offset, ScalarContext::flow);
    return std::nullopt;
}

// A scalar in the style of the one it replaces (double-quoted, single-quoted or plain).
std::string same_style(std::string_view text, const YamlNode& old, const Scalar& value,
                       ScalarContext context = ScalarContext::block) {
    if (old.is_scalar() && old.quoted && old.offset < text.size()) {
        if (text[old.offset] == '\'' && value.text.find_first_of("\r\n") == npos) {
            std::string out = "'";
            for (char c : value.text) out += c == '\'' ? std::string("''") : std::string(1, c);
            return out + "'";
        }
        if (text[old.offset] == '"') return yaml_double_quoted(value.text);
    }
    return yaml_scalar(value, context);
}

bool contains(const std::vector<std::string>& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

const FileEdit::Set* find_set(const FileEdit::Nested& n, std::string_view key) {
    for (const FileEdit::Set& s : n.set)
        if (s.key == key) return &s;
    return nullptr;
}

// How the items of a block list are written, to write a new one the same way.
struct ListStyle {
    std::size_t dash_indent = 2;    // blanks before "-"
    std::string gap = " ";          // between "-" and the item
    bool flow_items = true;         // "- {k: v}" rather than "- k: v" lines
    bool brace_blanks = false;      // "{ k: v }"
};

std::optional<ListStyle> style_of(std::string_view t, const YamlNode& list) {
    if (!list.is_sequence() || list.flow || list.items.empty()) return std::nullopt;
    const YamlNode& item = list.items.back();
    std::size_t dash = item.offset;
    while (dash > 0 && (is_blank(t[dash - 1]) || t[dash - 1] == '\n' || t[dash - 1] == '\r')) --dash;
    if (dash == 0 || t[dash - 1] != '-') return std::nullopt;
    --dash;
    const std::size_t start = line_start(t, dash);
    if (!only_blanks(t, start, dash)) return std::nullopt;
    ListStyle s;
    s.dash_indent = dash - start;
    const std::string_view gap = t.substr(dash + 1, item.offset - dash - 1);
    s.gap = gap.find('\n') == npos && !gap.empty() ? std::string(gap) : " ";
    s.flow_items = !(item.is_mapping() && !item.flow);
    s.brace_blanks = item.is_mapping() && item.flow && item.offset + 1 < t.size() && t[item.offset + 1] == ' ';
    return s;
}

std::vector<std::string> item_lines(const YamlItem& item, const ListStyle& s) {
    const std::string dash = std::string(s.dash_indent, ' ') + "-" + s.gap;
    if (s.flow_items || item.empty()) return {dash + yaml_flow_mapping(item, s.brace_blanks)};
    std::vector<std::string> lines;
    const std::string indent(s.dash_indent + 1 + s.gap.size(), ' ');
    for (std::size_t i = 0; i < item.size(); ++i)
        lines.push_back((i ? indent : dash) + item[i].first + ": " + yaml_scalar(item[i].second, ScalarContext::block));
    return lines;
}

class SplicePlanner {
public:
    SplicePlanner(std::string_view text, const YamlNode& root, const FileEdit& edit)
        : t_(text), root_(root), edit_(edit), eol_(line_end_of(text)) {
        const std::size_t first = root.entries.empty() ? 0 : root.entries.front().key.offset;
        indent_ = std::string(first - line_start(t_, first), ' ');
    }

    std::optional<EditError> run() {
        for (const YamlEntry& e : root_.entries)
            if (!only_blanks(t_, line_start(t_, e.key.offset), e.key.offset))
                return EditError{trf("line {}: a top-level key does not start its line; the file cannot be edited in place",
                                             e.key.position.line)};
        // The items for one list go in together, in the order given.
        std::vector<std::pair<std::string, std::vector<const YamlItem*>>> lists;
        for (const FileEdit::Append& a : edit_.append) {
            auto it = std::find_if(lists.begin(), lists.end(), [&](const auto& l) { return l.first == a.list; });
            if (it == lists.end()) it = lists.insert(lists.end(), {a.list, {}});
            it->second.push_back(&a.item);
        }
        // Insertions at one offset stay in the order planned here: items that continue a
        // list present in the file come before a new key inserted after that list.
        for (const auto& [list, items] : lists)
            if (index_of(list) >= 0)
                if (auto error = append(list, items)) return error;
        for (const FileEdit::Set& s : edit_.set)
            if (auto error = set(s)) return error;
        for (const FileEdit::Nested& n : edit_.nested)
            if (auto error = nested(n)) return error;
        for (const std::string& key : edit_.remove)
            if (auto error = remove(key)) return error;
        for (const auto& [list, items] : lists)
            if (index_of(list) < 0)
                if (auto error = append(list, items)) return error;
        return std::nullopt;
    }

    std::vector<Splice> splices;

private:
    int index_of(std::string_view key) const {
        for (std::size_t i = 0; i < root_.entries.size(); ++i)
            if (root_.entries[i].key.value == key) return static_cast<int>(i);
        return -1;
    }

    // One past the last line of entry `i` that is not blank or a comment.
    std::size_t entry_end(int i) const {
        const std::size_t begin = line_start(t_, root_.entries[i].key.offset);
        const std::size_t limit = i + 1 < static_cast<int>(root_.entries.size())
                                      ? line_start(t_, root_.entries[i + 1].key.offset)
                                      : t_.size();
        std::size_t end = next_line(t_, begin);
        for (std::size_t line = end; line < limit; line = next_line(t_, line))
            if (!is_meta_line(t_, line)) end = next_line(t_, line);
        return std::min(end, limit);
    }

    // Inserts whole lines at `pos` (a line start, or the end of a text without a final newline).
    void insert_lines(std::size_t pos, const std::vector<std::string>& lines) {
        std::string text;
        const bool unterminated = pos == t_.size() && !t_.empty() && t_.back() != '\n';
        if (unterminated) text += eol_;
        for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? eol_ : "") + lines[i];
        if (!unterminated) text += eol_;
        splices.push_back({pos, 0, std::move(text)});
    }

    // Where a new top-level key goes: after the nearest earlier key of key_order present.
    std::size_t insertion_point(const std::string& key) const {
        auto it = std::find(edit_.key_order.begin(), edit_.key_order.end(), key);
        while (it != edit_.key_order.begin()) {
            --it;
            if (int i = index_of(*it); i >= 0) return entry_end(i);
        }
        return root_.entries.empty() ? t_.size() : entry_end(static_cast<int>(root_.entries.size()) - 1);
    }

    // The position just after the colon of entry `i`.
    std::optional<std::size_t> after_colon(int i) const { return after_colon(root_.entries[i].key); }

    // The position just after the colon that follows `key` (of a block mapping or a flow mapping).
    std::optional<std::size_t> after_colon(const YamlNode& key) const {
        std::size_t p = key.quoted ? scalar_end(t_, key.offset, ScalarContext::block).value_or(npos) : key.offset;
        if (p == npos) return std::nullopt;
        const std::size_t end = content_end(t_, p);
        for (; p < end; ++p)
            if (t_[p] == ':' && (p + 1 >= end || is_blank(t_[p + 1]))) return p + 1;
        return std::nullopt;
    }

    // The explicit null after a key ("~", "null"), as [begin, end) including the blanks before it.
    std::pair<std::size_t, std::size_t> null_token(std::size_t colon_end) const {
        const std::size_t end = content_end(t_, colon_end);
        std::size_t p = colon_end;
        while (p < end && is_blank(t_[p])) ++p;
        for (std::string_view word : {"~", "null", "Null", "NULL"}) {
            if (t_.substr(p, word.size()) == word &&
                (p + word.size() >= end || is_blank(t_[p + word.size()])))
                return {colon_end, p + word.size()};
        }
        return {colon_end, colon_end};
    }

    std::optional<EditError> set(const FileEdit::Set& s) {
        const int i = index_of(s.key);
        if (i < 0) {
            insert_lines(insertion_point(s.key), {indent_ + s.key + ": " + yaml_scalar(s.value, ScalarContext::block)});
            return std::nullopt;
        }
        const YamlNode& v = root_.entries[i].value;
        if (v.is_null()) {
            auto colon = after_colon(i);
            if (!colon) return EditError{trf("line {}: cannot find the colon after {}", v.position.line, s.key)};
            auto [begin, end] = null_token(*colon);
            splices.push_back({begin, end - begin, " " + yaml_scalar(s.value, ScalarContext::block)});
            return std::nullopt;
        }
        if (!v.is_scalar())
            // TRANSLATORS: {1} is a key of the file, {2} a kind of value ("list", "mapping").
            return EditError{trf("line {}: {} is a {}, not a single value", v.position.line, s.key, tr(kind_name(v.kind)))};
        auto end = scalar_end(t_, v.offset, ScalarContext::block);
        if (!end) return EditError{trf("line {}: {} is a block scalar; edit it by hand", v.position.line, s.key)};
        splices.push_back({v.offset, *end - v.offset, same_style(t_, v, s.value)});
        return std::nullopt;
    }

    std::optional<EditError> remove(const std::string& key) {
        const int i = index_of(key);
        if (i < 0) return std::nullopt;
        const std::size_t begin = line_start(t_, root_.entries[i].key.offset);
        splices.push_back({begin, entry_end(i) - begin, ""});
        return std::nullopt;
    }

    std::optional<EditError> nested(const FileEdit::Nested& n) {
        const int i = index_of(n.mapping);
        if (i < 0) return EditError{trf("there is no {} in the file", n.mapping)};
        const YamlNode& v = root_.entries[i].value;
        if (v.is_scalar() && !n.shorthand.empty()) return nested_shorthand(i, v, n);
        if (!v.is_mapping())
            // TRANSLATORS: {1} is a key of the file, {2} a kind of value ("list", "scalar").
            return EditError{trf("line {}: {} is a {}, not a mapping", v.position.line, n.mapping, tr(kind_name(v.kind)))};
        for (const YamlEntry& e : v.entries)
            if ((contains(n.remove, e.key.value) || find_set(n, e.key.value)) && !e.value.is_scalar() && !e.value.is_null())
                // TRANSLATORS: {1} is a key of the file and {2} a key inside it ("customer.name"), {3} a kind of value.
                return EditError{trf("line {}: {}.{} is a {}, not a single value", e.value.position.line, n.mapping, e.key.value,
                                     tr(kind_name(e.value.kind)))};
        return v.flow ? nested_flow(v, n) : nested_block(i, v, n);
    }

    // A block mapping: values replaced in place, new keys as lines before the first, removed keys' lines taken out.
    std::optional<EditError> nested_block(int i, const YamlNode& v, const FileEdit::Nested& n) {
        const std::size_t first_line = line_start(t_, v.entries.front().key.offset);
        for (const YamlEntry& e : v.entries)
            if (!only_blanks(t_, line_start(t_, e.key.offset), e.key.offset))
                return EditError{trf("line {}: a key of {} does not start its line; the file cannot be edited in place",
                                     e.key.position.line, n.mapping)};
        const std::string indent(t_.substr(first_line, v.entries.front().key.offset - first_line));
        std::vector<std::string> inserted;
        for (const FileEdit::Set& s : n.set) {
            const YamlEntry* e = v.find_entry(s.key);
            if (!e) {
                inserted.push_back(indent + s.key + ": " + yaml_scalar(s.value, ScalarContext::block));
            } else if (e->value.is_null()) {
                auto colon = after_colon(e->key);
                if (!colon) return EditError{trf("line {}: cannot find the colon after {}", e->key.position.line, s.key)};
                auto [begin, end] = null_token(*colon);
                splices.push_back({begin, end - begin, " " + yaml_scalar(s.value, ScalarContext::block)});
            } else {
                auto end = scalar_end(t_, e->value.offset, ScalarContext::block);
                if (!end) return EditError{trf("line {}: {} is a block scalar; edit it by hand", e->value.position.line, s.key)};
                splices.push_back({e->value.offset, *end - e->value.offset, same_style(t_, e->value, s.value)});
            }
        }
        if (!inserted.empty()) insert_lines(first_line, inserted);
        const std::size_t mapping_end = entry_end(i);
        for (std::size_t j = 0; j < v.entries.size(); ++j) {
            const YamlEntry& e = v.entries[j];
            if (!contains(n.remove, e.key.value)) continue;
            const std::size_t begin = line_start(t_, e.key.offset);
            const std::size_t limit = j + 1 < v.entries.size() ? line_start(t_, v.entries[j + 1].key.offset) : mapping_end;
            std::size_t end = next_line(t_, begin);
            for (std::size_t line = end; line < limit; line = next_line(t_, line))
                if (!is_meta_line(t_, line)) end = next_line(t_, line);
            splices.push_back({begin, std::min(end, limit) - begin, comments_kept(e, indent, begin, std::min(end, limit))});
        }
        return std::nullopt;
    }

    // The comments inside [begin, end), the lines of entry `e`, each as a line of its own: the one
    // after the value (on its last line, or after a block scalar's indicator) and comment lines.
    std::string comments_kept(const YamlEntry& e, const std::string& indent, std::size_t begin, std::size_t end) const {
        std::string out;
        const auto keep_from = [&](std::size_t p) {
            const std::size_t line_end = content_end(t_, p);
            while (p < line_end && is_blank(t_[p])) ++p;
            if (p < line_end && t_[p] == '#') out += indent + std::string(t_.substr(p, line_end - p)) + eol_;
        };
        const YamlNode& v = e.value;
        std::size_t value_end = begin;  // comments before it are the value's text
        if (v.is_null()) {
            if (auto colon = after_colon(e.key)) value_end = null_token(*colon).second, keep_from(value_end);
        } else if (v.block) {
            std::size_t p = v.offset;
            while (p < t_.size() && (t_[p] == '|' || t_[p] == '>' || t_[p] == '+' || t_[p] == '-' || (t_[p] >= '0' && t_[p] <= '9'))) ++p;
            keep_from(p);
            value_end = end;  // a block scalar's lines are text, whatever they hold
        } else if (v.quoted) {
            if (auto q = scalar_end(t_, v.offset, ScalarContext::block)) value_end = *q, keep_from(*q);
        } else {
            // A plain scalar ends at a comment, on whichever of its lines.
            value_end = end;
            for (std::size_t line = line_start(t_, v.offset); line < end; line = next_line(t_, line)) {
                const std::size_t from = std::max(line, v.offset), stop = content_end(t_, line);
                if (is_meta_line(t_, line) && line > v.offset) continue;
                for (std::size_t i = from + 1; i < stop; ++i)
                    if (t_[i] == '#' && is_blank(t_[i - 1])) {
                        keep_from(i);
                        value_end = i;
                        break;
                    }
                if (value_end != end) break;
            }
        }
        // Comment lines among the lines taken out, after the value's text.
        for (std::size_t line = next_line(t_, line_start(t_, value_end)); line < end; line = next_line(t_, line))
            if (is_meta_line(t_, line)) keep_from(line);
        return out;
    }

    // A flow mapping on one line: written anew from its entries, those kept copied as written.
    std::optional<EditError> nested_flow(const YamlNode& v, const FileEdit::Nested& n) {
        auto close_end = flow_end(t_, v.offset);
        if (!close_end) return EditError{trf("line {}: cannot find the end of the mapping {}", v.position.line, n.mapping)};
        if (line_start(t_, v.offset) != line_start(t_, *close_end - 1))
            return EditError{trf("line {}: {} is a flow mapping over several lines; edit it by hand", v.position.line, n.mapping)};
        std::vector<std::string> parts;
        for (const FileEdit::Set& s : n.set)
            if (!v.find_entry(s.key)) parts.push_back(s.key + ": " + yaml_scalar(s.value, ScalarContext::flow));
        for (const YamlEntry& e : v.entries) {
            if (contains(n.remove, e.key.value)) continue;
            auto key_end = scalar_end(t_, e.key.offset, ScalarContext::flow);
            auto colon = key_end ? after_colon(e.key) : std::nullopt;
            if (!colon) return EditError{trf("line {}: cannot find the colon after {}", e.key.position.line, e.key.value)};
            const std::string key(t_.substr(e.key.offset, *key_end - e.key.offset));
            if (const FileEdit::Set* s = find_set(n, e.key.value)) {
                parts.push_back(key + ": " + same_style(t_, e.value, s->value, ScalarContext::flow));
                continue;
            }
            auto end = e.value.is_null() ? colon : node_end(t_, e.value);
            if (!end) return EditError{trf("line {}: cannot find the end of {}", e.key.position.line, e.key.value)};
            parts.push_back(std::string(t_.substr(e.key.offset, *end - e.key.offset)));
        }
        const bool blanks = v.offset + 1 < t_.size() && t_[v.offset + 1] == ' ';
        splices.push_back({v.offset, *close_end - v.offset, flow_text(parts, blanks)});
        return std::nullopt;
    }

    // A scalar standing for the shorthand key: it becomes a flow mapping.
    std::optional<EditError> nested_shorthand(int i, const YamlNode& v, const FileEdit::Nested& n) {
        auto end = scalar_end(t_, v.offset, ScalarContext::block);
        if (!end || v.block) return EditError{trf("line {}: {} is a block scalar; edit it by hand", v.position.line, n.mapping)};
        if (!v.quoted) {
            // A plain scalar may go on over the next lines, up to a comment or the next key.
            const auto comment_follows = [&](std::size_t p) {
                const std::size_t stop = content_end(t_, p);
                while (p < stop && is_blank(t_[p])) ++p;
                return p < stop && t_[p] == '#';
            };
            const std::size_t limit = entry_end(i);
            for (std::size_t line = next_line(t_, *end); !comment_follows(*end) && line < limit; line = next_line(t_, line)) {
                if (is_meta_line(t_, line)) break;
                std::size_t from = line;
                while (is_blank(t_[from])) ++from;
                auto more = scalar_end(t_, from, ScalarContext::block);
                if (!more) break;
                end = more;
            }
        }
        std::vector<std::string> parts;
        bool shorthand_set = false;
        for (const FileEdit::Set& s : n.set) {
            parts.push_back(s.key + ": " + yaml_scalar(s.value, ScalarContext::flow));
            shorthand_set = shorthand_set || s.key == n.shorthand;
        }
        if (!shorthand_set && !contains(n.remove, n.shorthand)) {
            // Quoted, it reads the same inside braces; plain, it is written anew for them.
            const std::string written = v.quoted ? std::string(t_.substr(v.offset, *end - v.offset))
                                                 : yaml_scalar(Scalar::string(v.value), ScalarContext::flow);
            parts.push_back(n.shorthand + ": " + written);
        }
        splices.push_back({v.offset, *end - v.offset, flow_text(parts, false)});
        return std::nullopt;
    }

    static std::string flow_text(const std::vector<std::string>& parts, bool blanks) {
        if (parts.empty()) return "{}";
        std::string out = blanks ? "{ " : "{";
        for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? ", " : "") + parts[k];
        return out + (blanks ? " }" : "}");
    }

    // The style for a new list: that of the first block list of mappings in the file.
    ListStyle new_list_style() const {
        std::optional<ListStyle> block_items;
        for (const YamlEntry& e : root_.entries) {
            auto s = style_of(t_, e.value);
            if (!s || !e.value.items.back().is_mapping()) continue;
            s->dash_indent = s->dash_indent >= indent_.size() ? s->dash_indent - indent_.size() : 2;
            if (s->flow_items) return *s;
            if (!block_items) block_items = s;
        }
        return block_items.value_or(ListStyle{});
    }

    std::vector<std::string> new_list_items(const std::vector<const YamlItem*>& items) const {
        ListStyle s = new_list_style();
        s.dash_indent += indent_.size();
        std::vector<std::string> lines;
        for (const YamlItem* item : items)
            for (std::string& l : item_lines(*item, s)) lines.push_back(std::move(l));
        return lines;
    }

    // Appends `items` (in order) to the top-level list `list`.
    std::optional<EditError> append(const std::string& list, const std::vector<const YamlItem*>& items) {
        const int i = index_of(list);
        if (i < 0) {
            std::vector<std::string> lines{indent_ + list + ":"};
            for (std::string& l : new_list_items(items)) lines.push_back(std::move(l));
            insert_lines(insertion_point(list), lines);
            return std::nullopt;
        }
        const YamlNode& v = root_.entries[i].value;
        if (v.is_null()) {
            auto colon = after_colon(i);
            if (!colon) return EditError{trf("line {}: cannot find the colon after {}", v.position.line, list)};
            auto [begin, end] = null_token(*colon);
            if (end > begin) splices.push_back({begin, end - begin, ""});
            insert_lines(next_line(t_, *colon), new_list_items(items));
            return std::nullopt;
        }
        if (!v.is_sequence())
            // TRANSLATORS: {1} is a key of the file, {2} a kind of value ("mapping", "scalar").
            return EditError{trf("line {}: {} is a {}, not a list", v.position.line, list, tr(kind_name(v.kind)))};
        if (v.flow) return append_flow(v, list, items);
        auto style = style_of(t_, v);
        if (!style) return EditError{trf("line {}: cannot tell how the items of {} are indented", v.position.line, list)};
        std::vector<std::string> lines;
        for (const YamlItem* item : items)
            for (std::string& l : item_lines(*item, *style)) lines.push_back(std::move(l));
        insert_lines(entry_end(i), lines);
        return std::nullopt;
    }

    std::optional<EditError> append_flow(const YamlNode& v, const std::string& list, const std::vector<const YamlItem*>& items) {
        auto close_end = flow_end(t_, v.offset);
        if (!close_end) return EditError{trf("line {}: cannot find the end of the list {}", v.position.line, list)};
        const std::size_t close = *close_end - 1;
        if (v.items.empty()) {
            // "[]": no style to follow; it becomes a block list like the others of the file.
            std::size_t begin = v.offset;
            while (begin > 0 && is_blank(t_[begin - 1])) --begin;
            splices.push_back({begin, *close_end - begin, ""});
            insert_lines(next_line(t_, close), new_list_items(items));
            return std::nullopt;
        }
        const YamlNode& last = v.items.back();
        auto last_end = node_end(t_, last);
        if (!last_end) return EditError{trf("line {}: cannot find the end of the last item of {}", last.position.line, list)};
        const bool braces = last.is_mapping() && last.offset + 1 < t_.size() && t_[last.offset + 1] == ' ';
        std::size_t after = *last_end;
        while (after < close && is_blank(t_[after])) ++after;
        const bool trailing_comma = t_[after] == ',';
        const std::size_t anchor = trailing_comma ? after + 1 : *last_end;
        if (line_start(t_, v.offset) == line_start(t_, close)) {
            // One line: ", {..}, {..}" after the last item (" {..}, {..}," after a trailing comma).
            std::string text;
            for (std::size_t k = 0; k < items.size(); ++k)
                text += (trailing_comma ? " " : ", ") + yaml_flow_mapping(*items[k], braces) + (trailing_comma ? "," : "");
            splices.push_back({anchor, 0, text});
            return std::nullopt;
        }
        // Several lines: each new item on a line of its own, indented like the last one.
        const std::size_t item_line = line_start(t_, last.offset);
        std::size_t blanks = item_line;
        while (blanks < last.offset && is_blank(t_[blanks])) ++blanks;
        const std::string indent(t_.substr(item_line, blanks - item_line));
        std::string lines;
        for (std::size_t k = 0; k < items.size(); ++k) {
            const bool comma = trailing_comma || k + 1 < items.size();
            lines += eol_ + indent + yaml_flow_mapping(*items[k], braces) + (comma ? "," : "");
        }
        if (line_start(t_, close) == line_start(t_, *last_end)) {
            splices.push_back({anchor, 0, (trailing_comma ? "" : ",") + lines});
            return std::nullopt;
        }
        if (!trailing_comma) splices.push_back({*last_end, 0, ","});
        splices.push_back({content_end(t_, anchor), 0, lines});
        return std::nullopt;
    }

    std::string_view t_;
    const YamlNode& root_;
    const FileEdit& edit_;
    std::string eol_;
    std::string indent_;  // of the top-level keys
};

// A file without a final line end keeps lacking one when its last lines are removed.
std::optional<EditError> keep_missing_final_newline(std::string_view t, std::vector<Splice>& splices) {
    if (t.empty() || t.back() == '\n' || splices.empty()) return std::nullopt;
    Splice& last = splices.back();
    if (last.offset + last.length != t.size()) return std::nullopt;
    auto strip = [](std::string& s) {
        if (s.ends_with('\n')) s.pop_back();
        if (s.ends_with('\r')) s.pop_back();
    };
    if (!last.text.empty()) {
        strip(last.text);
        return std::nullopt;
    }
    if (splices.size() >= 2) {
        Splice& before = splices[splices.size() - 2];
        if (before.offset + before.length == last.offset && !before.text.empty()) {
            strip(before.text);
            return std::nullopt;
        }
    }
    // The text before the removal ends with a line end: remove that instead.
    if (last.offset == 0 || t[last.offset - 1] != '\n') return std::nullopt;
    const std::size_t eol = last.offset >= 2 && t[last.offset - 2] == '\r' ? 2 : 1;
    if (splices.size() >= 2 && splices[splices.size() - 2].offset + splices[splices.size() - 2].length > last.offset - eol)
        return EditError{tr("cannot keep the file without a final line end")};
    last.offset -= eol;
    last.length += eol;
    return std::nullopt;
}

}  // namespace

std::variant<std::vector<Splice>, EditError> plan_splices(std::string_view text, const FileEdit& edit) {
    Diagnostics findings;
    const YamlDocument doc = parse_yaml(text, "edit", findings);
    if (!doc.root || findings.has_errors()) return EditError{tr("the file does not parse as YAML; fix it first (pipeline check)")};
    if (!doc.root->is_mapping() || doc.root->flow)
        return EditError{tr("the file is not a block mapping (key: value lines) at the top; it cannot be edited in place")};
    SplicePlanner planner(text, *doc.root, edit);
    if (auto error = planner.run()) return *error;
    // In file order; at one offset, insertions before a removal that starts there.
    std::vector<Splice> planned = std::move(planner.splices);
    std::stable_sort(planned.begin(), planned.end(), [](const Splice& a, const Splice& b) {
        return a.offset != b.offset ? a.offset < b.offset : (a.length == 0) > (b.length == 0);
    });
    std::vector<Splice> splices;
    for (Splice& s : planned) {
        if (!splices.empty()) {
            Splice& previous = splices.back();
            const std::size_t previous_end = previous.offset + previous.length;
            if (previous.text.empty() && s.text.empty() && previous.length && s.length && previous_end >= s.offset) {
                previous.length = std::max(previous_end, s.offset + s.length) - previous.offset;  // adjacent removals
                continue;
            }
            if (previous_end > s.offset) return EditError{tr("two changes of the edit overlap")};
        }
        splices.push_back(std::move(s));
    }
    if (auto error = keep_missing_final_newline(text, splices)) return *error;
    return splices;
}

std::string apply_splices(std::string_view text, const std::vector<Splice>& splices) {
    std::string out;
    std::size_t at = 0;
    for (const Splice& s : splices) {
        out.append(text.substr(at, s.offset - at));
        out += s.text;
        at = s.offset + s.length;
    }
    out.append(text.substr(std::min(at, text.size())));
    return out;
}

}  // namespace pipeline
