// When an instalment falls due: on the date it names, or a number of days after a milestone of
// the project (on acceptance + 30 days). See pipeline-project(5), payments.
#pragma once

#include <optional>
#include <string_view>

#include "pipeline/base/date.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// The day milestone `on` happened for the project: `signed` (contract.signed_on), `delivered`
// (delivery.delivered_on), `accepted` (acceptance.date), a date field by its dotted path, or a
// stage by id or name (the day the project first entered it); nullopt while it has not happened
// (and for `accepted` while the acceptance's result is failed).
std::optional<Date> milestone_date(const Project& p, std::string_view on, const Process& process);

// Whether `on` names a milestone milestone_date knows.
bool known_milestone(std::string_view on, const Process& process);

struct InstalmentDue {
    std::optional<Date> date;   // the due date: as written, or the milestone's day + days
    bool waiting = false;       // due on a milestone that has not happened yet
};

// The instalment's due date: `due` when the file writes one, else its milestone's day plus `days`.
InstalmentDue instalment_due(const Payment& pay, const Project& p, const Process& process);

}  // namespace pipeline
