// stale and risks: the projects that need attention now.
#include <algorithm>
#include <map>

#include "pipeline/check/customer_check.hpp"
#include "pipeline/figures/project_view.hpp"
#include "pipeline/figures/valuation.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

const char* alert_id(AlertKind k) {
    switch (k) {
        case AlertKind::no_activity: return "no-activity";
        case AlertKind::past_close: return "past-close";
        case AlertKind::gate_overdue: return "gate-overdue";
        case AlertKind::task_overdue: return "task-overdue";
        case AlertKind::control_point: return "control-point";
        case AlertKind::revisit_due: return "revisit-due";
        case AlertKind::complaint_late: return "complaint-late";
    }
    return "?";
}

namespace {

// When the project began its current step: the entry that reached its stage, or, inside a
// flexible group, the first of the entries that moved it around the group since it came in
// (moving freely inside a group does not bring the gate that leaves it any closer).
std::optional<Date> step_began(const Project& p, const Process& process) {
    const auto& h = p.history;
    std::size_t i = h.size();
    while (i > 0 && h[i - 1].to != p.stage) --i;
    if (i == 0) return std::nullopt;
    std::optional<Date> began = h[i - 1].date;
    for (std::size_t j = i - 1; j > 0; --j) {
        const HistoryEntry& e = h[j - 1];
        if (e.to < 0 || !process.same_group(e.to, p.stage)) break;
        if (e.date) began = e.date;
    }
    return began;
}

// The furthest stage the project has been in: its stage, or one its history reached.
int furthest_stage(const Project& p) {
    int out = p.stage;
    for (const HistoryEntry& h : p.history) out = std::max(out, h.to);
    return out;
}

// The customer master's: revisits due and complaints answered late, each on the customer's
// latest won project (else its latest) and for that project's owner to follow up.
void customer_alerts(const std::vector<CustomerRecord>& customers, const std::vector<Project>& projects, const Process& process,
                     const ReportRequest& request, Stale& out, std::map<std::string, std::vector<StaleAlert>>& by_owner) {
    // Each customer's project to hang its alerts on, found in one pass over the projects.
    std::map<std::string_view, const Project*> on_of;
    for (const Project* p : select(projects, process, request.filter)) {
        const Project*& on = on_of[p->customer.id.view()];
        const bool better = !on || (p->status == Status::won) > (on->status == Status::won) ||
                            ((p->status == Status::won) == (on->status == Status::won) && period_date(*p) > period_date(*on));
        if (better) on = p;
    }
    const FirstWins wins = first_wins(projects);
    for (const CustomerRecord& c : customers) {
        const Project* on = nullptr;
        if (auto it = on_of.find(c.id.view()); it != on_of.end()) on = it->second;
        if (!on) continue;
        std::vector<StaleAlert> alerts;
        const auto alert = [&](AlertKind kind, Date since) {
            StaleAlert a;
            a.project = project_ref(*on);
            a.kind = kind;
            a.since = since;
            a.days = request.today - since;
            a.customer = c.id.str();
            a.customer_name = c.name.str();
            alerts.push_back(std::move(a));
        };
        if (auto due = revisit_due(c, wins, process); due && due->due < request.today) alert(AlertKind::revisit_due, due->due);
        for (const Complaint& k : c.complaints) {
            const ComplaintTiming t = complaint_timing(k, process, request.today);
            const auto received = parse_moment(k.received.view());
            if (!t.open || !(t.answer_late || t.fix_late) || !received) continue;
            alert(AlertKind::complaint_late, Date::from_days(static_cast<std::int32_t>(*received / (24 * 60))));
            alerts.back().complaint = k.summary.str();
        }
        if (alerts.empty()) continue;
        out.alerts += alerts.size();
        auto& list = by_owner[on->owner];
        if (std::none_of(list.begin(), list.end(), [&](const StaleAlert& a) { return a.project.id == on->id; })) ++out.projects;
        for (StaleAlert& a : alerts) list.push_back(std::move(a));
    }
}

}  // namespace

Stale stale_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Stale out;
    out.stale_days = process.rules.stale_days;
    out.gate_overdue_days = process.rules.gate_overdue_days;
    const Date today = request.today;
    std::map<std::string, std::vector<StaleAlert>> by_owner;
    for (const Project* p : select(projects, process, request.filter)) {
        if (p->status != Status::open) continue;
        std::vector<StaleAlert> alerts;
        const auto alert = [&](AlertKind kind, Date since) {
            StaleAlert a;
            a.project = project_ref(*p);
            a.kind = kind;
            a.since = since;
            a.days = today - since;
            alerts.push_back(std::move(a));
        };
        if (const auto last = p->last_touched(); last && today - *last > out.stale_days)
            alert(AlertKind::no_activity, *last);
        if (p->expected_close && *p->expected_close < today) alert(AlertKind::past_close, *p->expected_close);
        const ProjectView view = view_project(*p, process, today);
        std::vector<std::string> unmet;
        for (const CheckResult& r : view.checklist)
            if (!r.holds && r.check) unmet.push_back(r.check->text);
        const auto began = step_began(*p, process);
        if (view.has_next && !unmet.empty() && began && today - *began > out.gate_overdue_days) {
            alert(AlertKind::gate_overdue, *began);
            alerts.back().next_stage = view.next_stage;
            alerts.back().unmet = std::move(unmet);
        }
        // The sales plan: tasks past due and not done, control points passed without their stage.
        for (const PlanTask& t : p->plan.tasks)
            if (t.due && !t.done && *t.due < today) {
                alert(AlertKind::task_overdue, *t.due);
                alerts.back().task = t.task.str();
                alerts.back().task_owner = t.owner.str();
            }
        const int reached = furthest_stage(*p);
        for (const ControlPoint& c : p->plan.control_points)
            if (c.date && c.stage >= 0 && *c.date < today && reached < c.stage) {
                alert(AlertKind::control_point, *c.date);
                alerts.back().next_stage = c.stage;
            }
        if (alerts.empty()) continue;
        ++out.projects;
        out.alerts += alerts.size();
        auto& list = by_owner[p->owner];
        for (StaleAlert& a : alerts) list.push_back(std::move(a));
    }
    out.customer_master = request.customers && !request.customers->empty();
    if (request.customers) customer_alerts(*request.customers, projects, process, request, out, by_owner);
    for (auto& [owner, alerts] : by_owner) {
        std::stable_sort(alerts.begin(), alerts.end(), [](const StaleAlert& a, const StaleAlert& b) {
            if (a.days != b.days) return a.days > b.days;
            if (a.project.id != b.project.id) return a.project.id < b.project.id;
            return a.kind < b.kind;
        });
        out.owners.push_back({owner, std::move(alerts)});
    }
    sort_by_owner(out.owners, process, [](const StaleOwner& o) -> const std::string& { return o.owner; });
    return out;
}

RiskRegister risk_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    RiskRegister out;
    out.threshold = process.rules.risk_threshold;
    for (const Project* p : select(projects, process, request.filter)) {
        // Risks of lost and abandoned projects no longer threaten anything; a won project's
        // (delivery, payment) still do.
        if (p->status == Status::lost || p->status == Status::abandoned) continue;
        for (const Risk& r : p->risks) {
            if (!r.open()) continue;
            RiskRow row{project_ref(*p), r, r.owner.empty() ? p->owner : r.owner, r.score() >= out.threshold};
            if (row.flagged) ++out.flagged;
            if (r.likelihood >= 1 && r.likelihood <= 5 && r.impact >= 1 && r.impact <= 5)
                ++out.matrix[static_cast<std::size_t>(r.likelihood - 1)][static_cast<std::size_t>(r.impact - 1)];
            out.risks.push_back(std::move(row));
        }
    }
    std::stable_sort(out.risks.begin(), out.risks.end(), [](const RiskRow& a, const RiskRow& b) {
        if (a.risk.score() != b.risk.score()) return a.risk.score() > b.risk.score();
        return a.project.id < b.project.id;
    });
    return out;
}

}  // namespace pipeline
