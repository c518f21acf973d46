// budget: the presales budget of each project — limit, spent, remaining — in the base currency.
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/budget.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

BudgetReport budget_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    BudgetReport out;
    out.share_of_margin = process.rules.budget_share_of_margin;
    for (const Project* p : select(projects, process, request.filter)) {
        const auto b = budget_standing(*p, process);
        if (!b) continue;
        BudgetRow row;
        row.project = project_ref(*p);
        row.sponsor = p->sponsor.str();
        row.derived = b->derived;
        row.spent = converted(*p, b->spent, process);
        row.expenses = b->expenses;
        row.approved = b->approved;
        row.over = b->over();
        row.over_unapproved = row.over && !b->change_approved;
        if (b->limit) {
            row.limit = converted(*p, *b->limit, process);
            row.remaining = *row.limit - row.spent;
            if (row.limit->cents > 0) row.used = ratio_permille(row.spent.cents, row.limit->cents);
            out.limit += *row.limit;
        }
        out.spent += row.spent;
        out.over += row.over;
        out.over_unapproved += row.over_unapproved;
        out.unapproved += row.expenses > 0 && !row.approved;
        out.projects.push_back(std::move(row));
    }
    return out;
}

}  // namespace pipeline
