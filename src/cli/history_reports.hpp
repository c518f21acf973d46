// report slippage and report accuracy: the reports that read the repository's git history.
#pragma once

#include <string>
#include <vector>

#include "pipeline/figures/history.hpp"
#include "pipeline/store/git_source.hpp"

#include "command.hpp"
#include "pipeline/figures/reports.hpp"
#include "query_options.hpp"

namespace pipeline::cli {

struct HistoryReportArgs {
    std::string kind;                   // "slippage" or "accuracy"
    const QueryOptions& query;
    std::string period, from, to;       // accuracy: the period forecast
    std::string since;                  // slippage: read commits from DATE on
    std::string every;                  // accuracy: week or month between points
};

// Whether `kind` is one of them.
bool is_history_report(const std::string& kind);

int run_history_report(const HistoryReportArgs& args, const Context& ctx);

// The open pipeline every week of `window` up to today, from git, for the HTML report's chart;
// empty when the repository is not in git or has fewer than two commits in the window's reach.
std::vector<TrendPoint> weekly_trend(const Context& ctx, const DateRange& window, const Query& filter);

// The amount and expected-close changes of open projects in `month` (up to today), from the
// commits of git's first-parent line, each dated by the day of its commit; nullopt when the
// repository is not in git.
std::optional<std::vector<FigureChange>> month_changes(const Context& ctx, const DateRange& month);

}  // namespace pipeline::cli
