#include "pipeline/figures/project_view.hpp"

#include <algorithm>

#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/milestone.hpp"
#include "pipeline/model/transition.hpp"

namespace pipeline {

ProjectView view_project(const Project& p, const Process& process, Date today) {
    ProjectView v;
    v.amount = converted_amount(p, process);
    v.probability = stage_probability(p, process);
    v.stage_probability = p.stage >= 0 && p.stage < static_cast<int>(process.stages.size()) ? process.stages[p.stage].probability : 0;
    v.weighted = forecast_value(p, process);
    v.stage_entered = p.stage_entered();
    if (v.stage_entered) v.days_in_stage = today - *v.stage_entered;

    const int stages = static_cast<int>(process.stages.size());
    const int won_at = process.won_stage();
    // An open project works towards the win; a won one on through the stages after it.
    const bool works_on = p.stage >= 0 && p.stage < stages &&
                          (p.status == Status::open || (p.status == Status::won && p.stage >= won_at && p.stage + 1 < stages));
    if (works_on) {
        v.has_next = true;
        const int group = process.stages[p.stage].group;
        if (group >= 0)
            for (int s : process.flexible[group])
                if (s != p.stage) v.free_stages.push_back(s);
        // The first stage that is not a free move away; leaving a group needs all its gates.
        const int end = p.status == Status::open ? won_at + 1 : stages;  // an open project: up to the win
        for (int s = p.stage + 1; s < end; ++s) {
            if (!process.same_group(p.stage, s)) {
                v.next_stage = s;
                break;
            }
        }
        if (v.next_stage >= 0) {
            v.gates = plan_transition(process, p.stage, v.next_stage).gates;
        } else {
            // Closing as won: what `pipeline close --won` requires.
            const int last = won_at;
            if (p.stage != last) v.gates = plan_transition(process, p.stage, last).gates;
            if (std::find(v.gates.begin(), v.gates.end(), last) == v.gates.end()) v.gates.push_back(last);
        }
        for (int s : v.gates)
            for (CheckResult& r : evaluate_gate(s, p, process, today)) v.checklist.push_back(std::move(r));
    }

    for (const Risk& r : p.risks)
        if (r.open()) v.open_risks.push_back(&r);
    std::stable_sort(v.open_risks.begin(), v.open_risks.end(),
                     [](const Risk* a, const Risk* b) { return a->score() > b->score(); });

    for (const Payment& pay : p.payments) {
        const InstalmentDue due = instalment_due(pay, p, process);
        if (due.date && *due.date < today && pay.outstanding() > Money{})
            v.overdue.push_back({&pay, pay.outstanding(), today - *due.date, *due.date});
    }
    std::stable_sort(v.overdue.begin(), v.overdue.end(),
                     [](const OverduePayment& a, const OverduePayment& b) { return a.due < b.due; });

    for (const Activity& a : p.activities)
        if (a.date && (!v.last_activity || *a.date >= *v.last_activity->date)) v.last_activity = &a;
    return v;
}

}  // namespace pipeline
