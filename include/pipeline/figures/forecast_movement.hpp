// Forecast movement between two states of a repository (`pipeline diff`): what moved in each
// project, what each change did to the weighted forecast, and a waterfall that adds up
// exactly. Pure functions over the model; every amount is integer cents.
// Meaning of every kind and the order of attribution: pipeline(1), "pipeline diff".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/base/period.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// In the order a project's change is attributed: first the process (pipeline.yaml), then the
// amount at the old stage, then the stage or status at the new amount, then the period of the
// close date, then any other field a filter or a group looks at.
enum class MovementKind {
    revalued,     // pipeline.yaml changed the project's value: a probability, a rate, a category threshold
    added,        // "new": the project file appeared
    removed,      // the project file is gone
    amount,       // amount or currency changed
    advanced,     // to a later stage (status unchanged)
    regressed,    // to an earlier stage (status unchanged)
    won,          // closed as won (or from another outcome to won)
    lost,
    abandoned,
    reopened,     // from an outcome back to open
    close_moved,  // expected close (closed_on once closed) moved to another period
    other,        // another field moved the project into or out of the selection or a group
};
constexpr std::size_t kMovementKinds = 12;

// "revalued", "new", "removed", "amount", "advanced", ... as JSON and CSV write them.
const char* movement_kind_id(MovementKind k);
// What people read: "new", "amount changed", "expected close moved", ... in English, marked
// for the catalog (N_): tr() it where it is shown.
const char* movement_kind_label(MovementKind k);

struct GroupDelta {
    std::vector<GroupValue> group;  // one value per --by key
    Money delta;
};

// One change of one project.
struct Movement {
    std::string key;         // the project id (the path when it has none)
    std::string id, name, owner, path;  // as of the later state (the earlier one when removed)
    MovementKind kind = MovementKind::other;
    Text from, to;           // what moved, as people read it: stage names, amounts, dates ("none"; JSON: .english())
    Money delta;             // the change of the weighted total
    std::vector<GroupDelta> groups;  // with --by: the changes per group, non-zero ones (or the
                                     // project's group with 0 when the change moved no money)
};

// Weighted value of one group (or of the whole selection) at both states, and the changes
// between them by kind.
struct Waterfall {
    std::vector<GroupValue> group;   // empty: the whole selection
    Money before, after;
    std::array<Money, kMovementKinds> deltas{};

    Money change() const;
    // before + Σ deltas == after: true by construction; checked before anything is printed.
    bool balanced() const { return before + change() == after; }
};

struct MovementRequest {
    std::vector<GroupKey> by;      // as forecast --by
    DateRange range;               // as forecast --period / --from / --to
    PeriodUnit unit = PeriodUnit::quarter;  // what counts as another period for close_moved
};

// One state of the repository with the filter parsed against its process.
struct MovementSide {
    const std::vector<Project>& projects;
    const Process& process;
    const Query& filter;
};

struct ForecastMovement {
    std::vector<Movement> movements;             // by project key, each project's in attribution order
    std::array<std::size_t, kMovementKinds> counts{};  // movements of each kind
    Waterfall total;
    std::vector<Waterfall> groups;               // with --by, in forecast order
    bool balanced() const;                       // total and every group
};

// The period unit of the first month/quarter/year key of `by`, else a quarter.
PeriodUnit movement_unit(const std::vector<GroupKey>& by);

// Matches the projects of both states by id (by path when they have none) and attributes
// each change in the kind order above: each step's delta is the weighted value (forecast_value
// when the project is selected, else 0) after the step minus before it, so a project's deltas
// sum exactly to its value at `after` minus its value at `before`.
ForecastMovement forecast_movement(const MovementSide& before, const MovementSide& after, const MovementRequest& request);

// When the base currency changed between two revisions, figures of both sides are in the later
// one's: the earlier process with the later one's base currency and rates (its stages and
// everything else unchanged). A message when the later revision has no rate for a currency the
// earlier projects use (translated: the command layer shows it).
std::variant<Process, std::string> in_later_currency(const Process& earlier, const Process& later,
                                                     const std::vector<Project>& earlier_projects);

}  // namespace pipeline
