// A small YAML document tree with source positions, built from yaml-cpp's parser events.
// Unlike YAML::Node it keeps where every node starts, whether a scalar was quoted and
// whether a collection was written in flow style; it reports duplicate keys and refuses
// anchors and aliases (an alias bomb cannot expand here).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/diagnostic.hpp"

namespace pipeline {

struct YamlEntry;

struct YamlNode {
    enum class Kind { null, scalar, sequence, mapping };
    Kind kind = Kind::null;
    std::string value;          // scalar text, as parsed
    bool quoted = false;        // scalar written in quotes or as a block scalar
    bool block = false;         // scalar written as a block (| or >)
    bool flow = false;          // collection written as [..] or {..}
    Position position;          // 1-based line and column (in characters)
    std::size_t offset = 0;     // byte offset of the node's first character in the text
    std::vector<YamlNode> items;       // sequence items
    std::vector<YamlEntry> entries;    // mapping entries, in file order

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_mapping() const { return kind == Kind::mapping; }
    // The entry's value for a scalar key, or nullptr.
    const YamlNode* find(std::string_view key) const;
    const YamlEntry* find_entry(std::string_view key) const;
};

struct YamlEntry {
    YamlNode key;
    YamlNode value;
};

struct YamlDocument {
    std::optional<YamlNode> root;  // absent when the text is empty or could not be parsed
};

struct YamlLimits {
    std::size_t max_depth = 64;  // deeper nesting is refused, so no input can exhaust the stack
};

// Parses one YAML document. Syntax errors, duplicate keys, anchors/aliases, multiple
// documents and excessive nesting become findings on `path`; the tree is dropped on error.
YamlDocument parse_yaml(std::string_view text, const std::string& path, Diagnostics& out,
                        YamlLimits limits = {});

// The same, always through yaml-cpp's parser: what parse_yaml's faster reader of plain
// block YAML must agree with (tests compare the two).
YamlDocument parse_yaml_with_yaml_cpp(std::string_view text, const std::string& path, Diagnostics& out,
                                      YamlLimits limits = {});

// "scalar", "list", "mapping" or "null": for messages, in English (message ids, N_()).
const char* kind_name(YamlNode::Kind k);
// The same word for findings: English and the reader's language.
Text kind_text(YamlNode::Kind k);

// Converts a 0-based byte column on a line of `text` to a 1-based character column.
int character_column(std::string_view text, std::size_t line_start, std::size_t byte_column);

}  // namespace pipeline
