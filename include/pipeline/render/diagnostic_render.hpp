// Findings as text for people (with a source excerpt), JSON for programs, and
// GitHub workflow commands for annotations on a merge request.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/render/json.hpp"

namespace pipeline {

// Returns line `line` (1-based) of file `path`, without its line break, if available.
using SourceLookup = std::function<std::optional<std::string>(const std::string& path, int line)>;

struct CheckSummary {
    std::size_t files = 0;              // project files
    std::size_t customers = 0;          // customer files
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

// "path:line:col: error: message [rule]" lines; with `source`, each followed by an excerpt.
std::string render_diagnostics_text(const Diagnostics& d, const SourceLookup* source);
std::string render_diagnostics_json(const Diagnostics& d, const CheckSummary& summary);
std::string render_diagnostics_github(const Diagnostics& d);

// The findings as the array value of the key just written: objects with path, line, column,
// severity, rule and message (English), as check --format json writes them.
void write_findings_json(JsonWriter& w, const Diagnostics& d);

}  // namespace pipeline
