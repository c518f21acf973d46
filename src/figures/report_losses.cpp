// losses: lost and abandoned projects by reason and by the stage they were lost in.
#include <algorithm>
#include <map>

#include "pipeline/figures/valuation.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

namespace {

// The stage the project left when it closed: the `from` of the entry that closed it,
// else the stage the file names.
int stage_at_close(const Project& p) {
    for (auto it = p.history.rbegin(); it != p.history.rend(); ++it)
        if (it->to_outcome == p.status) return it->from >= 0 ? it->from : p.stage;
    return p.stage;
}

void count(LossCount& c, const Project& p, Money amount) {
    (p.status == Status::lost ? c.lost : c.abandoned) += 1;
    c.amount += amount;
}

}  // namespace

Losses loss_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Losses out;
    std::map<std::string, LossCount> reasons;
    std::map<int, LossCount> stages;
    for (const Project* p : select(projects, process, request.filter)) {
        if (p->status != Status::lost && p->status != Status::abandoned) continue;
        if (!closed_in(*p, request.window)) continue;
        const Money amount = converted_amount(*p, process);
        const int stage = stage_at_close(*p);
        count(reasons[p->close_reason], *p, amount);
        count(stages[stage], *p, amount);
        count(out.total, *p, amount);
        out.projects.push_back({project_ref(*p), stage, *p->closed_on, p->close_reason, amount});
    }
    for (auto& [reason, c] : reasons) out.reasons.push_back({reason, c});
    std::stable_sort(out.reasons.begin(), out.reasons.end(), [](const LossByReason& a, const LossByReason& b) {
        if (a.count.projects() != b.count.projects()) return a.count.projects() > b.count.projects();
        return a.count.amount > b.count.amount;
    });
    for (auto& [stage, c] : stages) out.stages.push_back({stage, c});
    std::stable_sort(out.projects.begin(), out.projects.end(), [](const LostProject& a, const LostProject& b) {
        if (a.closed_on != b.closed_on) return a.closed_on < b.closed_on;
        return a.project.id < b.project.id;
    });
    return out;
}

}  // namespace pipeline
