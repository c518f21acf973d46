// What the report_*.cpp files share: selecting projects and reading dates off histories.
#pragma once

#include <optional>
#include <vector>

#include "pipeline/figures/reports.hpp"

namespace pipeline::report_detail {

// The projects the filter selects, in repository order.
std::vector<const Project*> select(const std::vector<Project>& projects, const Process& process, const Query& filter);

// When the project first reached `stage` or a stage after it (or was won): the earliest dated
// history entry that does. Regressions do not undo a reach.
std::optional<Date> reached_on(const Project& p, int stage);

// Whether the project is won and closed before `end` (no end: at all).
bool won_before(const Project& p, const std::optional<Date>& end);

// Whether the project is closed (any outcome) on a date inside the window.
bool closed_in(const Project& p, const DateRange& window);

// Days from the first history entry to closed_on; none when either is missing.
std::optional<int> sales_cycle(const Project& p);

// total ÷ count to the cent, halves away from zero (count > 0), by money.hpp's rounding.
Money per(Money total, std::size_t count);

// numerator ÷ denominator in permille; none when the denominator is 0.
std::optional<std::int64_t> share(std::int64_t numerator, std::int64_t denominator);

}  // namespace pipeline::report_detail
