// A new project file (`pipeline new`): the given fields, the first stage with a first
// history entry, and the other fields of the sales process as commented guidance.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/change/project_change.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct NewProjectRequest {
    std::string id, name, customer, owner;
    std::string industry, source;      // optional: customer.industry, lead.source
    std::string currency;              // optional: written only when given
    Money amount;
    Date expected_close;
    Date date;                         // of the first history entry
    std::string by;                    // who records it; empty: no `by`
    std::string schema;                // the JSON Schema for editors, relative to the file; empty: none
};

struct NewProject {
    std::string text;                  // the file, LF line ends, UTF-8
    Project project;                   // as it loads
};

// The file's text for `request`.
std::string new_project_text(const NewProjectRequest& request, const Process& process);

// Writes the text and loads it back: a refusal when the id is malformed ("id"), the process
// has no stage, or the project would not pass `pipeline check` ("check", with the findings).
// `path` is where the file will be, relative to the repository root.
std::variant<NewProject, Refusal> plan_new(const NewProjectRequest& request, const Process& process, Date today,
                                           const std::string& path);

}  // namespace pipeline
