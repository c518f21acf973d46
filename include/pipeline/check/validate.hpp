// The checks of `pipeline check`: pure functions from the model to findings.
#pragma once

#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct CheckOptions {
    Date today;
    // check_projects: when set (sorted paths), the per-file checks run for these files' records
    // alone, the checks across files for every record: for a state whose other records were
    // checked before, under the same process and day.
    const std::vector<std::string>* only_files = nullptr;
};

// Every per-file check of one project (see pipeline-project(5), CHECKS).
void check_project(const Project& p, const Process& process, const CheckOptions& options, Diagnostics& out);

// The checks across files (unique ids), then check_project for each.
void check_projects(const std::vector<Project>& projects, const Process& process, const CheckOptions& options,
                    Diagnostics& out);

}  // namespace pipeline
