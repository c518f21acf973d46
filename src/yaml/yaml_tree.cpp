#include "pipeline/yaml/yaml_tree.hpp"

#include <istream>
#include <memory>
#include <set>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "pipeline/yaml/input_slips.hpp"
#include "yaml_plain.hpp"

namespace pipeline {
namespace {

// Reads a string_view as a stream without copying it.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

struct Aborted {};  // thrown out of the event handler to stop parsing on a fatal finding

class TreeBuilder : public YAML::EventHandler, public detail::PlainEvents {
public:
    TreeBuilder(std::string_view text, const std::string& path, Diagnostics& out, YamlLimits limits)
        : text_(text), path_(path), out_(out), limits_(limits) {}

    std::optional<YamlNode> root;
    bool failed = false;
    bool explicit_start = false;  // the document began with "---"

    void OnDocumentStart(const YAML::Mark& mark) override {
        explicit_start = !mark.is_null() && text_.substr(static_cast<std::size_t>(mark.pos)).starts_with("---");
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        YamlNode n = make(YamlNode::Kind::null, mark);
        // yaml-cpp marks an empty value at the next token, often the next line; the key is where it belongs.
        if (!stack_.empty() && stack_.back().pending_key && !null_written_at(mark)) {
            n.position = stack_.back().pending_key->position;
            n.offset = stack_.back().pending_key->offset;
        }
        add(std::move(n));
    }
    // "?" and "!" are what yaml-cpp reports for untagged plain and quoted nodes; anything else
    // was written (!!str, !foo). A tag would change what a value means behind the reader's
    // back (!!str 100000 is text), so it is refused.
    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag.empty() || tag == "?" || tag == "!") return;
        fail(mark, "syntax", say("YAML tags such as {} are not used in pipeline files; remove it (quote the value "
                                 "to make it text)", tag.starts_with("tag:yaml.org,2002:") ? "!!" + tag.substr(18) : tag));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        fail(mark, "alias", say("anchors and aliases (*name) are not allowed in pipeline files"));
    }
    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        fail(mark, "alias", say("anchors (&name) and aliases are not allowed in pipeline files"));
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        YamlNode n = make(YamlNode::Kind::scalar, mark);
        n.quoted = tag == "!";
        n.block = n.quoted && n.offset < text_.size() && (text_[n.offset] == '|' || text_[n.offset] == '>');
        if (n.quoted && !closed_quote(n.offset))
            fail(mark, "syntax", say("the quoted text starting here has no closing quote"));
        n.value = value;
        if (!n.quoted && tag == "?" && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
            n.kind = YamlNode::Kind::null;
            n.value.clear();
        }
        add(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        YamlNode n = make(YamlNode::Kind::sequence, mark);
        n.flow = style == YAML::EmitterStyle::Flow;
        open(std::move(n), mark);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        YamlNode n = make(YamlNode::Kind::mapping, mark);
        n.flow = style == YAML::EmitterStyle::Flow;
        open(std::move(n), mark);
    }
    void OnMapEnd() override { close(); }

    // The same tree from the plain-subset reader (yaml_plain.hpp).
    void map_start(detail::PlainMark at, bool flow) override { open_at(YamlNode::Kind::mapping, at, flow); }
    void map_end() override { close(); }
    void sequence_start(detail::PlainMark at, bool flow) override { open_at(YamlNode::Kind::sequence, at, flow); }
    void sequence_end() override { close(); }
    void scalar(detail::PlainMark at, bool quoted, std::string_view value) override {
        YamlNode n = make_at(YamlNode::Kind::scalar, at);
        n.quoted = quoted;
        n.value.assign(value);
        add(std::move(n));
    }

    void fail(const YAML::Mark& mark, const char* rule, const Text& message) {
        out_.error(path_, position_of(mark), rule, message);
        failed = true;
        throw Aborted{};
    }

    Position position_of(const YAML::Mark& mark) const {
        if (mark.is_null()) return {};
        std::size_t pos = static_cast<std::size_t>(mark.pos);
        if (pos > text_.size()) pos = text_.size();
        if (mark.line == counted_.line && pos >= counted_.pos) return {mark.line + 1, column_at(mark.line, counted_.line_start, pos)};
        const std::size_t line_start = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
        const std::size_t start = (line_start == std::string_view::npos || pos == 0) ? 0 : line_start + 1;
        return {mark.line + 1, column_at(mark.line, start, pos)};
    }

    // The innermost [..] or {..} still open, where an unclosed bracket was opened.
    std::optional<Position> open_flow() const {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (it->node.flow) return it->node.position;
        return std::nullopt;
    }

private:
    struct Open {
        YamlNode node;
        std::optional<YamlNode> pending_key;  // mappings: key read, value not yet
        // Mappings with many keys: the line of each key's first occurrence, so that finding
        // duplicates stays linear (a file of 100,000 keys must not take minutes).
        std::unordered_map<std::string, int> key_lines;
    };

    // The character column of byte `pos`, counted on from the position asked for before when
    // it is on the same line: a line of 100,000 nodes (one long flow mapping) must not be
    // counted from its start for each of them.
    int column_at(int line, std::size_t line_start, std::size_t pos) const {
        if (line != counted_.line || line_start != counted_.line_start || pos < counted_.pos)
            counted_ = {line, line_start, line_start, 1};
        counted_.column += character_column(text_, counted_.pos, pos - counted_.pos) - 1;
        counted_.pos = pos;
        return counted_.column;
    }

    struct Counted {
        int line = -1;
        std::size_t line_start = 0, pos = 0;
        int column = 1;
    };
    mutable Counted counted_;

    static constexpr int kMaxDuplicateFindings = 20;
    int duplicates_ = 0;

    static constexpr std::size_t kKeysScanned = 64;  // scanned up to here: no table for a usual mapping

    // The line where `key` first occurs in the mapping `open`, if it does.
    static std::optional<int> earlier_key(Open& open, const YamlNode& key) {
        std::vector<YamlEntry>& entries = open.node.entries;
        if (entries.size() < kKeysScanned) {
            for (const YamlEntry& e : entries)
                if (e.key.value == key.value) return e.key.position.line;
            return std::nullopt;
        }
        if (open.key_lines.empty())
            for (const YamlEntry& e : entries) open.key_lines.emplace(e.key.value, e.key.position.line);
        auto [at, added] = open.key_lines.emplace(key.value, key.position.line);
        if (added) return std::nullopt;
        return at->second;
    }

    YamlNode make(YamlNode::Kind kind, const YAML::Mark& mark) const {
        YamlNode n;
        n.kind = kind;
        n.position = position_of(mark);
        n.offset = mark.is_null() ? 0 : static_cast<std::size_t>(mark.pos);
        return n;
    }

    // yaml-cpp accepts a quoted scalar that runs to the end of the text; YAML does not.
    bool closed_quote(std::size_t at) const {
        if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) return true;  // block scalar
        const char quote = text_[at];
        for (std::size_t i = at + 1; i < text_.size(); ++i) {
            if (quote == '"' && text_[i] == '\\') ++i;
            else if (text_[i] == quote && quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') ++i;
            else if (text_[i] == quote) return true;
        }
        return false;
    }

    YamlNode make_at(YamlNode::Kind kind, detail::PlainMark at) const {
        YamlNode n;
        n.kind = kind;
        n.position = {at.line + 1, column_at(at.line, at.line_start, at.pos)};
        n.offset = at.pos;
        return n;
    }

    void open_at(YamlNode::Kind kind, detail::PlainMark at, bool flow) {
        YamlNode n = make_at(kind, at);
        n.flow = flow;
        if (stack_.size() >= limits_.max_depth)
            fail_at(n.position, "syntax", say("nesting deeper than {} levels", limits_.max_depth));
        stack_.push_back({std::move(n), std::nullopt, {}});
    }

    // Whether a null is written out at `mark` (~, null) rather than left empty.
    bool null_written_at(const YAML::Mark& mark) const {
        if (mark.is_null() || static_cast<std::size_t>(mark.pos) >= text_.size()) return false;
        const std::string_view at = text_.substr(static_cast<std::size_t>(mark.pos));
        for (std::string_view word : {"~", "null", "Null", "NULL"})
            if (at.starts_with(word) && (at.size() == word.size() || std::string_view(" \t\r\n,]}#").find(at[word.size()]) != std::string_view::npos))
                return true;
        return false;
    }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) fail(mark, "alias", say("anchors (&name) and aliases are not allowed in pipeline files"));
    }

    void open(YamlNode n, const YAML::Mark& mark) {
        if (stack_.size() >= limits_.max_depth)
            fail(mark, "syntax", say("nesting deeper than {} levels", limits_.max_depth));
        stack_.push_back({std::move(n), std::nullopt, {}});
    }

    void close() {
        Open top = std::move(stack_.back());
        stack_.pop_back();
        add(std::move(top.node));
    }

    void add(YamlNode n) {
        if (stack_.empty()) {
            if (root) fail_at(n.position, "syntax", say("more than one YAML document in the file"));
            root = std::move(n);
            return;
        }
        Open& top = stack_.back();
        if (top.node.kind == YamlNode::Kind::sequence) {
            top.node.items.push_back(std::move(n));
            return;
        }
        if (!top.pending_key) {
            if (!n.is_scalar() && !n.is_null()) fail_at(n.position, "syntax", say("a mapping key must be a plain scalar"));
            if (!top.node.flow && n.is_scalar() && !n.quoted && !colon_after(n))
                fail_at(n.position, "syntax", say("\"{0}\" has no colon after it: write {0}: VALUE", n.value));
            if (auto first = earlier_key(top, n)) {
                // A file of nothing but one key repeated must not make 100,000 findings.
                if (++duplicates_ > kMaxDuplicateFindings)
                    fail_at(n.position, "duplicate-key",
                            say("more than {} duplicate keys; the others are not listed", kMaxDuplicateFindings));
                out_.error(path_, n.position, "duplicate-key",
                           say("duplicate key \"{}\" (first at line {})", n.value, *first));
                failed = true;
            }
            top.pending_key = std::move(n);
            return;
        }
        top.node.entries.push_back({std::move(*top.pending_key), std::move(n)});
        top.pending_key.reset();
    }

    // yaml-cpp reads a line without a colon at the end of a block mapping ("lessons") as a
    // key without a value; YAML does not, and the colon was forgotten.
    bool colon_after(const YamlNode& key) const {
        if (key.offset + key.value.size() > text_.size() || text_.substr(key.offset, key.value.size()) != key.value)
            return true;  // not written as one plain line: yaml-cpp judges it
        std::size_t i = key.offset + key.value.size();
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
        if (i < text_.size() && text_[i] == ':') return true;
        std::size_t before = key.offset;  // an explicit key ("? key") has its colon on a later line
        while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t')) --before;
        return before > 0 && text_[before - 1] == '?';
    }

    void fail_at(Position at, const char* rule, const Text& message) {
        out_.error(path_, at, rule, message);
        failed = true;
        throw Aborted{};
    }

    std::string_view text_;
    const std::string& path_;
    Diagnostics& out_;
    YamlLimits limits_;
    std::vector<Open> stack_;
};

// yaml-cpp's messages for the mistakes people make most, said in their terms; others as
// yaml-cpp says them, in English. Ours are fmt formats (say()): a brace is written twice.
Text explain(const std::string& message) {
    static const std::pair<const char*, const char*> known[] = {
        {"illegal map value", N_("unexpected \": \" here: quote a value that holds \": \", or check the indentation")},
        {"end of map not found", N_("the indentation of this line does not match the lines above it")},
        {"end of sequence not found", N_("the indentation of this line does not match the list above it")},
        {"end of map flow not found", N_("a {{ mapping is not closed with }}")},
        {"end of sequence flow not found", N_("a [ list is not closed with ]")},
        {"illegal flow end", N_("a ] or }} without its opening bracket")},
        {"illegal tab when looking for indentation", N_("a tab in the indentation; indent with spaces")},
        {"unknown token", N_("a value cannot start with this character; put the value in quotes")},
    };
    for (const auto& [from, to] : known)
        if (message == from) return say(to);
    return message;
}

// The tab in the leading white space of the line at `mark`, if there is one.
std::optional<Position> tab_in_indentation(std::string_view text, const YAML::Mark& mark) {
    if (mark.is_null()) return std::nullopt;
    const std::size_t pos = std::min(text.size(), static_cast<std::size_t>(mark.pos));
    const std::size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
        if (text[i] == '\t') return Position{mark.line + 1, static_cast<int>(i - start) + 1};
    return std::nullopt;
}

}  // namespace

int character_column(std::string_view text, std::size_t line_start, std::size_t byte_column) {
    int column = 1;
    const std::size_t end = std::min(text.size(), line_start + byte_column);
    for (std::size_t i = line_start; i < end; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    return column;
}

const YamlEntry* YamlNode::find_entry(std::string_view key) const {
    for (const YamlEntry& e : entries)
        if (e.key.value == key) return &e;
    return nullptr;
}

const YamlNode* YamlNode::find(std::string_view key) const {
    const YamlEntry* e = find_entry(key);
    return e ? &e->value : nullptr;
}

// The words of sentences such as "stage must be text, not a list".
const char* kind_name(YamlNode::Kind k) {
    switch (k) {
        // TRANSLATORS: a kind of YAML value, in "... must be text, not a {}": an empty value.
        case YamlNode::Kind::null: return N_("null");
        // TRANSLATORS: a kind of YAML value, in "... must be a list, not a {}": one value.
        case YamlNode::Kind::scalar: return N_("scalar");
        // TRANSLATORS: a kind of YAML value, in "... must be text, not a {}": "- item" lines or [a, b].
        case YamlNode::Kind::sequence: return N_("list");
        // TRANSLATORS: a kind of YAML value, in "... must be text, not a {}": "key: value" lines or {k: v}.
        case YamlNode::Kind::mapping: return N_("mapping");
    }
    return "?";
}

Text kind_text(YamlNode::Kind k) {
    const char* word = kind_name(k);
    return Text(word, tr(word));
}

YamlDocument parse_yaml(std::string_view text, const std::string& path, Diagnostics& out, YamlLimits limits) {
    // An input method's colon, comma, bracket or space where YAML expects its own: the finding
    // is that character; what the parser says about the structure it broke is left out.
    if (!find_input_slips(text, path, out).empty()) {
        Diagnostics parsed;
        YamlDocument doc = parse_yaml_with_yaml_cpp(text, path, parsed, limits);
        for (const Diagnostic& d : parsed.items())
            if (d.rule != "syntax") out.add(d);
        return doc;
    }
    // Most files are plain block YAML, which a direct reader handles many times faster than
    // yaml-cpp with the very same tree. Anything else, and any finding, goes to yaml-cpp.
    Diagnostics scratch;
    TreeBuilder builder(text, path, scratch, limits);
    bool plain = false;
    try {
        plain = detail::parse_plain_yaml(text, builder);
    } catch (const Aborted&) {
    }
    if (plain && !builder.failed && scratch.empty() && builder.root) return YamlDocument{std::move(builder.root)};
    return parse_yaml_with_yaml_cpp(text, path, out, limits);
}

YamlDocument parse_yaml_with_yaml_cpp(std::string_view text, const std::string& path, Diagnostics& out, YamlLimits limits) {
    YamlDocument doc;
    ViewBuffer buffer(text);
    std::istream in(&buffer);
    TreeBuilder builder(text, path, out, limits);
    try {
        YAML::Parser parser(in);
        if (parser.HandleNextDocument(builder) && !builder.failed) {
            TreeBuilder extra(text, path, out, limits);
            // yaml-cpp starts a new document, without "---", at text that does not fit the first one.
            if (parser.HandleNextDocument(extra) && extra.root)
                out.error(path, extra.root->position, "syntax",
                          extra.explicit_start ? say("more than one YAML document in the file")
                                               : say("this line does not fit the structure above it (check the indentation)"));
            if (extra.failed || extra.root) builder.failed = true;
        }
    } catch (const Aborted&) {
    } catch (const YAML::DeepRecursion& e) {
        out.error(path, builder.position_of(e.mark), "syntax", say("nesting too deep"));
        builder.failed = true;
    } catch (const YAML::Exception& e) {
        Position at = builder.position_of(e.mark);
        // yaml-cpp notices an unclosed bracket at the end of the text; the bracket is where to look.
        if (e.msg == "end of map flow not found" || e.msg == "end of sequence flow not found")
            if (auto open = builder.open_flow()) at = *open;
        // A tab before a key gives yaml-cpp's message about what follows it; the tab is the mistake.
        // Inside [ ] or { } a tab at the start of a line is white space, and the message stands.
        const auto tab = builder.open_flow() ? std::nullopt : tab_in_indentation(text, e.mark);
        if (e.msg == "the referenced anchor is not defined")
            out.error(path, at, "alias", say("anchors and aliases (*name) are not allowed in pipeline files"));
        else if (tab)
            out.error(path, *tab, "syntax", explain("illegal tab when looking for indentation"));
        else
            out.error(path, at, "syntax", explain(e.msg));
        builder.failed = true;
    }
    if (!builder.failed) doc.root = std::move(builder.root);
    return doc;
}

}  // namespace pipeline
