// The checks of `pipeline check`: pure functions from the model to findings.
#pragma once

#include <vector>

#include "pipeline/date.hpp"
#include "pipeline/diagnostic.hpp"
#include "pipeline/process.hpp"
#include "pipeline/project.hpp"

namespace pipeline {

struct CheckOptions {
    Date today;
};

// Every per-file check of one project (see pipeline-project(5), CHECKS).
void check_project(const Project& p, const Process& process, const CheckOptions& options, Diagnostics& out);

// The checks across files (unique ids), then check_project for each.
void check_projects(const std::vector<Project>& projects, const Process& process, const CheckOptions& options,
                    Diagnostics& out);

// The candidate closest to `word` by edit distance, if close enough to suggest.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace pipeline
