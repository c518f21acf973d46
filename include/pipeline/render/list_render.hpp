// The project list (pipeline list) as a table and as JSON. Schema: pipeline(1), "pipeline list".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline {

// id, stage, status, owner, amount (base currency), close (the period date), name; one row a project.
// `plain_amounts`: 1280000.50 rather than 1,280,000.50, for CSV.
Table project_list_table(const std::vector<Project>& projects, const Process& process, bool plain_amounts = false,
                         MoneyUnit unit = MoneyUnit::yuan);

std::string render_project_list_json(const std::vector<Project>& projects, const Process& process,
                                     const std::optional<Date>& as_of, const std::vector<std::string>& filter);

}  // namespace pipeline
