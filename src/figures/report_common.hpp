// What the report_*.cpp files share: selecting projects and reading dates off histories.
#pragma once

#include <algorithm>

#include <optional>
#include <vector>

#include "pipeline/figures/reports.hpp"

namespace pipeline::report_detail {

// The projects the filter selects, in repository order.
std::vector<const Project*> select(const std::vector<Project>& projects, const Process& process, const Query& filter);

// When the project first reached `stage` or a stage after it (or was won, for a stage up to
// the win): the earliest dated history entry that does. Regressions do not undo a reach.
std::optional<Date> reached_on(const Project& p, int stage, const Process& process);

// Whether the project is won and closed before `end` (no end: at all).
bool won_before(const Project& p, const std::optional<Date>& end);

// Whether the project is closed (any outcome) on a date inside the window.
bool closed_in(const Project& p, const DateRange& window);

// Days from the first history entry to closed_on; none when either is missing.
std::optional<int> sales_cycle(const Project& p);

// total ÷ count to the cent, halves away from zero (count > 0), by money.hpp's rounding.
Money per(Money total, std::size_t count);

// Owners as people read a list of them: by display name, Chinese by pinyin (张伟 before 赵敏),
// then by id; no owner first.
bool owner_before(const Process& process, const std::string& a, const std::string& b);

// Sorts `rows` by the owner `owner_of(row)` returns, in owner_before's order.
template <class Row, class OwnerOf>
void sort_by_owner(std::vector<Row>& rows, const Process& process, OwnerOf owner_of) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Row& a, const Row& b) { return owner_before(process, owner_of(a), owner_of(b)); });
}

// numerator ÷ denominator in permille; none when the denominator is 0.
std::optional<std::int64_t> share(std::int64_t numerator, std::int64_t denominator);

}  // namespace pipeline::report_detail
