// The presales budget of a project as it stands (sop.md §3, 售前项目任务书): its limit, written
// or derived from the expected margin, what was spent against it, and whether it is approved.
// The one place of budget arithmetic: check, report budget and show read it.
#pragma once

#include <optional>

#include "pipeline/base/money.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct BudgetStanding {
    std::optional<Money> limit;        // budget.limit, else derived; none when neither is there
    bool derived = false;              // the limit is amount × margin × rules.budget_share_of_margin
    Money spent;                       // the sum of budget.spending
    std::size_t expenses = 0;
    bool approved = false;             // a budget approval by someone allowed
    bool change_approved = false;      // a change approval by someone allowed
    // What is left of the limit (negative when over); none without a limit.
    std::optional<Money> remaining() const;
    bool over() const { return limit && spent > *limit; }
};

// In the project's own currency. nullopt for a project without a budget: no limit written, no
// expense and no budget approval.
std::optional<BudgetStanding> budget_standing(const Project& p, const Process& process);

}  // namespace pipeline
