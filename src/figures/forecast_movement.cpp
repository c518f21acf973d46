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
    // TRANSLATORS: this and the next thirteen are the kinds of change of a forecast movement
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
    // TRANSLATORS: a kind of forecast movement, and a row of the open pipeline's waterfall: the
    // expected close moved to an earlier period (提前).
    {"pulled_in", N_("pulled in")},
    // TRANSLATORS: a kind of forecast movement, and a row of the open pipeline's waterfall: the
    // expected close moved to a later period (推迟).
    {"pushed_out", N_("pushed out")},
    // TRANSLATORS: a kind of forecast movement: the project gained or lost its close date.
    {"close_moved", N_("expected close moved")},
    {"other", N_("other change")},
}};

// TRANSLATORS: what a project had where a value is absent, in what moved: "owner none".
Text none() { return say("none"); }

// A bucket named as a kind has the kind's message.
constexpr std::array<KindInfo, kPipelineBuckets> kBuckets{{
    {"new", N_("new")},
    {"pulled_in", N_("pulled in")},
    // TRANSLATORS: a row of the open pipeline's waterfall (`pipeline diff`): amounts raised.
    {"increases", N_("increases")},
    {"pushed_out", N_("pushed out")},
    // TRANSLATORS: a row of the open pipeline's waterfall (`pipeline diff`): amounts lowered.
    {"decreases", N_("decreases")},
    // TRANSLATORS: a row of the open pipeline's waterfall (`pipeline diff`): projects lost or abandoned.
    {"lost", N_("lost")},
    {"won", N_("won")},
    // TRANSLATORS: a row of the open pipeline's waterfall (`pipeline diff`): every other change,
    // such as a removed file or a reopened project.
    {"other", N_("other")},
}};

std::size_t index_of(MovementKind k) { return static_cast<std::size_t>(k); }
std::size_t index_of(PipelineBucket b) { return static_cast<std::size_t>(b); }

// Where one step's change of the open pipeline goes.
PipelineBucket bucket_of(MovementKind kind, Money delta) {
    switch (kind) {
        case MovementKind::added: return PipelineBucket::added;
        case MovementKind::revalued:
        case MovementKind::amount: return delta.cents < 0 ? PipelineBucket::decreases : PipelineBucket::increases;
        case MovementKind::pulled_in: return PipelineBucket::pulled_in;
        case MovementKind::pushed_out: return PipelineBucket::pushed_out;
        case MovementKind::won: return PipelineBucket::won;
        case MovementKind::lost:
        case MovementKind::abandoned: return PipelineBucket::lost;
        case MovementKind::removed:
        case MovementKind::advanced:  // open to open: the amount stays
        case MovementKind::regressed:
        case MovementKind::reopened:
        case MovementKind::close_moved:
        case MovementKind::other: break;
    }
    return PipelineBucket::other;
}

// Where a project sits in the selection: its group and what it adds to each waterfall;
// nullopt when not selected.
struct Slot {
    std::vector<GroupValue> group;
    Money value;  // forecast_value
    Money open;   // converted_amount while open, 0 once closed
};

bool same_group(const std::vector<GroupValue>& a, const std::vector<GroupValue>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const GroupValue& x, const GroupValue& y) { return x.value == y.value; });
}

// Whether a project counts the same in both states: selected in both or neither, alike.
bool same_slot(const std::optional<Slot>& x, const std::optional<Slot>& y) {
    if (!x || !y) return x.has_value() == y.has_value();
    return x->value == y->value && x->open == y->open && same_group(x->group, y->group);
}

// One state with what it is valued under: the process and the selection parsed against it.
struct Valuer {
    const Process& process;
    ForecastRequest request;

    std::optional<Slot> operator()(const Project& p) const {
        const Valuation v = valuate(p, process);
        if (!in_forecast(p, v, process, request)) return std::nullopt;
        Slot s;
        s.group = group_of(request.by, p, v, process);
        s.value = v.forecast;
        s.open = p.status == Status::open ? v.amount : Money{};
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

// An amount as people read it (1,280,000.00) and as programs do (1280000.00), with its currency
// when asked or when it is not the base currency.
std::string money_text(Money m, const std::string& currency, bool with_currency, bool plain) {
    const std::string amount = plain ? plain_money(m) : format_money(m);
    return with_currency ? fmt::format("{} {}", currency, amount) : amount;
}

std::string amount_text(const Project& p, const Process& process, bool with_currency, bool plain = false) {
    return money_text(p.amount, p.currency.str(), with_currency || p.currency != process.currency, plain);
}

Text date_text(const std::optional<Date>& d, PeriodUnit unit) {
    return d ? Text(fmt::format("{} ({})", d->iso(), period_of(*d, unit).label)) : none();
}

bool same_period(const std::optional<Date>& a, const std::optional<Date>& b, PeriodUnit unit) {
    if (!a || !b) return a.has_value() == b.has_value();
    return period_of(*a, unit) == period_of(*b, unit);
}

// By the dates themselves, so that a move within one period that crosses an edge of --from
// or --to still has a direction.
MovementKind date_move(const std::optional<Date>& from, const std::optional<Date>& to) {
    if (!from || !to) return MovementKind::close_moved;
    return *to < *from ? MovementKind::pulled_in : MovementKind::pushed_out;
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
    field("customer_grade", N_("customer grade"), a.customer.grade, b.customer.grade);
    field("size", N_("size"), a.customer.size, b.customer.size);
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
        (later ? out_.pipeline.end : out_.pipeline.start) += slot->open;
        if (request_.by.empty()) return;
        Group& g = group(*slot);
        (later ? g.weighted.after : g.weighted.before) += slot->value;
        (later ? g.pipeline.end : g.pipeline.start) += slot->open;
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
                              : c1 != c2 ? std::pair<Text, Text>{money_text(c1, p1.currency, true, false),
                                                                 money_text(c2, p2.currency, true, false)}
                                         // TRANSLATORS: what moved when pipeline.yaml changed a project's value
                                         // other than by its stage's probability or its currency's rate.
                                         : std::pair<Text, Text>{say("pipeline.yaml changed"), Text()};
            const bool converted = q1 == q2 && c1 != c2;
            step(m, MovementKind::revalued, before_(*b), after_(s), from, to, false,
                 converted ? money_text(c1, p1.currency, true, true) : "", converted ? money_text(c2, p2.currency, true, true) : "");
        }
        // 1: the amount, at the earlier stage and status.
        {
            Project next = s;
            next.amount = a->amount;
            next.currency = a->currency;
            const bool currency_changed = s.currency != a->currency;
            step(m, MovementKind::amount, after_(s), after_(next), amount_text(s, p2, currency_changed),
                 amount_text(next, p2, currency_changed), s.amount != a->amount || currency_changed,
                 amount_text(s, p2, currency_changed, true), amount_text(next, p2, currency_changed, true));
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
            step(m, date_move(d1, d2), after_(s), after_(next), date_text(d1, request_.unit), date_text(d2, request_.unit),
                 !same_period(d1, d2, request_.unit));
            s = std::move(next);
        }
        // 4: everything else, as the later file has it.
        auto [from, to] = other_fields(s, *a);
        step(m, MovementKind::other, after_(s), after_(*a), from, to, false);
    }

private:
    // Both waterfalls of one group.
    struct Group {
        Waterfall weighted;
        PipelineWaterfall pipeline;
    };

    Group& group(const std::vector<GroupValue>& keys) {
        std::vector<std::string> identity;
        for (const GroupValue& g : keys) identity.push_back(g.value);
        auto [it, inserted] = groups_.try_emplace(std::move(identity));
        if (inserted) it->second.weighted.group = it->second.pipeline.group = keys;
        return it->second;
    }
    Group& group(const Slot& slot) { return group(slot.group); }

    // The change of one measure of value by a step, per group; only the non-zero ones.
    static std::vector<GroupDelta> group_deltas(const std::optional<Slot>& prev, const std::optional<Slot>& next,
                                                Money Slot::*measure) {
        std::vector<GroupDelta> deltas;
        auto add = [&deltas](const Slot& s, Money d) {
            auto it = std::find_if(deltas.begin(), deltas.end(), [&](const GroupDelta& g) { return same_group(g.group, s.group); });
            if (it == deltas.end()) deltas.push_back({s.group, d});
            else it->delta += d;
        };
        if (prev) add(*prev, Money{} - (*prev).*measure);
        if (next) add(*next, (*next).*measure);
        std::erase_if(deltas, [](const GroupDelta& g) { return g.delta.cents == 0; });
        return deltas;
    }

    // The step's change of the open pipeline, in the bucket of its kind and sign: in the total
    // by its net change, in each group by that group's.
    void bucket(MovementKind kind, const std::optional<Slot>& prev, const std::optional<Slot>& next) {
        const Money delta = (next ? next->open : Money{}) - (prev ? prev->open : Money{});
        out_.pipeline.buckets[index_of(bucket_of(kind, delta))] += delta;
        if (request_.by.empty()) return;
        for (const GroupDelta& d : group_deltas(prev, next, &Slot::open))
            group(d.group).pipeline.buckets[index_of(bucket_of(kind, d.delta))] += d.delta;
    }

    // Records one step of a project: listed when it changed something while selected, or
    // when it changed a weighted value anywhere. Its change of the open pipeline counts
    // either way.
    void step(const Movement& project, MovementKind kind, const std::optional<Slot>& prev, const std::optional<Slot>& next,
              Text from, Text to, bool changed, std::string from_plain = {}, std::string to_plain = {}) {
        bucket(kind, prev, next);
        std::vector<GroupDelta> deltas = group_deltas(prev, next, &Slot::value);
        if (!(changed && (prev || next)) && deltas.empty()) return;

        Movement m = project;
        m.kind = kind;
        m.from = std::move(from);
        m.to = std::move(to);
        m.from_plain = std::move(from_plain);
        m.to_plain = std::move(to_plain);
        m.delta = (next ? next->value : Money{}) - (prev ? prev->value : Money{});
        out_.total.deltas[index_of(kind)] += m.delta;
        ++out_.counts[index_of(kind)];
        if (!request_.by.empty()) {
            for (const GroupDelta& d : deltas) group(d.group).weighted.deltas[index_of(kind)] += d.delta;
            // A change that moved no money still belongs to a group: where the project ends up.
            if (deltas.empty()) deltas.push_back({(next ? next : prev)->group, Money{}});
            m.groups = std::move(deltas);
        }
        out_.movements.push_back(std::move(m));
    }

public:
    void finish() {
        std::vector<Group> groups;
        for (auto& [identity, g] : groups_) groups.push_back(std::move(g));
        std::stable_sort(groups.begin(), groups.end(),
                         [](const Group& x, const Group& y) { return group_before(x.weighted.group, y.weighted.group); });
        for (Group& g : groups) {
            out_.groups.push_back(std::move(g.weighted));
            out_.pipeline_groups.push_back(std::move(g.pipeline));
        }
        std::stable_sort(out_.movements.begin(), out_.movements.end(),
                         [](const Movement& x, const Movement& y) { return x.key < y.key; });
    }

private:
    const Valuer& before_;
    const Valuer& after_;
    const MovementRequest& request_;
    ForecastMovement& out_;
    std::map<std::vector<std::string>, Group> groups_;
};

// Projects by id (by path without one); a repeated id keeps its later files apart by path.
std::map<std::string, const Project*> by_key(const std::vector<const Project*>& projects) {
    std::map<std::string, const Project*> out;
    for (const Project* q : projects) {
        const Project& p = *q;
        const std::string key = p.id.empty() ? p.path : p.id;
        if (!out.emplace(key, &p).second) out.emplace(key + " " + p.path, &p);
    }
    return out;
}

}  // namespace

const char* movement_kind_id(MovementKind k) { return kKinds[index_of(k)].id; }
const char* movement_kind_label(MovementKind k) { return kKinds[index_of(k)].label; }

const char* pipeline_bucket_id(PipelineBucket b) { return kBuckets[index_of(b)].id; }
const char* pipeline_bucket_label(PipelineBucket b) { return kBuckets[index_of(b)].label; }

Money Waterfall::change() const {
    Money sum;
    for (Money d : deltas) sum += d;
    return sum;
}

Money PipelineWaterfall::change() const {
    Money sum;
    for (Money d : buckets) sum += d;
    return sum;
}

bool ForecastMovement::balanced() const {
    const auto all = [](const auto& list) { return std::all_of(list.begin(), list.end(), [](const auto& w) { return w.balanced(); }); };
    return total.balanced() && all(groups) && pipeline.balanced() && all(pipeline_groups);
}

std::variant<Process, std::string> in_later_currency(const Process& earlier, const Process& later,
                                                     const std::vector<const Project*>& earlier_projects) {
    std::set<std::string> unknown;
    for (const Project* p : earlier_projects)
        if (!later.knows_currency(p->currency)) unknown.insert(p->currency.str());
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
        // A record both states share (the same file, unchanged) that both value alike moves
        // nothing at any step: every step takes the later record's fields, which are its own.
        if (it != later.end() && it->second == p && same_slot(value_before(*p), value_after(*p))) continue;
        attribution.project(p, it == later.end() ? nullptr : it->second, key);
    }
    for (const auto& [key, p] : later)
        if (!earlier.count(key)) attribution.project(nullptr, p, key);
    attribution.finish();
    return out;
}

}  // namespace pipeline
