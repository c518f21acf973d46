// The forecast: projects grouped by period, owner and more, with weighted values, targets,
// attainment and coverage. Pure functions over the model; every amount is integer cents.
// Meaning of every figure: pipeline(1), "pipeline forecast".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/base/period.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// What a forecast groups by: a built-in key, or a custom field of pipeline.yaml (enum,
// person or bool) by its index.
struct GroupKey {
    enum Kind : unsigned char {
        month, quarter, year, owner, stage, customer, industry, customer_grade, size, category, source, importance, custom
    };
    Kind kind = owner;
    int field = -1;                    // custom: index into Process::fields
    const char* custom_name = "";      // custom: the field's key (owned by the Process)

    constexpr GroupKey() = default;
    constexpr GroupKey(Kind k) : kind(k) {}
    friend constexpr bool operator==(const GroupKey& a, const GroupKey& b) { return a.kind == b.kind && a.field == b.field; }
};

// "month", "quarter", ..., or the custom field's key.
const char* group_key_name(GroupKey k);
// A built-in key, or a custom field of `process` that can group (enum, person, bool);
// a message saying why not otherwise (translated: the command layer shows it).
std::variant<GroupKey, std::string> parse_group_key(std::string_view text, const Process& process);
// The keys --by takes: the built-in ones, then the custom fields that group (enum, person, bool).
std::vector<std::string> group_key_names(const Process& process);
// The period unit of month, quarter and year; nullopt for the other keys.
std::optional<PeriodUnit> period_unit(GroupKey k);

// The dates a forecast covers: [from, to), either end open. Both open: every date.
struct DateRange {
    std::optional<Date> from;
    std::optional<Date> to;  // exclusive
    std::string label;       // "2026Q4", "2026-10-01..2027-01-01"; empty when unbounded

    bool bounded() const { return from && to; }
    bool contains(Date d) const { return (!from || *from <= d) && (!to || d < *to); }
};

struct DateRangeError {
    std::string message;     // translated: only the command layer shows it
};

// The range of --period P (2026, 2026Q4, 2026-11) or of --from/--to (dates, to exclusive).
std::variant<DateRange, DateRangeError> make_range(const std::string& period, const std::string& from,
                                                   const std::string& to);

// Counts and sums of a set of projects. amount and weighted leave lost and abandoned out.
struct Figures {
    std::size_t projects = 0;  // every status
    std::size_t open = 0, won = 0, lost = 0, abandoned = 0;
    Money amount;              // open + won, converted to the base currency
    Money open_amount;         // open, unweighted
    Money weighted;            // won + weighted_open
    Money won_amount;          // won, in full
    Money weighted_open;       // Σ open amount × stage probability (each rounded to the cent)

    void add(const Project& p, const Valuation& v);
    Figures& operator+=(const Figures& o);
    friend bool operator==(const Figures&, const Figures&) = default;
};

// A target and how far the figures are towards it.
struct Attainment {
    Money target;
    Money remaining;                         // target − won, at least 0
    std::optional<std::int64_t> permille;    // won ÷ target in tenths of a percent; none for a zero target
    std::optional<std::int64_t> coverage;    // weighted_open ÷ remaining in hundredths; none when nothing remains
};

Attainment attainment(Money target, const Figures& f);

// The target of an owner (empty: the team) for the dates [begin, end): the sum of targets that
// tile the span — from `begin`, the longest target period of that owner starting there that
// ends within the span, then on from where it ends — or nullopt when they leave a gap.
// Two targets of one owner with the same period add up. For the team, when its own targets
// do not tile the span, the sum of the owners' targets that do (nullopt if none).
std::optional<Money> target_for(const Process& process, const std::string& owner, Date begin, Date end);

// A target that shares days with a window, and the part of it the window holds: in proportion
// to the days of its period inside the window (a target wholly inside counts whole).
struct TargetInWindow {
    std::string owner;                 // empty: the team
    Period period;
    Money amount;
    int days_inside = 0, days = 0;
    Money share;
};
// The targets of pipeline.yaml overlapping `window` (bounded), the team's first, then by owner
// and period.
std::vector<TargetInWindow> targets_in_window(const Process& process, const DateRange& window);

struct GroupValue {
    GroupKey key = GroupKey::owner;
    std::string value;   // owner id, stage id, category id, period label, text; empty: none
    std::string label;   // what people read: person and stage names; "(none)" for empty (render translates it)
    Date begin, end;     // period keys: the calendar period
    int order = 0;       // stage index, category rank
};

struct ForecastGroup {
    std::vector<GroupValue> keys;            // one per --by key, in that order
    Figures figures;
    std::optional<Attainment> target;        // when a target applies (see forecast())
};

struct ForecastRequest {
    std::vector<GroupKey> by;   // at most two
    DateRange range;
    Query filter;
};

struct Forecast {
    std::vector<GroupKey> by;
    DateRange range;
    std::vector<ForecastGroup> groups;       // sorted; see pipeline(1)
    Figures total;                           // the sum of the groups (every project selected)
    std::optional<Attainment> total_target;
    bool targets_apply = false;              // the filter is empty or a single owner: term
    bool any_target = false;                 // some group or the total has a target
};

// Whether a forecast of `request` counts a project: its filter matches and its period_date
// falls in the range. `v` is valuate(p, process).
bool in_forecast(const Project& p, const Valuation& v, const Process& process, const ForecastRequest& request);

// The group a forecast puts a project in: one value per key of `by`, in that order.
std::vector<GroupValue> group_of(const std::vector<GroupKey>& by, const Project& p, const Valuation& v,
                                 const Process& process);

// Whether group keys `a` come before `b` in a forecast's order.
bool group_before(const std::vector<GroupValue>& a, const std::vector<GroupValue>& b);

// Filters `projects` (already as of the right date), keeps those whose period_date falls in
// the range, values and groups them. Targets apply only when the filter selects everything,
// or everything of one owner; a group has one when its keys are owners and periods only.
Forecast forecast(const std::vector<Project>& projects, const Process& process, const ForecastRequest& request);

}  // namespace pipeline
