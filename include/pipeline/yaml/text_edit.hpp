// Edits on the TEXT of a YAML file, at the positions its parse gives. yaml-cpp cannot
// write comments back, so a change is spliced into the original bytes: the lines it
// must touch change, every other byte (comments, blank lines, key order, quoting,
// indentation, CRLF or LF, a missing final newline) stays as it was. Every edit is
// checked by parsing the result again; an edit that would mean anything but the
// intended change is an error and yields no text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "pipeline/yaml/yaml_write.hpp"

namespace pipeline {

// One change of a file's top-level mapping.
struct FileEdit {
    struct Set {
        std::string key;      // a top-level key with a scalar value: replaced in place, or inserted
        Scalar value;
    };
    struct Append {
        std::string list;     // a top-level list: the item is added at its end (the list is created if absent)
        YamlItem item;
    };
    // Changes inside the mapping of a top-level key (customer: ...), its other keys kept as
    // written. The mapping may be a block, a flow mapping on one line, or a scalar standing for
    // its `shorthand` key ("customer: 某公司" is its name), which becomes a flow mapping. Only
    // keys with single values (or none) are set or removed.
    struct Nested {
        std::string mapping;              // the top-level key
        std::string shorthand;            // the key a scalar value stands for, or empty
        std::vector<Set> set;             // replaced in place; a key not present goes before the others
        std::vector<std::string> remove;  // removed with their value; a comment after the value stays
    };
    std::vector<Set> set;
    std::vector<std::string> remove;   // top-level keys removed with their value (absent keys are ignored)
    std::vector<Append> append;
    std::vector<Nested> nested;
    // The usual order of top-level keys: a new key goes after the nearest key present that
    // comes before it in this order, else at the end of the mapping.
    std::vector<std::string> key_order;
};

// A replacement of `length` bytes at `offset` of the original text.
struct Splice {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string text;
};

// Why an edit cannot be made, in the reader's language: only the command layer shows it, as text.
struct EditError {
    std::string message;
};

using EditResult = std::variant<std::string, EditError>;

// The splices that make `edit` on `text`, all against the original text, in order.
std::variant<std::vector<Splice>, EditError> plan_splices(std::string_view text, const FileEdit& edit);

// Applies splices made by plan_splices (sorted by offset, non-overlapping).
std::string apply_splices(std::string_view text, const std::vector<Splice>& splices);

// Applies `edit` and verifies it: the new text must parse into the same YAML tree as the
// old one except for exactly the intended changes.
EditResult apply_edit(std::string_view text, const FileEdit& edit);

}  // namespace pipeline
