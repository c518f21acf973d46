// The history figures as tables and JSON: `pipeline trend`, `report slippage`, `report accuracy`.
#pragma once

#include <string>
#include <vector>

#include "pipeline/figures/history.hpp"
#include "pipeline/render/forecast_render.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/store/git_source.hpp"

namespace pipeline {

// What a history output says about how it was made, for captions and JSON.
struct HistoryContext {
    std::string currency;
    Date today;
    std::vector<std::string> filter;   // the FILTER terms as written
    MoneyUnit unit = MoneyUnit::yuan;
    std::string tip;                   // the commit the history was read back from (full id)
    bool shallow = false;              // the clone's history may end early
};

struct TrendContext {
    HistoryContext history;
    Every every = Every::week;
    Date from, to;
    std::vector<GroupKey> by;
};

// One row per point (per point and group with --by): date, commit, [group], open projects,
// amount, weighted, the open amount by category, won (count and amount) in the step before.
Table trend_table(const std::vector<TrendPoint>& points, const TrendContext& c, NumberStyle style);
std::string trend_caption(const std::vector<TrendPoint>& points, const TrendContext& c, bool markdown);
std::string render_trend_json(const std::vector<TrendPoint>& points, const TrendContext& c);

// Per project: moves of the expected close, days pushed, first and latest close and amount.
Table slippage_table(const Slippage& s, const Process& process, NumberStyle style);
// Every move: project, commit, date, author, close from → to (days), amount from → to.
Table slippage_moves_table(const Slippage& s, NumberStyle style);
// The caption names the commit the line starts from (the state the moves are counted from).
std::string slippage_caption(const Slippage& s, const HistoryContext& c, const Commit& start, bool markdown);
std::string render_slippage_json(const Slippage& s, const HistoryContext& c, const std::optional<Date>& since);

// Per point: the forecast for the period (weighted, commit, best case), won so far, and the
// weighted forecast's error against what was won.
Table accuracy_table(const Accuracy& a, NumberStyle style);
std::string accuracy_caption(const Accuracy& a, const HistoryContext& c, bool markdown);
std::string render_accuracy_json(const Accuracy& a, const HistoryContext& c);

}  // namespace pipeline
