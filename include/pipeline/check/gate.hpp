// Gates: what must hold to leave a stage, evaluated against a project.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct CheckResult {
    const GateCheck* check = nullptr;
    int stage = -1;          // the stage whose gate this check belongs to
    bool holds = false;
    Text detail;             // e.g. "1 of 2" for counts, the value found for equals
};

// Evaluates one check against a project; `today` serves not_future.
CheckResult evaluate_check(const GateCheck& check, int stage, const Project& p, const Process& process, Date today);

// Every check of the gate of `stage`, in order.
std::vector<CheckResult> evaluate_gate(int stage, const Project& p, const Process& process, Date today);

// The unmet checks among the gates of `stages`.
std::vector<CheckResult> unmet_checks(const std::vector<int>& stages, const Project& p, const Process& process, Date today);

// What the gates of a flexible group show of an open project in one of its stages
// (pipeline-config(5), FLEXIBLE GROUPS). The group is worked in any order, so sitting in its
// k-th stage shows nothing by itself; the gates of the group's other stages that hold do: with
// m of them met, the project weighs as the group's (m + 1)-th stage, never above its own.
struct GroupEvidence {
    std::vector<int> met;      // the group's other stages whose gates hold, in process order
    std::vector<int> unmet;    // and those whose gates do not
    int weighed_as = -1;       // the stage whose probability the evidence justifies
    int probability = 0;       // that probability
};

// nullopt when the project is not open in a stage of a flexible group. A date check
// (not_future) holds for any date that is there: the weight is a function of the record alone,
// the same whatever the day.
std::optional<GroupEvidence> flexible_evidence(const Project& p, const Process& process);

}  // namespace pipeline
