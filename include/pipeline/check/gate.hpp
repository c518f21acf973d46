// Gates: what must hold to leave a stage, evaluated against a project.
#pragma once

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

}  // namespace pipeline
