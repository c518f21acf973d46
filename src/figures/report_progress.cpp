// progress: per project, what happened in a month and what is next (seed 003's monthly
// progress report, sop.md §3: 项目进展月报).
#include <algorithm>

#include "pipeline/figures/project_view.hpp"
#include "pipeline/figures/valuation.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

const char* progress_id(ProgressKind k) {
    switch (k) {
        case ProgressKind::stage_move: return "stage-move";
        case ProgressKind::activity: return "activity";
        case ProgressKind::approval: return "approval";
        case ProgressKind::payment: return "payment";
        case ProgressKind::task_done: return "task-done";
        case ProgressKind::task_overdue: return "task-overdue";
    }
    return "?";
}

namespace {

bool in(const DateRange& w, const std::optional<Date>& d) { return d && w.contains(*d); }

ProjectProgress progress_of(const Project& p, const Process& process, const DateRange& month, Date today) {
    ProjectProgress out;
    out.project = project_ref(p);
    out.amount = converted_amount(p, process);
    out.weighted = forecast_value(p, process);
    const auto event = [&](Date date, ProgressKind kind) -> ProgressEvent& {
        ProgressEvent e;
        e.date = date;
        e.kind = kind;
        out.events.push_back(std::move(e));
        return out.events.back();
    };
    for (const HistoryEntry& h : p.history) {
        if (!in(month, h.date)) continue;
        ProgressEvent& e = event(*h.date, ProgressKind::stage_move);
        e.from = h.from, e.to = h.to;
        e.outcome = h.to_outcome ? h.to_outcome : h.from_outcome;
        e.by = h.by.str(), e.text = h.note.str(), e.forced = h.forced.str();
        ++out.moves;
    }
    for (const Activity& a : p.activities)
        if (in(month, a.date)) {
            ProgressEvent& e = event(*a.date, ProgressKind::activity);
            e.type = a.type.str(), e.text = a.note.str(), e.by = a.by.str();
            ++out.activities;
        }
    for (const Approval& a : p.approvals)
        if (in(month, a.date)) {
            ProgressEvent& e = event(*a.date, ProgressKind::approval);
            e.type = a.type.str(), e.text = a.result.str(), e.by = a.by.str();
        }
    for (const Payment& pay : p.payments)
        if (in(month, pay.received_on) && pay.received) {
            ProgressEvent& e = event(*pay.received_on, ProgressKind::payment);
            e.text = pay.note.str();
            e.due = pay.due;
            e.amount = converted(p, *pay.received, process);
            out.received += *e.amount;
        }
    for (const PlanTask& t : p.plan.tasks) {
        if (in(month, t.done)) {
            ProgressEvent& e = event(*t.done, ProgressKind::task_done);
            e.text = t.task.str(), e.by = t.owner.str();
            ++out.tasks_done;
        } else if (t.due && month.to && *t.due < *month.to && (!t.done || *t.done >= *month.to) &&
                   (p.status == Status::open || !p.closed_on || *p.closed_on >= *month.to)) {
            ProgressEvent& e = event(*t.due, ProgressKind::task_overdue);
            e.text = t.task.str(), e.by = t.owner.str();
            ++out.tasks_overdue;
        }
    }
    std::stable_sort(out.events.begin(), out.events.end(), [](const ProgressEvent& a, const ProgressEvent& b) {
        return a.date != b.date ? a.date < b.date : a.kind < b.kind;
    });
    if (p.status == Status::open) {
        const ProjectView view = view_project(p, process, today);
        out.has_next = view.has_next;
        out.next_stage = view.next_stage;
        for (const CheckResult& r : view.checklist)
            if (!r.holds && r.check) out.unmet.push_back(r.check->text);
    }
    return out;
}

}  // namespace

Progress progress_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Progress out;
    out.month = request.window;
    for (const Project* p : select(projects, process, request.filter)) {
        ProjectProgress row = progress_of(*p, process, request.window, request.today);
        if (row.events.empty() && p->status != Status::open) continue;
        out.moves += row.moves;
        out.activities += row.activities;
        out.tasks_done += row.tasks_done;
        out.tasks_overdue += row.tasks_overdue;
        out.received += row.received;
        out.projects.push_back(std::move(row));
    }
    std::stable_sort(out.projects.begin(), out.projects.end(),
                     [](const ProjectProgress& a, const ProjectProgress& b) { return a.project.id < b.project.id; });
    sort_by_owner(out.projects, process, [](const ProjectProgress& r) -> const std::string& { return r.project.owner; });
    return out;
}

}  // namespace pipeline
