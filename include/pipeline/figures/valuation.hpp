// What one project is worth: the single place for per-project money arithmetic.
// Forecasts, reports, diff, show and advance all value a project through these
// functions, so a figure means the same everywhere. See pipeline(1), "pipeline forecast".
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// Forecast categories, from least to most certain. Lost and abandoned projects have none.
enum class Category { pipeline, best_case, commit, closed };

// "pipeline", "best_case", "commit", "closed".
const char* category_id(Category c);
std::optional<Category> parse_category(std::string_view text);

// The category an open project at a stage of `probability` percent falls in.
Category category_for_probability(int probability, const CategoryThresholds& thresholds);

// What the project is worth in its currency: the amount of the contract once it is signed
// (contract.signed_on and contract.amount), else `amount`.
Money project_value(const Project& p);

// project_value in the base currency: × rate of its currency, to the cent, halves away from
// zero. A currency pipeline.yaml does not know counts at rate 1 (check reports it).
Money converted_amount(const Project& p, const Process& process);

// Another sum written in the project's currency (an instalment, a payment received) in the
// base currency, at the same rate and rounding as converted_amount.
Money converted(const Project& p, Money sum, const Process& process);

// Percent the project is weighted at: its stage's, or for an open project in a flexible group
// what the group's gates it meets justify (flexible_evidence); 0 when the stage is unknown.
int stage_probability(const Project& p, const Process& process);

// converted_amount × stage probability, to the cent, halves away from zero — whatever the status.
Money weighted_value(const Project& p, const Process& process);

// What the project adds to a forecast: open → weighted_value, won → converted_amount in full,
// lost and abandoned → 0.
Money forecast_value(const Project& p, const Process& process);

// won → closed; open → its forecast_category override (pipeline, best_case, commit) or the
// category of its stage's probability; lost and abandoned → none.
std::optional<Category> forecast_category(const Project& p, const Process& process);

// The date a project falls on when grouped by period: expected_close while open, closed_on
// once closed; when that one is missing, the other.
std::optional<Date> period_date(const Project& p);

// Everything above for one project, computed once.
struct Valuation {
    Money amount;                      // converted_amount
    int probability = 0;               // stage_probability
    Money weighted;                    // weighted_value
    Money forecast;                    // forecast_value
    std::optional<Category> category;  // forecast_category
    std::optional<Date> date;          // period_date
};

Valuation valuate(const Project& p, const Process& process);

// The findings that make figures computed from the repository untrustworthy, sorted: every
// error from loading (`loading`: a file or a field was dropped), and the errors of the check
// rules that decide what a project is worth or where it falls: id-unique (counted twice),
// stage, currency, required and closed-on; with `uses_history` (--as-of) also history and
// history-order. Other findings (gates, reviews, stale projects) leave the figures alone.
// `only_files`: as CheckOptions has it (a state moved on from one found without errors).
Diagnostics figure_errors(const Diagnostics& loading, const std::vector<Project>& projects, const Process& process,
                          Date today, bool uses_history, const std::vector<std::string>* only_files = nullptr);

}  // namespace pipeline
