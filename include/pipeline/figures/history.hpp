// Figures over the repository's history: the pipeline as it stood at points in time (`pipeline
// trend`), how often and how far projects' expected closes were pushed (`report slippage`), and
// what the forecast said for a period beside what was won in it (`report accuracy`). Pure
// functions over states of the model; the command layer reads the states from git.
// Meaning of every figure: pipeline(1), "pipeline trend" and "pipeline report".
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// ---- points in time ----

enum class Every { week, month };

// "week", "month"; nullopt for another word.
std::optional<Every> parse_every(std::string_view text);
const char* every_name(Every e);

// The dates from `from` to `to` (both included when on the grid), one `every` apart: weeks of
// 7 days from `from`; months on `from`'s day of the month (the last day of shorter months).
// At most `limit` points: nullopt when there would be more.
std::optional<std::vector<Date>> points_between(Date from, Date to, Every every, std::size_t limit);

// The point one step before `d` (the start of the period that ends at `d`).
Date step_back(Date d, Every every);

// ---- trend ----

// The open amount of each category a project can be open in: pipeline, best case, commit.
inline constexpr std::size_t kOpenCategories = 3;

struct TrendFigures {
    std::size_t open = 0;                          // open projects selected
    Money amount;                                  // their amount, in the base currency
    Money weighted;                                // their weighted value
    std::array<Money, kOpenCategories> categories{};  // their amount by forecast category
    std::size_t won = 0;                           // projects won in the period ending at the point
    Money won_amount;                              // their amount, in full
    TrendFigures& operator+=(const TrendFigures& o);
    friend bool operator==(const TrendFigures&, const TrendFigures&) = default;
};

struct TrendRow {
    std::vector<GroupValue> group;   // one value (with --by); the project's group key
    TrendFigures figures;
};

struct TrendPoint {
    Date date;                        // the pipeline as it stood at the end of this day
    Date won_from;                    // won counts projects closed on [won_from, date]
    bool has_state = false;           // false: no commit yet on or before the date
    std::string commit, author;       // the commit it stood at (full id), its author
    Date commit_date;
    std::size_t errors = 0;           // findings at that commit that make figures doubtful
    TrendFigures total;
    std::vector<TrendRow> groups;     // with --by, in forecast order
};

struct TrendRequest {
    std::vector<GroupKey> by;         // none, or one of category, owner, stage
    Query filter;
};

// One point's open figures from the repository's state at it: the open projects matching
// the filter, whatever their expected close. Its won figures are add_won's.
TrendPoint trend_point(const std::vector<Project>& projects, const Process& process, const TrendRequest& request, Date date);

// Adds to each point with a state the projects `latest` (the state at the last point) has
// won on [won_from, date], by closed_on: a win recorded after its day still counts in its
// period. Groups are the projects' groups in `latest`.
void add_won(std::vector<TrendPoint>& points, const std::vector<Project>& latest, const Process& process,
             const TrendRequest& request);

// ---- slippage ----

// One commit's change of a project's expected close or amount.
struct SlipMove {
    std::string commit, author;       // full id, author's name
    Date date;                        // the commit's date
    std::optional<Date> close_from, close_to;
    Money amount_from, amount_to;     // in the base currency
    std::int64_t days = 0;            // close_to − close_from (0 when either is none)
};

struct ProjectSlippage {
    std::string key, id, name, owner, path;  // as the latest state has them
    std::size_t pushes = 0, pulls = 0;       // moves of the expected close later / earlier
    std::int64_t days_pushed = 0;            // the sum of the later moves, in days
    std::int64_t days_net = 0;               // first expected close to latest, in days
    std::optional<Date> first_close, last_close;
    Money first_amount, last_amount;
    std::vector<SlipMove> moves;             // oldest first
};

struct Slippage {
    std::vector<ProjectSlippage> projects;   // moved at least once; most pushes first
    std::size_t commits = 0;                 // commits read
    std::size_t pushes = 0, pulls = 0, amount_changes = 0;
    std::int64_t days_pushed = 0;
};

// Follows every project through a line of states, one commit at a time.
class SlippageLedger {
public:
    // The state the line starts from: each project's expected close and amount, no moves.
    void start(const std::vector<Project>& projects, const Process& process);
    // A project as the commit left it: a move when its expected close (while open) or its
    // amount differs from the last state seen.
    void observe(const Project& p, const Process& process, const std::string& commit, const std::string& author, Date date);
    void count_commit() { ++commits_; }
    // The projects that moved and are selected by `filter` in the latest state (`latest`).
    Slippage finish(const std::vector<Project>& latest, const Process& process, const Query& filter) const;

private:
    struct Seen {
        std::optional<Date> close, first_close;
        Money amount, first_amount;
        std::vector<SlipMove> moves;
    };
    std::map<std::string, Seen> seen_;
    std::size_t commits_ = 0;
};

// The key a project is followed by through history: its id, else its path.
std::string history_key(const Project& p);

// ---- accuracy ----

struct AccuracyPoint {
    Date date;                        // the forecast as it stood at the end of this day
    bool has_state = false;
    std::string commit;
    std::size_t errors = 0;
    Money weighted;                   // won in the period so far + weighted open closing in it
    Money commit_amount;              // won so far + open in the commit category
    Money best_case;                  // commit_amount + open in best case
    Money won_so_far;                 // won in the period by then
};

struct Accuracy {
    DateRange period;
    Money actual;                     // won in the period, as the latest state has it
    bool period_over = false;         // the period ended before today
    std::vector<AccuracyPoint> points;
};

// What the state at one point forecast for `period`.
AccuracyPoint accuracy_point(const std::vector<Project>& projects, const Process& process, const Query& filter,
                             const DateRange& period, Date date);

// Won in `period` (closed_on inside it) among the projects `filter` selects.
Money won_in(const std::vector<Project>& projects, const Process& process, const Query& filter, const DateRange& period);

// (forecast − actual) ÷ actual in tenths of a percent; none when actual is 0.
std::optional<std::int64_t> forecast_error(Money forecast, Money actual);

}  // namespace pipeline
