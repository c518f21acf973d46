#include "pipeline/check/gate.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/model/registry.hpp"

namespace pipeline {

CheckResult evaluate_check(const GateCheck& check, int stage, const Project& p, const Process& process, Date today) {
    CheckResult r{&check, stage, false, {}};
    switch (check.kind) {
        case GateCheck::Kind::present: {
            const auto v = field_text(p, check.ref);
            r.holds = v && *v != "false";
            break;
        }
        case GateCheck::Kind::equals: {
            const auto v = field_text(p, check.ref);
            r.holds = v && std::find(check.values.begin(), check.values.end(), *v) != check.values.end();
            r.detail = v ? fmt::format("is \"{}\"", *v) : "is absent";
            break;
        }
        case GateCheck::Kind::count: {
            const std::size_t n = count_items(p, check.list, check.where);
            r.holds = n >= static_cast<std::size_t>(check.min) && (!check.max || n <= static_cast<std::size_t>(*check.max));
            r.detail = check.max ? fmt::format("{} found, {}–{} needed", n, check.min, *check.max)
                                 : fmt::format("{} of {}", n, check.min);
            break;
        }
        case GateCheck::Kind::person: {
            const auto v = field_text(p, check.ref);
            r.holds = v && process.person(*v) != nullptr;
            r.detail = v ? (r.holds ? "" : fmt::format("\"{}\" is not in people", *v)) : "is absent";
            break;
        }
        case GateCheck::Kind::not_future: {
            const auto v = field_text(p, check.ref);
            const auto d = v ? Date::parse(*v) : std::nullopt;
            r.holds = d && *d <= today;
            r.detail = !v ? "is absent" : !d ? "is not a date" : r.holds ? "" : fmt::format("{} is after today", *v);
            break;
        }
    }
    return r;
}

std::vector<CheckResult> evaluate_gate(int stage, const Project& p, const Process& process, Date today) {
    std::vector<CheckResult> out;
    if (stage < 0 || stage >= static_cast<int>(process.stages.size())) return out;
    for (const GateCheck& c : process.stages[stage].gate) out.push_back(evaluate_check(c, stage, p, process, today));
    return out;
}

std::vector<CheckResult> unmet_checks(const std::vector<int>& stages, const Project& p, const Process& process, Date today) {
    std::vector<CheckResult> out;
    for (int s : stages)
        for (CheckResult& r : evaluate_gate(s, p, process, today))
            if (!r.holds) out.push_back(std::move(r));
    return out;
}

}  // namespace pipeline
