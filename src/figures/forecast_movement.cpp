#include "pipeline/figures/forecast_movement.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pipeline/figures/valuation.hpp"

namespace pipeline {
namespace {

struct KindInfo {
    const char* id;
    const char* label;
};

// The labels are message ids: render translates them (tr) where it shows them.
constexpr std::array<KindInfo, kMovementKinds> kKinds{{
    // TRANSLATORS: this and the next eleven are the kinds of change of a forecast movement
    // (`pipeline diff`), in its "movement" column: pipeline.yaml changed the project's value, ...
    {"revalued", N_("revalued")},
    // TRANSLATORS: a kind of forecast movement: the project file appeared.
    {"new", N_("new")},
    // TRANSLATORS: a kind of forecast movement: the project file is gone.
    {"removed", N_("removed")},
    {"amount", N_("amount changed")},
    {"advanced", N_("advanced")},
    {"regressed", N_("regressed")},
    // TRANSLATORS: a kind of forecast movement: the project was closed as won.
    {"won", N_("won")},
    {"lost", N_("lost")},
    {"abandoned", N_("abandoned")},
    {"reopened", N_("reopened")},
    {"close_moved", N_("expected close moved")},
    {"other", N_("other change")},
}};

// TRANSLATORS: what a project had where a value is absent, in what moved: "owner none".
Text none() { return say("none"); }

std::size_t index_of(MovementKind k) { return static_cast<std::size_t>(k); }

// Where a project sits in the selection: its group and what it adds; nullopt when not selected.
struct Slot {
    std::vector<GroupValue> group;
    std::vector<std::string> identity;
    Money value;
};

// One state with what it is valued under: the process and the selection parsed against it.
struct Valuer {
    const Process& process;
    ForecastRequest request;

    std::optional<Slot> operator()(const Project& p) const {
        const Valuation v = valuate(p, process);
        if (!in_forecast(p, v, process, request)) return std::nullopt;
        Slot s;
        s.group = group_of(request.by, p, v, process);
        for (const GroupValue& g : s.group) s.identity.push_back(g.value);
        s.value = v.forecast;
        return s;
    }
};

std::string stage_name(const Project& p, const Process& process) {
    return p.stage >= 0 && p.stage < static_cast<int>(process.stages.size()) ? process.stages[static_cast<std::size_t>(p.stage)].name
                                                                             : p.stage_text.str();
}

// The stage while open, the outcome once closed.
std::string standing_name(const Project& p, const Process& process) {
    return p.status == Status::open ? stage_name(p, process) : process.outcome_name(p.status);
}

std::string amount_text(const Project& p, const Process& process, bool with_currency) {
    if (!with_currency && p.currency == process.currency) return format_money(p.amount);
    return fmt::format("{} {}", p.currency, format_money(p.amount));
}

Text date_text(const std::optional<Date>& d, PeriodUnit unit) {
    return d ? Text(fmt::format("{} ({})", d->iso(), period_of(*d, unit).label)) : none();
}

bool same_period(const std::optional<Date>& a, const std::optional<Date>& b, PeriodUnit unit) {
    if (!a || !b) return a.has_value() == b.has_value();
    return period_of(*a, unit) == period_of(*b, unit);
}

// The earlier state as the later process sees it: the same stage, found by id.
Project in_process(Project p, const Process& from, const Process& to) {
    p.stage = p.stage >= 0 && p.stage < static_cast<int>(from.stages.size())
                  ? to.stage_index(from.stages[static_cast<std::size_t>(p.stage)].id)
                  : to.stage_index(p.stage_text);
    return p;
}

// The fields a filter or a group reads that no earlier step changed, where they differ: each
// key as the file writes it (a Chinese reader gets its name), then its value ("owner
// zhang.san, grade none").
std::pair<Text, Text> other_fields(const Project& a, const Project& b) {
    Text from, to;
    const bool chinese = current_language() == Language::chinese;
    auto field = [&](const char* key, const char* label, const std::string& x, const std::string& y) {
        if (x == y) return;
        const auto named = [&](const Text& so_far) {
            const std::string english = fmt::format("{}{} ", so_far.empty() ? "" : ", ", key);
            return chinese ? Text(english, fmt::format("{}{} ", so_far.empty() ? "" : tr("; "), tr(label))) : Text(english);
        };
        from += named(from) + (x.empty() ? none() : Text(x));
        to += named(to) + (y.empty() ? none() : Text(y));
    };
    field("owner", N_("owner"), a.owner, b.owner);
    field("name", N_("name"), a.name, b.name);
    field("customer", N_("customer"), a.customer.name, b.customer.name);
    field("industry", N_("industry"), a.customer.industry, b.customer.industry);
    field("source", N_("source"), a.lead.source, b.lead.source);
    field("grade", N_("lead grade"), a.lead.grade, b.lead.grade);
    field("forecast_category", N_("category"), a.forecast_category, b.forecast_category);
    // TRANSLATORS: what moved when a field no filter or group names changed.
    if (from.empty()) return {say("other fields"), Text()};
    return {from, to};
}

class Attribution {
public:
    Attribution(const Valuer& before, const Valuer& after, const MovementRequest& request, ForecastMovement& out)
        : before_(before), after_(after), request_(request), out_(out) {}

    void count(const std::optional<Slot>& slot, bool later) {
        if (!slot) return;
        (later ? out_.total.after : out_.total.before) += slot->value;
        if (request_.by.empty()) return;
        Waterfall& w = group(*slot);
        (later ? w.after : w.before) += slot->value;
    }

    void project(const Project* b, const Project* a, const std::string& key) {
        const Project& shown = a ? *a : *b;
        Movement m;
        m.key = key;
        m.id = shown.id;
        m.name = shown.name;
        m.owner = shown.owner;
        m.path = shown.path;
        const Process& p1 = before_.process;
        const Process& p2 = after_.process;
        if (!a) {
            step(m, MovementKind::removed, before_(*b), std::nullopt, standing_name(*b, p1), "", true);
            return;
        }
        if (!b) {
            step(m, MovementKind::added, std::nullopt, after_(*a), "", standing_name(*a, p2), true);
            return;
        }
        // 0: the earlier state under the later pipeline.yaml.
        Project s = in_process(*b, p1, p2);
        {
            const int q1 = stage_probability(*b, p1), q2 = stage_probability(s, p2);
            const Money c1 = converted_amount(*b, p1), c2 = converted_amount(s, p2);
            auto [from, to] = q1 != q2 ? std::pair<Text, Text>{fmt::format("{}%", q1), fmt::format("{}%", q2)}
                              : c1 != c2 ? std::pair<Text, Text>{fmt::format("{} {}", p1.currency, format_money(c1)),
                                                                 fmt::format("{} {}", p2.currency, format_money(c2))}
                                         // TRANSLATORS: what moved when pipeline.yaml changed a project's value
                                         // other than by its stage's probability or its currency's rate.
                                         : std::pair<Text, Text>{say("pipeline.yaml changed"), Text()};
            step(m, MovementKind::revalued, before_(*b), after_(s), from, to, false);
        }
        // 1: the amount, at the earlier stage and status.
        {
            Project next = s;
            next.amount = a->amount;
            next.currency = a->currency;
            const bool currency_changed = s.currency != a->currency;
            step(m, MovementKind::amount, after_(s), after_(next), amount_text(s, p2, currency_changed),
                 amount_text(next, p2, currency_changed), s.amount != a->amount || currency_changed);
            s = std::move(next);
        }
        // 2: the stage and the status, at the new amount.
        {
            Project next = s;
            next.stage = a->stage;
            next.stage_text = a->stage_text;
            next.status = a->status;
            const bool moved = s.status != a->status || s.stage != a->stage || (s.stage < 0 && s.stage_text != a->stage_text);
            MovementKind kind = s.stage < a->stage ? MovementKind::advanced : MovementKind::regressed;
            if (s.status != a->status) {
                switch (a->status) {
                    case Status::open: kind = MovementKind::reopened; break;
                    case Status::won: kind = MovementKind::won; break;
                    case Status::lost: kind = MovementKind::lost; break;
                    case Status::abandoned: kind = MovementKind::abandoned; break;
                }
            }
            const bool stages = s.status == a->status;
            step(m, kind, after_(s), after_(next), stages ? stage_name(s, p2) : standing_name(s, p2),
                 stages ? stage_name(next, p2) : standing_name(next, p2), moved);
            s = std::move(next);
        }
        // 3: the date the project falls on, into another period or out of the range.
        {
            Project next = s;
            next.expected_close = a->expected_close;
            next.closed_on = a->closed_on;
            const auto d1 = period_date(s), d2 = period_date(next);
            step(m, MovementKind::close_moved, after_(s), after_(next), date_text(d1, request_.unit), date_text(d2, request_.unit),
                 !same_period(d1, d2, request_.unit));
            s = std::move(next);
        }
        // 4: everything else, as the later file has it.
        auto [from, to] = other_fields(s, *a);
        step(m, MovementKind::other, after_(s), after_(*a), from, to, false);
    }

private:
    Waterfall& group(const Slot& slot) {
        auto [it, inserted] = groups_.try_emplace(slot.identity);
        if (inserted) it->second.group = slot.group;
        return it->second;
    }

    // Records one step of a project: listed when it changed something while selected, or
    // when it changed a weighted value anywhere.
    void step(const Movement& project, MovementKind kind, const std::optional<Slot>& prev, const std::optional<Slot>& next,
              Text from, Text to, bool changed) {
        std::vector<GroupDelta> deltas;
        auto add = [&deltas](const Slot& s, Money d) {
            auto it = std::find_if(deltas.begin(), deltas.end(), [&](const GroupDelta& g) {
                return std::equal(g.group.begin(), g.group.end(), s.group.begin(), s.group.end(),
                                  [](const GroupValue& x, const GroupValue& y) { return x.value == y.value; });
            });
            if (it == deltas.end()) deltas.push_back({s.group, d});
            else it->delta += d;
        };
        if (prev) add(*prev, Money{} - prev->value);
        if (next) add(*next, next->value);
        std::erase_if(deltas, [](const GroupDelta& g) { return g.delta.cents == 0; });
        if (!(changed && (prev || next)) && deltas.empty()) return;

        Movement m = project;
        m.kind = kind;
        m.from = std::move(from);
        m.to = std::move(to);
        m.delta = (next ? next->value : Money{}) - (prev ? prev->value : Money{});
        out_.total.deltas[index_of(kind)] += m.delta;
        ++out_.counts[index_of(kind)];
        if (!request_.by.empty()) {
            for (const GroupDelta& d : deltas) {
                if (d.delta.cents == 0) continue;
                Slot s{d.group, {}, {}};
                for (const GroupValue& g : d.group) s.identity.push_back(g.value);
                group(s).deltas[index_of(kind)] += d.delta;
            }
            // A change that moved no money still belongs to a group: where the project ends up.
            if (deltas.empty()) deltas.push_back({(next ? next : prev)->group, Money{}});
            m.groups = std::move(deltas);
        }
        out_.movements.push_back(std::move(m));
    }

public:
    void finish() {
        for (auto& [identity, w] : groups_) out_.groups.push_back(std::move(w));
        std::stable_sort(out_.groups.begin(), out_.groups.end(),
                         [](const Waterfall& x, const Waterfall& y) { return group_before(x.group, y.group); });
        std::stable_sort(out_.movements.begin(), out_.movements.end(),
                         [](const Movement& x, const Movement& y) { return x.key < y.key; });
    }

private:
    const Valuer& before_;
    const Valuer& after_;
    const MovementRequest& request_;
    ForecastMovement& out_;
    std::map<std::vector<std::string>, Waterfall> groups_;
};

// Projects by id (by path without one); a repeated id keeps its later files apart by path.
std::map<std::string, const Project*> by_key(const std::vector<Project>& projects) {
    std::map<std::string, const Project*> out;
    for (const Project& p : projects) {
        const std::string key = p.id.empty() ? p.path : p.id;
        if (!out.emplace(key, &p).second) out.emplace(key + " " + p.path, &p);
    }
    return out;
}

}  // namespace

const char* movement_kind_id(MovementKind k) { return kKinds[index_of(k)].id; }
const char* movement_kind_label(MovementKind k) { return kKinds[index_of(k)].label; }

Money Waterfall::change() const {
    Money sum;
    for (Money d : deltas) sum += d;
    return sum;
}

bool ForecastMovement::balanced() const {
    return total.balanced() && std::all_of(groups.begin(), groups.end(), [](const Waterfall& w) { return w.balanced(); });
}

std::variant<Process, std::string> in_later_currency(const Process& earlier, const Process& later,
                                                     const std::vector<Project>& earlier_projects) {
    std::set<std::string> unknown;
    for (const Project& p : earlier_projects)
        if (!later.knows_currency(p.currency)) unknown.insert(p.currency.str());
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& c : unknown) list += (list.empty() ? "" : ", ") + c;
        // TRANSLATORS: {0} and {1} are currency codes, {2} lists codes; currencies is a key of pipeline.yaml.
        return trf("the base currency changed from {} to {}, and the later revision has no rate for {}, which "
                   "the earlier projects use: add it to currencies there, or compare revisions of one currency",
                   earlier.currency, later.currency, list);
    }
    Process p = earlier;
    p.currency = later.currency;
    p.rates = later.rates;
    return p;
}

PeriodUnit movement_unit(const std::vector<GroupKey>& by) {
    for (GroupKey k : by)
        if (auto unit = period_unit(k)) return *unit;
    return PeriodUnit::quarter;
}

ForecastMovement forecast_movement(const MovementSide& before, const MovementSide& after, const MovementRequest& request) {
    ForecastMovement out;
    const Valuer value_before{before.process, {request.by, request.range, before.filter}};
    const Valuer value_after{after.process, {request.by, request.range, after.filter}};
    Attribution attribution(value_before, value_after, request, out);
    const auto earlier = by_key(before.projects);
    const auto later = by_key(after.projects);
    for (const auto& [key, p] : earlier) attribution.count(value_before(*p), false);
    for (const auto& [key, p] : later) attribution.count(value_after(*p), true);
    for (const auto& [key, p] : earlier) {
        auto it = later.find(key);
        attribution.project(p, it == later.end() ? nullptr : it->second, key);
    }
    for (const auto& [key, p] : later)
        if (!earlier.count(key)) attribution.project(nullptr, p, key);
    attribution.finish();
    return out;
}

}  // namespace pipeline
