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

#include "pipeline/process.hpp"
#include "pipeline/project.hpp"

namespace pipeline {

// A scalar to write. Strings are quoted when a plain scalar would read as something
// else (a number, a boolean, null) or could not be written plain; dates, numbers and
// booleans (`literal`) are written as they are.
struct Scalar {
    std::string text;
    bool literal = false;
    static Scalar string(std::string s) { return {std::move(s), false}; }
    static Scalar plain(std::string s) { return {std::move(s), true}; }
};

// The keys and values of a new list item, in the order they are written.
using YamlItem = std::vector<std::pair<std::string, Scalar>>;

enum class ScalarContext { block, flow };

// The scalar as YAML: plain when that reads back as exactly `s`, else double-quoted.
std::string yaml_scalar(const Scalar& s, ScalarContext context);
// A list item as a flow mapping: "{date: 2026-11-23, to: lead, by: zhang.san}".
std::string yaml_flow_mapping(const YamlItem& item);

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
    std::vector<Set> set;
    std::vector<std::string> remove;   // top-level keys removed with their value (absent keys are ignored)
    std::vector<Append> append;
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

// Applies `edit` to the text of a project file and verifies it twice: as YAML (above), and
// as a project: loading the result must give `expected` field by field (positions aside)
// and the same findings as loading the original.
EditResult edit_project_text(std::string_view text, const std::string& path, const Process& process,
                             const FileEdit& edit, const Project& expected);

// The first field in which two projects differ ("stage", "history[3].note"), positions
// not counted; nullopt when they are the same.
std::optional<std::string> first_difference(const Project& a, const Project& b);

// The lines an edit changes, for people: "-old line" and "+new line" per hunk, each hunk
// headed by "@@ line N @@" (N the first line in the old text). Line ends are not shown.
struct DiffHunk {
    int line = 0;                       // first old line of the hunk, 1-based
    std::vector<std::string> removed;
    std::vector<std::string> added;
};
std::vector<DiffHunk> diff_hunks(std::string_view text, const std::vector<Splice>& splices);

}  // namespace pipeline
