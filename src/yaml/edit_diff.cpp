#include "pipeline/yaml/edit_diff.hpp"

#include <algorithm>

#include "text_lines.hpp"

namespace pipeline {

using namespace text_lines;

std::vector<DiffHunk> diff_hunks(std::string_view text, const std::vector<Splice>& splices) {
    struct Range {
        std::size_t begin, end;
        std::vector<const Splice*> splices;
    };
    std::vector<Range> ranges;
    for (const Splice& s : splices) {
        const std::size_t stop = s.offset + s.length;
        const bool whole_lines = line_start(text, s.offset) == s.offset && (stop == text.size() || line_start(text, stop) == stop) &&
                                 (s.length > 0 || (!s.text.empty() && s.text.back() == '\n'));
        Range r{line_start(text, s.offset), whole_lines ? stop : next_line(text, stop), {&s}};
        if (!ranges.empty() && r.begin <= ranges.back().end) {
            ranges.back().end = std::max(ranges.back().end, r.end);
            ranges.back().splices.push_back(&s);
        } else {
            ranges.push_back(std::move(r));
        }
    }
    auto split = [](std::string_view s) {
        std::vector<std::string> lines;
        std::size_t at = 0;
        while (at < s.size()) {
            std::size_t end = s.find('\n', at);
            std::string line(s.substr(at, end == npos ? npos : end - at));
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines.push_back(std::move(line));
            at = end == npos ? s.size() : end + 1;
        }
        return lines;
    };
    std::vector<DiffHunk> hunks;
    for (const Range& r : ranges) {
        std::string changed;
        std::size_t at = r.begin;
        for (const Splice* s : r.splices) {
            changed.append(text.substr(at, s->offset - at));
            changed += s->text;
            at = s->offset + s->length;
        }
        changed.append(text.substr(at, r.end - at));
        const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(r.begin), '\n') + 1;
        hunks.push_back({static_cast<int>(line), split(text.substr(r.begin, r.end - r.begin)), split(changed)});
    }
    return hunks;
}

}  // namespace pipeline
