#include "pipeline/model/transition.hpp"

#include <algorithm>

namespace pipeline {

TransitionPlan plan_transition(const Process& process, int from, int to) {
    TransitionPlan plan;
    if (from == to) return plan;
    if (process.same_group(from, to)) {
        plan.kind = TransitionKind::within_group;
        return plan;
    }
    if (to < from) {
        plan.kind = TransitionKind::regression;
        return plan;
    }
    plan.kind = TransitionKind::forward;
    const int to_group = process.stages[to].group;
    const int from_group = from >= 0 ? process.stages[from].group : -1;
    std::vector<int> gates;
    if (from_group >= 0 && from_group != to_group)
        for (int s : process.flexible[from_group]) gates.push_back(s);
    for (int s = std::max(from, 0); s < to; ++s)
        if (to_group < 0 || process.stages[s].group != to_group) gates.push_back(s);
    std::sort(gates.begin(), gates.end());
    gates.erase(std::unique(gates.begin(), gates.end()), gates.end());
    plan.gates = std::move(gates);
    return plan;
}

std::vector<int> stages_left(const Process& process, int stage) {
    if (stage <= 0) return {};
    return plan_transition(process, 0, stage).gates;
}

bool post_win_move(const Process& process, Status outcome, int to) {
    return outcome == Status::won && process.after_win(to);
}

}  // namespace pipeline
