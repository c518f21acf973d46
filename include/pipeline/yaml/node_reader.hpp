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

class NodeReader {
public:
    NodeReader(const std::string& path, Diagnostics& out, std::string type_rule = "type", bool strict = false)
        : path_(path), out_(out), type_rule_(std::move(type_rule)), strict_(strict) {}

    // Each returns nullopt (and records a finding) when the node has the wrong type;
    // a null or missing node is nullopt without a finding.
    std::optional<std::string> text(const YamlNode* n, std::string_view what);
    std::optional<Date> date(const YamlNode* n, std::string_view what);
    std::optional<Money> money(const YamlNode* n, std::string_view what);
    std::optional<Rate> rate(const YamlNode* n, std::string_view what);
    std::optional<int> integer(const YamlNode* n, std::string_view what, int min, int max);
    std::optional<bool> boolean(const YamlNode* n, std::string_view what);
    // Any scalar as written ("true", a date, a number); lists and mappings are a finding.
    std::optional<std::string> scalar(const YamlNode* n, std::string_view what);
    // True for a mapping; a finding for anything but null or a mapping.
    bool mapping(const YamlNode* n, std::string_view what);
    bool sequence(const YamlNode* n, std::string_view what);
    // A finding for a string outside `allowed`.
    std::optional<std::string> one_of(const YamlNode* n, std::string_view what,
                                      std::initializer_list<std::string_view> allowed, const char* rule = "enum");
    // The finding for a value outside the allowed ones (listed, comma-separated, in `allowed`).
    void not_one_of(const YamlNode* n, std::string_view what, std::string_view value, std::string_view allowed,
                    const char* rule = "enum");
    // Under strict, a warning for each key of the mapping not in `known`.
    void unknown_keys(const YamlNode& map, std::initializer_list<std::string_view> known, std::string_view where);
    void unknown_keys(const YamlNode& map, const std::vector<std::string_view>& known, std::string_view where);
    // Under strict, the warning for one key that is not known.
    void unknown_key(const YamlEntry& entry, std::string_view where);
    bool strict() const { return strict_; }

    void error(const YamlNode* n, std::string rule, std::string message);
    void error_at(Position at, std::string rule, std::string message);
    void warning(const YamlNode* n, std::string rule, std::string message);
    Diagnostics& out() { return out_; }
    const std::string& path() const { return path_; }

private:
    bool printable(const YamlNode& n, std::string_view what);
    const std::string& path_;
    Diagnostics& out_;
    std::string type_rule_;
    bool strict_;
};

}  // namespace pipeline
