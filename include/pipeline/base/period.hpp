// Reporting periods: a year (2026), a quarter (2026Q4), a month (2026-11), or a date range.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/base/date.hpp"

namespace pipeline {

// A half-open date range [begin, end) with the text it was written as.
struct Period {
    Date begin;
    Date end;  // exclusive
    std::string label;

    bool contains(Date d) const { return begin <= d && d < end; }
    friend bool operator==(const Period& a, const Period& b) { return a.begin == b.begin && a.end == b.end; }
};

// Parses "2026", "2026Q4" (or "2026q4"), "2026-11"; nullopt otherwise.
std::optional<Period> parse_period(std::string_view text);

enum class PeriodUnit { month, quarter, year };

// The period of the given unit holding a date, labelled "2026-11", "2026Q4" or "2026".
Period period_of(Date d, PeriodUnit unit);

}  // namespace pipeline
