// A fast reader for the plain subset of YAML that pipeline files are written in: block
// mappings and sequences indented with spaces, one-line flow collections, one-line plain
// and quoted scalars, comments. Internal to yaml_tree.
//
// It gives exactly the events yaml-cpp's parser gives for the same text, or refuses: at the
// first thing outside the subset (tabs, anchors, tags, block scalars, multi-line scalars or
// flow collections, empty values, document markers, escapes, ...) it returns false, and the
// caller parses the whole text again with yaml-cpp. Errors are never reported from here.
#pragma once

#include <cstddef>
#include <string_view>

namespace pipeline::detail {

// Where a node starts: byte offset, 0-based line, and the byte offset of that line's start.
struct PlainMark {
    std::size_t pos = 0;
    int line = 0;
    std::size_t line_start = 0;
};

class PlainEvents {
public:
    virtual ~PlainEvents() = default;
    virtual void map_start(PlainMark at, bool flow) = 0;
    virtual void map_end() = 0;
    virtual void sequence_start(PlainMark at, bool flow) = 0;
    virtual void sequence_end() = 0;
    virtual void scalar(PlainMark at, bool quoted, std::string_view value) = 0;
};

// Sends the events of `text` to `out`; false (after some events, maybe) when the text is
// outside the subset.
bool parse_plain_yaml(std::string_view text, PlainEvents& out);

}  // namespace pipeline::detail
