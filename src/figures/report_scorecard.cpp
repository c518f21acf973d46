// scorecard and sources: results per salesperson and per lead channel.
#include <array>
#include <algorithm>
#include <map>
#include <set>

#include "pipeline/base/collate.hpp"
#include "pipeline/figures/valuation.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

namespace {

// Won, lost and abandoned inside the window, win rate and target: the forecast's figures,
// so that a scorecard and `forecast --by owner` over the same dates agree.
void take_forecast(OwnerScore& s, const Figures& f, const std::optional<Attainment>& target) {
    s.won = f.won;
    s.lost = f.lost;
    s.abandoned = f.abandoned;
    s.won_amount = f.won_amount;
    s.win_rate = share(static_cast<std::int64_t>(f.won), static_cast<std::int64_t>(f.won + f.lost + f.abandoned));
    s.target = target;
}

}  // namespace

Scorecard scorecard_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Scorecard out;
    const Forecast f = forecast(projects, process, {{GroupKey::owner}, request.window, request.filter});
    out.targets_apply = f.targets_apply;

    std::map<std::string, OwnerScore> owners;
    for (const ForecastGroup& g : f.groups) {
        OwnerScore& s = owners[g.keys.front().value];
        take_forecast(s, g.figures, g.target);
    }
    take_forecast(out.total, f.total, f.total_target);

    std::map<std::string, std::vector<int>> cycles;
    std::vector<int> all_cycles;
    for (const Project* p : select(projects, process, request.filter)) {
        const bool open = p->status == Status::open;
        std::size_t activities = 0;
        for (const Activity& a : p->activities)
            if (a.date && request.window.contains(*a.date)) ++activities;
        if (!open && activities == 0 && !owners.count(p->owner)) continue;
        OwnerScore& s = owners[p->owner];
        s.activities += activities;
        out.total.activities += activities;
        if (open) {
            const Valuation v = valuate(*p, process);
            s.pipeline.add(*p, v);
            out.total.pipeline.add(*p, v);
        }
        if (p->status == Status::won && closed_in(*p, request.window))
            if (auto d = sales_cycle(*p)) {
                cycles[p->owner].push_back(*d);
                all_cycles.push_back(*d);
            }
    }
    for (auto& [owner, s] : owners) {
        s.owner = owner;
        s.cycle = day_stats(cycles[owner]);
        out.owners.push_back(std::move(s));
    }
    sort_by_owner(out.owners, process, [](const OwnerScore& s) -> const std::string& { return s.owner; });
    out.total.cycle = day_stats(std::move(all_cycles));
    return out;
}

Sources source_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Sources out;
    const DateRange& window = request.window;
    out.reached_stage = process.stages.size() > 1 ? 1 : 0;
    std::map<std::string, SourceRow> rows;
    std::array<LeadKindRow, 3> kinds;
    kinds[1].kind = "repeat";
    kinds[2].kind = "referral";
    for (const Channel& c : process.channels) {
        SourceRow& r = rows[c.source];
        r.source = c.source;
        r.cost = r.cost.value_or(Money{}) + c.cost;
    }
    for (const Project* p : select(projects, process, request.filter)) {
        const auto created = p->created();
        if (!created || !window.contains(*created)) continue;
        SourceRow& r = rows[p->lead.source];
        r.source = p->lead.source;
        // New business (kinds[0]) unless the lead names a kind of repeat business or referral.
        const auto named = std::find_if(kinds.begin() + 1, kinds.end(),
                                        [&](const LeadKindRow& row) { return row.kind == p->lead.kind.view(); });
        LeadKindRow& k = named != kinds.end() ? *named : kinds[0];
        ++r.leads;
        ++k.leads;
        if (const auto reached = reached_on(*p, out.reached_stage, process); reached && (!window.to || *reached < *window.to)) {
            ++r.reached;
            ++k.reached;
        }
        if (won_before(*p, window.to)) {
            ++r.won;
            ++k.won;
            r.won_amount += converted_amount(*p, process);
            k.won_amount += converted_amount(*p, process);
        }
    }
    for (LeadKindRow& k : kinds)
        if (k.leads > 0) {
            k.win_rate = share(static_cast<std::int64_t>(k.won), static_cast<std::int64_t>(k.leads));
            out.kinds.push_back(std::move(k));
        }
    for (auto& [source, r] : rows) {
        if (r.cost && r.leads) r.cost_per_lead = per(*r.cost, r.leads);
        if (r.cost && r.won) r.cost_per_win = per(*r.cost, r.won);
        SourceRow& t = out.total;
        t.leads += r.leads;
        t.reached += r.reached;
        t.won += r.won;
        t.won_amount += r.won_amount;
        if (r.cost) t.cost = t.cost.value_or(Money{}) + *r.cost;
        out.sources.push_back(std::move(r));
    }
    if (out.total.cost && out.total.leads) out.total.cost_per_lead = per(*out.total.cost, out.total.leads);
    if (out.total.cost && out.total.won) out.total.cost_per_win = per(*out.total.cost, out.total.won);
    std::stable_sort(out.sources.begin(), out.sources.end(), [](const SourceRow& a, const SourceRow& b) {
        if (a.source.empty() != b.source.empty()) return b.source.empty();
        if (a.leads != b.leads) return a.leads > b.leads;
        if (a.won_amount != b.won_amount) return a.won_amount > b.won_amount;
        return collate(a.source, b.source) < 0;
    });
    return out;
}

}  // namespace pipeline
