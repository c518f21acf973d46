// Forecast movement as tables (text, Markdown, CSV) and as JSON.
// Schema: pipeline(1), "pipeline diff".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/figures/forecast_movement.hpp"
#include "pipeline/render/forecast_render.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/store/git_source.hpp"

namespace pipeline {

// What the movement was asked for, beyond its figures: for captions and the JSON header.
struct MovementContext {
    std::string currency;
    Revision from, to;
    std::optional<Date> since;
    std::vector<std::string> filter;  // the terms as written
    std::vector<GroupKey> by;
    DateRange range;
    PeriodUnit unit = PeriodUnit::quarter;
    MoneyUnit money_unit = MoneyUnit::yuan;  // how the tables show money
};

// A revision for people: Revision::label() (JSON keeps it), the working tree in the reader's language.
std::string revision_label(const Revision& r);

// "Forecast movement, all dates, in CNY" and a line for each state compared; in Markdown a
// heading and a list.
std::string movement_caption(const MovementContext& c, bool markdown);

// One row per movement. People: id, name, owner (name), movement, what moved ("甲 → 乙"),
// delta (signed). Machines: id, name, owner (id), path, movement, from, to, then with --by
// one column per key and one row per group the movement changed, delta.
Table movement_table(const ForecastMovement& m, const Process& process, const MovementContext& c, NumberStyle style);

// The waterfall: the weighted value at `from`, one row per kind that moved, the value at
// `to` as the total row. Columns: movement, projects, then one per group (--by) and total, or weighted.
Table waterfall_table(const ForecastMovement& m, const MovementContext& c);

// The waterfall of the open pipeline at full amount: the amount at `from`, one row per bucket
// (new, pulled in, increases, pushed out, decreases, lost, won; other only when it moved), the
// amount at `to` as the total row. Columns: open pipeline, then one per group (--by) and total,
// or amount.
Table pipeline_waterfall_table(const ForecastMovement& m, const MovementContext& c);

std::string render_movement_json(const ForecastMovement& m, const MovementContext& c);

}  // namespace pipeline
