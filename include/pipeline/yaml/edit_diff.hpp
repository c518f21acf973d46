// The lines an edit changes, as people read them (dry runs, refusals).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {

// The lines an edit changes, for people: "-old line" and "+new line" per hunk, each hunk
// headed by "@@ line N @@" (N the first line in the old text). Line ends are not shown.
struct DiffHunk {
    int line = 0;                       // first old line of the hunk, 1-based
    std::vector<std::string> removed;
    std::vector<std::string> added;
};
std::vector<DiffHunk> diff_hunks(std::string_view text, const std::vector<Splice>& splices);

}  // namespace pipeline
