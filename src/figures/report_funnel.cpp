// funnel and conversion: where the open pipeline stands, and how projects move through it.
#include <map>

#include "pipeline/figures/valuation.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

Funnel funnel_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Funnel f;
    // Open projects stop at the win: a project in a stage after it is won.
    const auto stages = static_cast<std::size_t>(process.won_stage()) + 1;
    for (std::size_t s = 0; s < stages; ++s) f.stages.push_back({static_cast<int>(s), {}, {}, {}});
    for (const Project* p : select(projects, process, request.filter)) {
        if (p->status != Status::open || p->stage < 0 || p->stage >= static_cast<int>(f.stages.size())) continue;
        const Valuation v = valuate(*p, process);
        f.stages[static_cast<std::size_t>(p->stage)].figures.add(*p, v);
        f.total.add(*p, v);
    }
    for (FunnelRow& row : f.stages) {
        row.weighted_share = share(row.figures.weighted_open.cents, f.total.weighted_open.cents);
        row.amount_share = share(row.figures.open_amount.cents, f.total.open_amount.cents);
    }
    return f;
}

namespace {

// The stays in `stage` that ended inside the window: from the entry that reached it to the
// next dated entry, whatever that one did (moved on, went back, closed).
void collect_stays(const Project& p, int stage, const DateRange& window, std::vector<int>& days) {
    const auto& h = p.history;
    for (std::size_t i = 0; i < h.size(); ++i) {
        if (h[i].to != stage || !h[i].date) continue;
        for (std::size_t j = i + 1; j < h.size(); ++j) {
            if (!h[j].date) continue;
            if (window.contains(*h[j].date)) days.push_back(*h[j].date - *h[i].date);
            break;
        }
    }
}

}  // namespace

Conversion conversion_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Conversion c;
    const auto selected = select(projects, process, request.filter);
    const DateRange& window = request.window;
    const int stages = static_cast<int>(process.stages.size());
    for (int s = 0; s < stages; ++s) {
        StageConversion row;
        row.stage = s;
        std::vector<int> stays;
        for (const Project* p : selected) {
            collect_stays(*p, s, window, stays);
            const auto reached = reached_on(*p, s, process);
            if (!reached || !window.contains(*reached)) continue;
            ++row.reached;
            const bool won = won_before(*p, window.to);
            if (won) ++row.won;
            // The last stage advances by winning.
            const auto next = s + 1 < stages ? reached_on(*p, s + 1, process) : std::nullopt;
            if (won || (next && (!window.to || *next < *window.to))) ++row.advanced;
        }
        row.to_next = share(static_cast<std::int64_t>(row.advanced), static_cast<std::int64_t>(row.reached));
        row.to_won = share(static_cast<std::int64_t>(row.won), static_cast<std::int64_t>(row.reached));
        row.days = day_stats(std::move(stays));
        c.stages.push_back(std::move(row));
    }
    std::vector<int> cycles;
    for (const Project* p : selected) {
        if (!closed_in(*p, window)) continue;
        ++c.closed;
        if (p->status == Status::won) {
            ++c.won;
            if (auto d = sales_cycle(*p)) cycles.push_back(*d);
        } else if (p->status == Status::lost) {
            ++c.lost;
        } else {
            ++c.abandoned;
        }
    }
    c.win_rate = share(static_cast<std::int64_t>(c.won), static_cast<std::int64_t>(c.closed));
    c.cycle = day_stats(std::move(cycles));
    return c;
}

}  // namespace pipeline
