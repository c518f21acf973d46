// A forecast as a table (text, Markdown, CSV) and as JSON. Schema: pipeline(1), "pipeline forecast".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline {

// What the forecast was asked for, beyond its figures: for captions and the JSON header.
struct ForecastContext {
    std::string currency;
    std::optional<Date> as_of;
    std::vector<std::string> filter;  // the terms as written
    MoneyUnit unit = MoneyUnit::yuan;  // what the caption names; the table's NumberStyle has it too
    bool realised = false;             // weighed with the realised stage probabilities (--probabilities calibrated)
};

// How numbers are written: for people (1,280,000.50  45.3%  2.50x, money in their display
// unit, target columns left out when no target applies) or for machines (1280000.50  45.3
// 2.50, exact, every column always).
struct NumberStyle {
    bool machines = false;
    MoneyUnit unit = MoneyUnit::yuan;  // for people only

    static NumberStyle for_people(MoneyUnit unit = MoneyUnit::yuan) { return {false, unit}; }
    static NumberStyle for_machines() { return {true, MoneyUnit::yuan}; }
    std::string money(Money m) const { return machines ? plain_money(m) : format_money_in(m, unit); }
};

// Key columns (one per --by key, labels), then projects, amount, weighted, won, target,
// attainment, weighted open, coverage; the total as the table's total row.
Table forecast_table(const Forecast& f, NumberStyle style);

// One line for the text format: "Forecast, 2026Q4 (2026-10-01 to 2026-12-31), in CNY, as of …".
std::string forecast_caption(const Forecast& f, const ForecastContext& c);

// The range as people read it: "2026Q4 (2026-10-01 to 2026-12-31)", "from 2026-10-15", "all dates".
std::string describe_range(const DateRange& r);

// ", filter: TERM TERM" to end a caption with the filter as written; "" without terms.
std::string filter_clause(const std::vector<std::string>& terms);

// A --by key as a column header: a built-in key in the reader's language, a custom field by its key.
std::string group_key_header(GroupKey k);

// A group's value as people read it: no value is "(none)", a forecast category by its name in
// the reader's language, the rest (names, periods) as the group has it.
std::string group_value_label(const GroupValue& v);

std::string render_forecast_json(const Forecast& f, const ForecastContext& c);

}  // namespace pipeline
