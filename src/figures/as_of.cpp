#include "pipeline/figures/as_of.hpp"

#include <algorithm>

#include "pipeline/model/transition.hpp"

namespace pipeline {

std::optional<Project> project_as_of(const Project& p, Date date, const Process& process) {
    const auto on_or_before = [date](const HistoryEntry& h) { return h.date && *h.date <= date; };
    if (std::none_of(p.history.begin(), p.history.end(), on_or_before)) return std::nullopt;
    if (std::none_of(p.history.begin(), p.history.end(), [date](const HistoryEntry& h) { return h.date && *h.date > date; }))
        return p;
    Project then = p;
    then.status = Status::open;
    then.closed_on.reset();
    for (const HistoryEntry& h : p.history) {
        if (!on_or_before(h)) continue;
        if (h.to >= 0) {
            // Reaching a stage (also reopening a closed project) leaves the project open there,
            // but for a won project moving on after the win.
            then.stage = h.to;
            then.stage_text = h.to_text;
            if (post_win_move(process, then.status, h.to)) continue;
            then.status = Status::open;
            then.closed_on.reset();
        } else if (h.to_outcome) {
            then.status = *h.to_outcome;
            then.closed_on = h.date;
        }
    }
    return then;
}

std::vector<Project> projects_as_of(const std::vector<Project>& projects, Date date, const Process& process) {
    std::vector<Project> out;
    out.reserve(projects.size());
    for (const Project& p : projects)
        if (auto then = project_as_of(p, date, process)) out.push_back(std::move(*then));
    return out;
}

}  // namespace pipeline
