#include "pipeline/figures/valuation.hpp"

#include <algorithm>
#include <array>

#include "pipeline/check/gate.hpp"
#include "pipeline/check/validate.hpp"

namespace pipeline {

const char* category_id(Category c) {
    switch (c) {
        case Category::pipeline: return "pipeline";
        case Category::best_case: return "best_case";
        case Category::commit: return "commit";
        case Category::closed: return "closed";
    }
    return "pipeline";
}

std::optional<Category> parse_category(std::string_view text) {
    for (Category c : {Category::pipeline, Category::best_case, Category::commit, Category::closed})
        if (text == category_id(c)) return c;
    return std::nullopt;
}

Category category_for_probability(int probability, const CategoryThresholds& thresholds) {
    if (probability >= thresholds.commit) return Category::commit;
    if (probability >= thresholds.best_case) return Category::best_case;
    return Category::pipeline;
}

Money converted_amount(const Project& p, const Process& process) { return converted(p, project_value(p), process); }

Money project_value(const Project& p) { return p.value(); }

Money converted(const Project& p, Money sum, const Process& process) {
    if (p.currency.empty() || p.currency == process.currency) return sum;
    return convert(sum, process.rate(p.currency));
}

int stage_probability(const Project& p, const Process& process) {
    if (p.stage < 0 || p.stage >= static_cast<int>(process.stages.size())) return 0;
    if (const auto evidence = flexible_evidence(p, process)) return evidence->probability;
    return process.stages[static_cast<std::size_t>(p.stage)].probability;
}

Money weighted_value(const Project& p, const Process& process) {
    return percent_of(converted_amount(p, process), stage_probability(p, process));
}

Money forecast_value(const Project& p, const Process& process) {
    switch (p.status) {
        case Status::open: return weighted_value(p, process);
        case Status::won: return converted_amount(p, process);
        case Status::lost:
        case Status::abandoned: return {};
    }
    return {};
}

namespace {

// forecast_category, with the project's probability when it is known already (valuate):
// inside a flexible group it costs the group's gates.
std::optional<Category> category_of(const Project& p, const Process& process, std::optional<int> probability) {
    switch (p.status) {
        case Status::won: return Category::closed;
        case Status::lost:
        case Status::abandoned: return std::nullopt;
        case Status::open: break;
    }
    // `closed` is for won projects only: on an open project the override is ignored.
    if (auto c = parse_category(p.forecast_category); c && *c != Category::closed) return c;
    return category_for_probability(probability ? *probability : stage_probability(p, process), process.categories);
}

}  // namespace

std::optional<Category> forecast_category(const Project& p, const Process& process) {
    return category_of(p, process, std::nullopt);
}

std::optional<Date> period_date(const Project& p) {
    if (p.status == Status::open) return p.expected_close ? p.expected_close : p.closed_on;
    return p.closed_on ? p.closed_on : p.expected_close;
}

Valuation valuate(const Project& p, const Process& process) {
    Valuation v;
    v.amount = converted_amount(p, process);
    v.probability = stage_probability(p, process);
    v.weighted = percent_of(v.amount, v.probability);
    v.forecast = p.status == Status::open ? v.weighted : p.status == Status::won ? v.amount : Money{};
    v.category = category_of(p, process, v.probability);
    v.date = period_date(p);
    return v;
}

Diagnostics figure_errors(const Diagnostics& loading, const std::vector<Project>& projects, const Process& process,
                          Date today, bool uses_history, const std::vector<std::string>* only_files) {
    static constexpr std::array<std::string_view, 5> kRules{"id-unique", "stage", "currency", "required", "closed-on"};
    static constexpr std::array<std::string_view, 2> kHistoryRules{"history", "history-order"};
    Diagnostics out;
    // The customer master's own errors are check's: what a project is worth does not depend on them.
    for (const Diagnostic& d : loading.items())
        if (d.severity == Severity::error && !d.path.starts_with("customers/")) out.add(d);
    Diagnostics checked;
    check_projects(projects, process, {today, only_files}, checked);
    for (const Diagnostic& d : checked.items()) {
        if (d.severity != Severity::error) continue;
        const bool counts = std::find(kRules.begin(), kRules.end(), d.rule) != kRules.end() ||
                            (uses_history && std::find(kHistoryRules.begin(), kHistoryRules.end(), d.rule) != kHistoryRules.end());
        if (counts) out.add(d);
    }
    // A finding reported both while loading and by check (an unknown stage) is shown once.
    out.sort();
    auto& items = out.items();
    items.erase(std::unique(items.begin(), items.end(),
                            [](const Diagnostic& a, const Diagnostic& b) {
                                return a.path == b.path && a.position == b.position && a.rule == b.rule &&
                                       a.message == b.message;
                            }),
                items.end());
    return out;
}

}  // namespace pipeline
