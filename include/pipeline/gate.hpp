// Gates and transitions: what must hold to leave a stage, and which moves are legal.
#pragma once

#include <string>
#include <vector>

#include "pipeline/date.hpp"
#include "pipeline/process.hpp"
#include "pipeline/project.hpp"

namespace pipeline {

struct CheckResult {
    const GateCheck* check = nullptr;
    int stage = -1;          // the stage whose gate this check belongs to
    bool holds = false;
    std::string detail;      // e.g. "1 of 2" for counts, the value found for equals
};

// Evaluates one check against a project; `today` serves not_future.
CheckResult evaluate_check(const GateCheck& check, int stage, const Project& p, const Process& process, Date today);

// Every check of the gate of `stage`, in order.
std::vector<CheckResult> evaluate_gate(int stage, const Project& p, const Process& process, Date today);

enum class MoveKind {
    none,          // from == to
    forward,       // to a later stage, gates passed over must hold
    within_group,  // inside one flexible group, any order, no gate
    regression,    // backwards out of a group or across stages: needs a note
};

struct MovePlan {
    MoveKind kind = MoveKind::none;
    std::vector<int> gates;  // stages whose gates must hold, in order
};

// What moving from stage `from` to stage `to` requires. See pipeline-config(5), TRANSITIONS.
MovePlan plan_move(const Process& process, int from, int to);

// The stages whose gates must hold for a project that is now in `stage`
// (every stage it must have left on its way there).
std::vector<int> stages_left(const Process& process, int stage);

// The unmet checks among the gates of `stages`.
std::vector<CheckResult> unmet_checks(const std::vector<int>& stages, const Project& p, const Process& process, Date today);

}  // namespace pipeline
