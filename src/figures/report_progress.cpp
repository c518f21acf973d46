// progress: per project, what happened in a month and what is next (seed 003's monthly
// progress report, sop.md §3: 项目进展月报).
#include <algorithm>
#include <map>
#include <tuple>

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
        case ProgressKind::amount_change: return "amount-change";
        case ProgressKind::close_change: return "close-change";
        case ProgressKind::risk_opened: return "risk-opened";
        case ProgressKind::risk_closed: return "risk-closed";
    }
    return "?";
}

namespace {

bool in(const DateRange& w, const std::optional<Date>& d) { return d && w.contains(*d); }

// A new event of `kind` on `date` at the end of `events`, for the caller to fill in.
ProgressEvent& add_event(std::vector<ProgressEvent>& events, Date date, ProgressKind kind) {
    ProgressEvent e;
    e.date = date;
    e.kind = kind;
    events.push_back(std::move(e));
    return events.back();
}

void sort_events(std::vector<ProgressEvent>& events) {
    std::stable_sort(events.begin(), events.end(), [](const ProgressEvent& a, const ProgressEvent& b) {
        return a.date != b.date ? a.date < b.date : a.kind < b.kind;
    });
}

ProjectProgress progress_of(const Project& p, const Process& process, const DateRange& month, Date today) {
    ProjectProgress out;
    out.project = project_ref(p);
    out.amount = converted_amount(p, process);
    out.weighted = forecast_value(p, process);
    const auto event = [&](Date date, ProgressKind kind) -> ProgressEvent& { return add_event(out.events, date, kind); };
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
    for (const Risk& k : p.risks) {
        for (const auto& [date, kind, count] : {std::tuple{k.opened, ProgressKind::risk_opened, &out.risks_opened},
                                                 std::tuple{k.closed, ProgressKind::risk_closed, &out.risks_closed}}) {
            if (!in(month, date)) continue;
            ProgressEvent& e = event(*date, kind);
            e.type = k.type.str(), e.text = k.description.str(), e.by = k.owner.str();
            ++*count;
        }
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
    sort_events(out.events);
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
        out.risks_opened += row.risks_opened;
        out.risks_closed += row.risks_closed;
        out.received += row.received;
        out.projects.push_back(std::move(row));
    }
    std::stable_sort(out.projects.begin(), out.projects.end(),
                     [](const ProjectProgress& a, const ProjectProgress& b) { return a.project.id < b.project.id; });
    sort_by_owner(out.projects, process, [](const ProjectProgress& r) -> const std::string& { return r.project.owner; });
    return out;
}

std::vector<FigureChange> figure_changes(const std::vector<Project>& before, const Process& before_process,
                                         const std::vector<Project>& after, const Process& after_process, Date date) {
    std::map<std::string_view, const Project*> then;
    for (const Project& p : before)
        if (!p.id.empty()) then.emplace(p.id.view(), &p);
    std::vector<FigureChange> out;
    for (const Project& p : after) {
        if (p.status != Status::open) continue;
        auto it = then.find(p.id.view());
        if (it == then.end()) continue;
        const Project& b = *it->second;
        FigureChange c;
        c.id = p.id.str();
        c.date = date;
        const Money was = converted_amount(b, before_process), is = converted_amount(p, after_process);
        if (was != is) c.amount_before = was, c.amount_after = is;
        if (b.expected_close != p.expected_close && b.expected_close && p.expected_close)
            c.close_before = b.expected_close, c.close_after = p.expected_close;
        if (c.amount_after || c.close_after) out.push_back(std::move(c));
    }
    return out;
}

void add_figure_changes(Progress& progress, const std::vector<FigureChange>& changes) {
    progress.changes_read = true;
    std::map<std::string_view, ProjectProgress*> rows;
    for (ProjectProgress& row : progress.projects) rows.emplace(row.project.id, &row);
    for (const FigureChange& c : changes) {
        if (!progress.month.contains(c.date)) continue;
        auto it = rows.find(c.id);
        if (it == rows.end()) continue;
        ProjectProgress& row = *it->second;
        if (c.amount_after) {
            ProgressEvent& e = add_event(row.events, c.date, ProgressKind::amount_change);
            e.amount_before = c.amount_before;
            e.amount = c.amount_after;
            ++row.changes, ++progress.changes;
        }
        if (c.close_after) {
            ProgressEvent& e = add_event(row.events, c.date, ProgressKind::close_change);
            e.close_before = c.close_before;
            e.close_after = c.close_after;
            ++row.changes, ++progress.changes;
        }
    }
    for (ProjectProgress& row : progress.projects) sort_events(row.events);
}

}  // namespace pipeline
