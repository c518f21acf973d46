// Typed reads from a YamlNode that turn every mismatch into a finding with its position.
// Internal to the loaders of pipeline.yaml and project files.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {

// What findings call a value ("stage name", "amount"): a Text (say(), a translated label), or a
// string, the same in every language (a key as the file writes it). Kept for the call only;
// turned into a Text only when a finding is made, so a read that succeeds costs nothing.
class Label {
public:
    Label(const char* same) : same_(same) {}
    Label(std::string_view same) : same_(same) {}
    Label(const std::string& same) : same_(same) {}
    Label(const Text& text) : text_(&text) {}
    Text text() const { return text_ ? *text_ : Text(std::string(same_)); }

private:
    std::string_view same_;
    const Text* text_ = nullptr;
};

class NodeReader {
public:
    NodeReader(const std::string& path, Diagnostics& out, std::string type_rule = "type", bool strict = false)
        : path_(path), out_(out), type_rule_(std::move(type_rule)), strict_(strict) {}

    // Each returns nullopt (and records a finding) when the node has the wrong type;
    // a null or missing node is nullopt without a finding.
    std::optional<std::string> text(const YamlNode* n, Label what);
    std::optional<Date> date(const YamlNode* n, Label what);
    std::optional<Money> money(const YamlNode* n, Label what);
    std::optional<Rate> rate(const YamlNode* n, Label what);
    std::optional<int> integer(const YamlNode* n, Label what, int min, int max);
    std::optional<bool> boolean(const YamlNode* n, Label what);
    // Any scalar as written ("true", a date, a number); lists and mappings are a finding.
    std::optional<std::string> scalar(const YamlNode* n, Label what);
    // True for a mapping; a finding for anything but null or a mapping.
    bool mapping(const YamlNode* n, Label what);
    bool sequence(const YamlNode* n, Label what);
    // A finding for a string outside `allowed`.
    std::optional<std::string> one_of(const YamlNode* n, Label what,
                                      std::initializer_list<std::string_view> allowed, const char* rule = "enum");
    // The finding for a value outside the allowed ones (listed, comma-separated, in `allowed`).
    void not_one_of(const YamlNode* n, Label what, std::string_view value, std::string_view allowed,
                    const char* rule = "enum");
    // Under strict, a warning for each key of the mapping not in `known`. `where` follows the
    // key in the message: empty, or " in a gate check".
    void unknown_keys(const YamlNode& map, std::initializer_list<std::string_view> known, Label where);
    void unknown_keys(const YamlNode& map, const std::vector<std::string_view>& known, Label where);
    // Under strict, the warning for one key that is not known.
    void unknown_key(const YamlEntry& entry, Label where);
    bool strict() const { return strict_; }

    void error(const YamlNode* n, std::string rule, const Text& message);
    void error_at(Position at, std::string rule, const Text& message);
    // Where the character at byte `byte` of a one-line scalar's value is.
    Position inside(const YamlNode& n, std::size_t byte) const;
    void warning(const YamlNode* n, std::string rule, const Text& message);
    Diagnostics& out() { return out_; }
    const std::string& path() const { return path_; }

private:
    bool printable(const YamlNode& n, Label what);
    bool full_width_digits(const YamlNode& n, Label what, const std::string& rule);
    const std::string& path_;
    Diagnostics& out_;
    std::string type_rule_;
    bool strict_;
};

}  // namespace pipeline
