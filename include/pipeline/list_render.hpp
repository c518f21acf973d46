// The project list (pipeline list) as a table and as JSON. Schema: pipeline(1), "pipeline list".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/date.hpp"
#include "pipeline/process.hpp"
#include "pipeline/project.hpp"
#include "pipeline/table.hpp"

namespace pipeline {

// id, stage, status, owner, amount (base currency), close (the period date), name; one row a project.
Table project_list_table(const std::vector<Project>& projects, const Process& process);

std::string render_project_list_json(const std::vector<Project>& projects, const Process& process,
                                     const std::optional<Date>& as_of, const std::vector<std::string>& filter);

}  // namespace pipeline
