// The merge-request gate of `pipeline check --base REV`: the projects compared with their
// state at a base revision. Pure: both states are already loaded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline {

struct BaseCheckOptions {
    Date today;
    Text base;                     // how messages name the base: "origin/main (3f2a9c1)"
    bool strict = false;           // a deleted project is an error, not a warning
    bool whole_repository = true;  // every project file was loaded: look for deleted ones
    // When set, `base` holds only the records of these files (sorted): every other file has
    // the bytes it had at the base, so nothing of it differs and it is not compared.
    const std::vector<std::string>* differs = nullptr;
};

// Adds, for each project of `projects` (checked under `process`) that `base` also holds
// (matched by id, else by path):
// - base-history (error): a history entry present at the base was changed or removed;
// - base-transition (error): the stage or status differs from the base but no history entry
//   was added (on the stage or status line), the added entries do not start where the
//   project stood at the base, or an added forward move passed a gate that does not hold
//   and was not forced (gates of the stages the project has now left are the `gate` rule's);
// - base-deleted (warning; error when strict): a project of the base is gone.
void check_against_base(const Repository& base, const std::vector<Project>& projects, const Process& process,
                        const BaseCheckOptions& options, Diagnostics& out);

// Whether findings of `rule` arise from the passing of time alone: review (a review now due),
// overdue-close (an expected close passed), stale (no activity for too long).
bool is_time_rule(std::string_view rule);

// Leaves out of `out` the findings of time rules in project files that the change since
// `base` did not touch (their record is the same as at the base, at the same path): a merge
// request fails only for what it changed. When the change alters the rules those findings
// follow (rules.stale_days, review_within_days, review_required), it changed them all: every
// one is kept. Plain `check` reports them all.
// `differs`: as BaseCheckOptions has it.
void leave_out_untouched_time_findings(const Repository& base, const std::vector<Project>& projects, const Process& process,
                                       Diagnostics& out, const std::vector<std::string>* differs = nullptr);

}  // namespace pipeline
