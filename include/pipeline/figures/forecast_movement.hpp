// Forecast movement between two states of a repository (`pipeline diff`): what moved in each
// project, what each change did to the weighted forecast, and two waterfalls that add up
// exactly: of the weighted forecast by kind, and of the open pipeline at full amount by the
// buckets sales teams read. Pure functions over the model; every amount is integer cents.
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
    pulled_in,    // expected close (closed_on once closed) moved to an earlier period
    pushed_out,   // ... to a later period
    close_moved,  // the date appeared or disappeared (none ↔ a date)
    other,        // another field moved the project into or out of the selection or a group
};
constexpr std::size_t kMovementKinds = 14;

// "revalued", "new", "removed", "amount", "advanced", ... as JSON and CSV write them.
const char* movement_kind_id(MovementKind k);
// What people read: "new", "amount changed", "pulled in", ... in English, marked for the
// catalog (N_): tr() it where it is shown.
const char* movement_kind_label(MovementKind k);

// The buckets of the open pipeline's waterfall, in the order it is read: start + new + pulled
// in + increases + pushed out + decreases + lost + won + other = end (the last five negative
// as a rule).
enum class PipelineBucket {
    added,       // "new": a new open project
    pulled_in,   // a pulled_in movement
    increases,   // an amount or a rate that raised an open project's amount
    pushed_out,  // a pushed_out movement
    decreases,   // an amount or a rate that lowered it
    lost,        // lost or abandoned
    won,
    other,       // the rest: a removed file, a reopened project, a date none ↔ a date, the filter
};
constexpr std::size_t kPipelineBuckets = 8;

// "new", "pulled_in", "increases", ... as JSON writes them.
const char* pipeline_bucket_id(PipelineBucket b);
// "new", "pulled in", "increases", ... in English, marked for the catalog (N_).
const char* pipeline_bucket_label(PipelineBucket b);

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
    std::string from_plain, to_plain;  // amounts as programs read them (10000.00, USD 10000.00); empty: as `from`, `to`
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

// The open pipeline of one group (or of the whole selection) at both states: the converted
// amount of the selected open projects, unweighted; the changes between them by bucket.
struct PipelineWaterfall {
    std::vector<GroupValue> group;   // empty: the whole selection
    Money start, end;
    std::array<Money, kPipelineBuckets> buckets{};

    Money change() const;
    // start + Σ buckets == end: true by construction; checked before anything is printed.
    bool balanced() const { return start + change() == end; }
};

struct MovementRequest {
    std::vector<GroupKey> by;      // as forecast --by
    DateRange range;               // as forecast --period / --from / --to
    PeriodUnit unit = PeriodUnit::quarter;  // what counts as another period for pulled_in and pushed_out
};

// One state of the repository with the filter parsed against its process. Its projects are
// pointers, so that two states can share the records of the files they have alike.
struct MovementSide {
    std::vector<const Project*> projects;
    const Process& process;
    const Query& filter;

    MovementSide(std::vector<const Project*> projects, const Process& process, const Query& filter)
        : projects(std::move(projects)), process(process), filter(filter) {}
    MovementSide(const std::vector<Project>& all, const Process& process, const Query& filter)
        : process(process), filter(filter) {
        projects.reserve(all.size());
        for (const Project& p : all) projects.push_back(&p);
    }
};

struct ForecastMovement {
    std::vector<Movement> movements;             // by project key, each project's in attribution order
    std::array<std::size_t, kMovementKinds> counts{};  // movements of each kind
    Waterfall total;
    std::vector<Waterfall> groups;               // with --by, in forecast order
    PipelineWaterfall pipeline;                  // the open pipeline of the whole selection
    std::vector<PipelineWaterfall> pipeline_groups;  // with --by, the groups of `groups`, in their order
    bool balanced() const;                       // every waterfall
};

// The period unit of the first month/quarter/year key of `by`, else a quarter.
PeriodUnit movement_unit(const std::vector<GroupKey>& by);

// Matches the projects of both states by id (by path when they have none) and attributes
// each change in the kind order above: each step's delta is the weighted value (forecast_value
// when the project is selected, else 0) after the step minus before it, so a project's deltas
// sum exactly to its value at `after` minus its value at `before`. The open pipeline is
// attributed by the same steps with a project's value being its converted amount while open
// and selected (0 otherwise); each step's delta then goes to the bucket of its kind and sign.
ForecastMovement forecast_movement(const MovementSide& before, const MovementSide& after, const MovementRequest& request);

// When the base currency changed between two revisions, figures of both sides are in the later
// one's: the earlier process with the later one's base currency and rates (its stages and
// everything else unchanged). A message when the later revision has no rate for a currency the
// earlier projects use (translated: the command layer shows it).
std::variant<Process, std::string> in_later_currency(const Process& earlier, const Process& later,
                                                     const std::vector<const Project*>& earlier_projects);

}  // namespace pipeline
