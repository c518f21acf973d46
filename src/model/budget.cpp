#include "pipeline/model/budget.hpp"

#include <algorithm>

#include "pipeline/model/authority.hpp"

namespace pipeline {

std::optional<Money> BudgetStanding::remaining() const {
    if (!limit) return std::nullopt;
    return *limit - spent;
}

std::optional<BudgetStanding> budget_standing(const Project& p, const Process& process) {
    const auto counts = [&](const char* type) {
        return std::any_of(p.approvals.begin(), p.approvals.end(),
                           [&](const Approval& a) { return a.type == type && approval_counts(a, p, process); });
    };
    BudgetStanding b;
    b.approved = counts("budget");
    b.change_approved = counts("change");
    b.expenses = p.budget.spending.size();
    for (const Spending& s : p.budget.spending) b.spent += s.amount;
    if (p.budget.limit) {
        b.limit = p.budget.limit;
    } else if (p.margin && *p.margin > 0 && process.rules.budget_share_of_margin > 0) {
        b.limit = percent_of_percent(p.amount, *p.margin, process.rules.budget_share_of_margin);
        b.derived = true;
    }
    if (!p.budget.limit && b.expenses == 0 && !b.approved) return std::nullopt;
    return b;
}

}  // namespace pipeline
