// A project as it stood on an earlier date, rebuilt from its history (--as-of).
#pragma once

#include <optional>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// The project as of the end of day `date`: the history entries dated on or before `date`,
// in file order, give its stage (the last stage reached), its status (open, or the outcome
// of the last entry when that entry closed it) and closed_on (the date of that entry).
// Every other field keeps its present value: files keep no history of amounts or dates.
// A project whose history has no entry yet on `date` did not exist: nullopt. When no entry
// is after `date`, the project is returned unchanged. A won project reaching a stage after
// the win (delivery, acceptance) stays won.
std::optional<Project> project_as_of(const Project& p, Date date, const Process& process);

// project_as_of for each project, leaving out those that did not exist yet; order kept.
std::vector<Project> projects_as_of(const std::vector<Project>& projects, Date date, const Process& process);

}  // namespace pipeline
