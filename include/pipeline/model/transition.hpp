// Which moves between stages are legal, and which gates each must pass: the rules of
// pipeline-config(5), TRANSITIONS, over the process alone.
#pragma once

#include <vector>

#include "pipeline/model/process.hpp"

namespace pipeline {

enum class TransitionKind {
    none,          // from == to
    forward,       // to a later stage, gates passed over must hold
    within_group,  // inside one flexible group, any order, no gate
    regression,    // backwards out of a group or across stages: needs a note
};

struct TransitionPlan {
    TransitionKind kind = TransitionKind::none;
    std::vector<int> gates;  // stages whose gates must hold, in order
};

// What moving from stage `from` to stage `to` requires. See pipeline-config(5), TRANSITIONS.
TransitionPlan plan_transition(const Process& process, int from, int to);

// The stages whose gates must hold for a project that is now in `stage`
// (every stage it must have left on its way there).
std::vector<int> stages_left(const Process& process, int stage);

// Whether an entry reaching stage `to` after the project was closed as `outcome` moves a won
// project on through the stages after the win (delivery, acceptance, after-sales) — it stays
// won — rather than reopening it.
bool post_win_move(const Process& process, Status outcome, int to);

}  // namespace pipeline
