// One project as a person wants to see it (`pipeline show`): where it stands, what it is
// worth, and above all what must be done before it can move on. Pure, over the model.
#pragma once

#include <optional>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/check/gate.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct OverduePayment {
    const Payment* payment = nullptr;
    Money outstanding;
    int days = 0;                          // since the due date
    Date due;                              // as written, or derived from its milestone
};

struct ProjectView {
    Money amount;                          // in the base currency
    int probability = 0;                   // weighted at (stage_probability)
    int stage_probability = 0;             // the current stage's own (more than `probability` inside a flexible group without the evidence)
    Money weighted;                        // what the project adds to the forecast (forecast_value)
    std::optional<Date> stage_entered;     // the history entry that reached the current stage
    std::optional<int> days_in_stage;

    // The next step of an open project in a known stage: the stage the checklist leads to
    // (-1: closing as won, from the final stage or a flexible group that ends the process).
    bool has_next = false;
    int next_stage = -1;
    std::vector<int> free_stages;          // the other stages of the current flexible group
    std::vector<int> gates;                // stages whose gates the next step needs, in order
    std::vector<CheckResult> checklist;    // every check of those gates, holding or not

    std::vector<const Risk*> open_risks;   // by score, highest first
    std::vector<OverduePayment> overdue;   // due before today and not fully received, oldest first
    const Activity* last_activity = nullptr;
};

ProjectView view_project(const Project& p, const Process& process, Date today);

}  // namespace pipeline
