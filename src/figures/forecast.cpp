#include "pipeline/figures/forecast.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/collate.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/customer.hpp"

namespace pipeline {
namespace {

struct KeyInfo {
    GroupKey key;
    const char* name;
};

constexpr std::array<KeyInfo, 12> kKeys{{
    {GroupKey::month, "month"},
    {GroupKey::quarter, "quarter"},
    {GroupKey::year, "year"},
    {GroupKey::owner, "owner"},
    {GroupKey::stage, "stage"},
    {GroupKey::customer, "customer"},
    {GroupKey::industry, "industry"},
    {GroupKey::customer_grade, "customer_grade"},
    {GroupKey::size, "size"},
    {GroupKey::category, "category"},
    {GroupKey::source, "source"},
    {GroupKey::importance, "importance"},
}};

// English in the label (JSON carries it); marked for the catalog, render shows it translated.
// TRANSLATORS: the label of a forecast group without a value (no owner, no close date).
constexpr const char* kNone = N_("(none)");

// Categories from the most certain down, as CRMs list them; none last.
int category_rank(const std::optional<Category>& c) {
    if (!c) return 4;
    switch (*c) {
        case Category::closed: return 0;
        case Category::commit: return 1;
        case Category::best_case: return 2;
        case Category::pipeline: return 3;
    }
    return 4;
}

GroupValue text_value(GroupKey key, std::string value, std::string label) {
    GroupValue g;
    g.key = key;
    g.label = value.empty() ? kNone : std::move(label);
    g.value = std::move(value);
    return g;
}

GroupValue owner_value(const Process& process, const std::string& owner) {
    return text_value(GroupKey::owner, owner, process.display_name(owner));
}

GroupValue period_value(GroupKey key, PeriodUnit unit, const std::optional<Date>& date) {
    if (!date) return text_value(key, "", "");
    Period p = period_of(*date, unit);
    GroupValue g;
    g.key = key;
    g.value = p.label;
    g.label = p.label;
    g.begin = p.begin;
    g.end = p.end;
    return g;
}

// The field is found by its key: the two revisions of a diff may declare it at other places.
GroupValue custom_value(GroupKey key, const Project& p, const Process& process) {
    const int index = custom_field_index(process, key.custom_name);
    if (index < 0) return text_value(key, "", "");
    const CustomField& field = process.fields[static_cast<std::size_t>(index)];
    const CustomValue* v = p.custom_value(static_cast<std::uint32_t>(index));
    const std::string value = v ? v->text.str() : std::string();
    if (field.type == FieldType::person) {
        GroupValue g = owner_value(process, value);
        g.key = key;
        return g;
    }
    GroupValue g = text_value(key, value, value);
    if (v && field.type == FieldType::enumeration) g.order = static_cast<int>(v->number);
    if (v && field.type == FieldType::boolean) g.order = v->number ? 0 : 1;  // true first
    return g;
}

GroupValue key_value(GroupKey key, const Project& p, const Valuation& v, const Process& process) {
    if (auto unit = period_unit(key)) return period_value(key, *unit, v.date);
    switch (key.kind) {
        case GroupKey::custom: return custom_value(key, p, process);
        case GroupKey::owner: return owner_value(process, p.owner);
        case GroupKey::stage: {
            const bool known = p.stage >= 0 && p.stage < static_cast<int>(process.stages.size());
            GroupValue g = known ? text_value(key, process.stages[static_cast<std::size_t>(p.stage)].id,
                                              process.stages[static_cast<std::size_t>(p.stage)].name)
                                 : text_value(key, p.stage_text, p.stage_text);
            g.order = known ? p.stage : static_cast<int>(process.stages.size());
            return g;
        }
        case GroupKey::customer: return text_value(key, p.customer.name, p.customer.name);
        case GroupKey::industry: return text_value(key, p.customer.industry, p.customer.industry);
        case GroupKey::customer_grade:
        case GroupKey::size: {
            // Grades and sizes in the order of pipeline-project(5); none last.
            const char* field = key.kind == GroupKey::size ? "size" : "grade";
            const CompactString& id = key.kind == GroupKey::size ? p.customer.size : p.customer.grade;
            GroupValue g = text_value(key, id, id);
            g.order = static_cast<int>(customer_value_rank(field, id.view()));
            return g;
        }
        case GroupKey::source: return text_value(key, p.lead.source, p.lead.source);
        case GroupKey::importance: {
            // Grades in the table's order, best first; none last.
            const std::string grade = process.importance_of(p);
            GroupValue g = text_value(key, grade, grade);
            const std::vector<std::string> grades = process.importance_grades();
            g.order = static_cast<int>(std::find(grades.begin(), grades.end(), grade) - grades.begin());
            return g;
        }
        case GroupKey::category: {
            GroupValue g = text_value(key, v.category ? category_id(*v.category) : "", v.category ? category_id(*v.category) : "");
            g.order = category_rank(v.category);
            return g;
        }
        default: return {};
    }
}

// Orders two values of one key: periods by date, stages by the process, categories by
// certainty, the rest by what the row shows (owners by name), Chinese by pinyin; none last.
int compare_values(const GroupValue& a, const GroupValue& b) {
    const bool a_none = a.value.empty(), b_none = b.value.empty();
    if (a_none != b_none) return a_none ? 1 : -1;
    if (a_none) return 0;
    if (period_unit(a.key)) return a.begin < b.begin ? -1 : b.begin < a.begin ? 1 : 0;
    if (a.order != b.order) return a.order < b.order ? -1 : 1;
    if (const int c = collate(a.label, b.label)) return c;
    return a.value.compare(b.value) < 0 ? -1 : a.value == b.value ? 0 : 1;
}

bool keys_before(const std::vector<GroupValue>& a, const std::vector<GroupValue>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (int c = compare_values(a[i], b[i])) return c < 0;
    return false;
}

bool group_order(const ForecastGroup& a, const ForecastGroup& b) { return keys_before(a.keys, b.keys); }

std::vector<std::string> identity(const std::vector<GroupValue>& keys) {
    std::vector<std::string> out;
    for (const GroupValue& k : keys) out.push_back(k.value);
    return out;
}

bool targets_possible(const std::vector<GroupKey>& by) {
    return std::all_of(by.begin(), by.end(), [](GroupKey k) { return k == GroupKey::owner || period_unit(k); });
}

// The dates a group covers: its period keys and the range; nullopt when unbounded or empty.
std::optional<std::pair<Date, Date>> group_span(const std::vector<GroupValue>& keys, const DateRange& range) {
    std::optional<Date> begin = range.from, end = range.to;
    for (const GroupValue& k : keys) {
        if (!period_unit(k.key)) continue;
        if (k.value.empty()) return std::nullopt;
        if (!begin || k.begin > *begin) begin = k.begin;
        if (!end || k.end < *end) end = k.end;
    }
    if (!begin || !end || !(*begin < *end)) return std::nullopt;
    return std::make_pair(*begin, *end);
}

// Whose target a group is measured against: its owner key, else the owner the filter
// selects, else the team (""). nullopt: a group of projects without an owner.
std::optional<std::string> target_subject(const std::vector<GroupValue>& keys, const Query& filter) {
    for (const GroupValue& k : keys)
        if (k.key == GroupKey::owner) return k.value.empty() ? std::nullopt : std::optional<std::string>(k.value);
    return filter.only_owner().value_or("");
}

std::optional<Money> own_target(const Process& process, const std::string& owner, Date begin, Date end) {
    Money sum;
    Date at = begin;
    while (at < end) {
        std::optional<Date> longest;
        for (const Target& t : process.targets)
            if (t.owner == owner && t.period.begin == at && t.period.end <= end && (!longest || t.period.end > *longest))
                longest = t.period.end;
        if (!longest) return std::nullopt;
        for (const Target& t : process.targets)
            if (t.owner == owner && t.period.begin == at && t.period.end == *longest) sum += t.amount;
        at = *longest;
    }
    return sum;
}

}  // namespace

const char* group_key_name(GroupKey k) {
    if (k.kind == GroupKey::custom) return k.custom_name;
    for (const KeyInfo& info : kKeys)
        if (info.key == k) return info.name;
    return "?";
}

std::variant<GroupKey, std::string> parse_group_key(std::string_view text, const Process& process) {
    for (const KeyInfo& info : kKeys)
        if (text == info.name) return info.key;
    const int index = custom_field_index(process, text);
    std::string keys;
    for (const std::string& name : group_key_names(process)) keys += (keys.empty() ? "" : ", ") + name;
    // TRANSLATORS: a --by key; {1} lists the keys: "month, quarter, year, owner, ...".
    if (index < 0) return trf("unknown key \"{}\" ({})", text, keys);
    const CustomField& f = process.fields[static_cast<std::size_t>(index)];
    if (f.list || (f.type != FieldType::enumeration && f.type != FieldType::person && f.type != FieldType::boolean))
        // TRANSLATORS: {0} a custom field's key, {1} its type as pipeline.yaml writes it ("text", "list of
        // enum"), {2} the keys that group; enum, person and bool are type names.
        return trf("the field {} is {}: only enum, person and bool fields group ({})", f.key, custom_type_name(f), keys);
    GroupKey k(GroupKey::custom);
    k.field = index;
    k.custom_name = f.key.c_str();
    return k;
}

std::vector<TargetInWindow> targets_in_window(const Process& process, const DateRange& window) {
    std::vector<TargetInWindow> out;
    if (!window.bounded()) return out;
    for (const Target& t : process.targets) {
        const Date from = std::max(t.period.begin, *window.from), to = std::min(t.period.end, *window.to);
        if (!(from < to)) continue;
        TargetInWindow w{t.owner, t.period, t.amount, to - from, t.period.end - t.period.begin, {}};
        w.share = pro_rata(t.amount, w.days_inside, w.days);
        out.push_back(std::move(w));
    }
    std::stable_sort(out.begin(), out.end(), [](const TargetInWindow& a, const TargetInWindow& b) {
        if (a.owner.empty() != b.owner.empty()) return a.owner.empty();
        return a.owner != b.owner ? a.owner < b.owner : a.period.begin < b.period.begin;
    });
    return out;
}

std::vector<std::string> group_key_names(const Process& process) {
    std::vector<std::string> out;
    for (const KeyInfo& info : kKeys) out.emplace_back(info.name);
    for (const CustomField& f : process.fields)
        if (!f.list && (f.type == FieldType::enumeration || f.type == FieldType::person || f.type == FieldType::boolean))
            out.push_back(f.key);
    return out;
}

std::optional<PeriodUnit> period_unit(GroupKey k) {
    switch (k.kind) {
        case GroupKey::month: return PeriodUnit::month;
        case GroupKey::quarter: return PeriodUnit::quarter;
        case GroupKey::year: return PeriodUnit::year;
        default: return std::nullopt;
    }
}

std::variant<DateRange, DateRangeError> make_range(const std::string& period, const std::string& from,
                                                   const std::string& to) {
    DateRange r;
    if (!period.empty()) {
        if (!from.empty() || !to.empty()) return DateRangeError{tr("--period and --from/--to exclude each other")};
        auto p = parse_period(period);
        if (!p)
            return DateRangeError{trf("--period \"{}\": write a year (2026), a quarter (2026Q4) or a month (2026-11)", period)};
        r.from = p->begin;
        r.to = p->end;
        r.label = p->label;
        return r;
    }
    for (auto [text, slot, option] : {std::tuple{&from, &r.from, "--from"}, std::tuple{&to, &r.to, "--to"}}) {
        if (text->empty()) continue;
        auto d = Date::parse(*text);
        // TRANSLATORS: {0} is the option, --from or --to; {1} what was given.
        if (!d) return DateRangeError{trf("{} \"{}\" is not a date (YYYY-MM-DD)", option, *text)};
        *slot = *d;
    }
    if (r.from && r.to && !(*r.from < *r.to))
        return DateRangeError{trf("--from {} is not before --to {} (--to is the first day after the range)",
                                  r.from->iso(), r.to->iso())};
    return r;
}

void Figures::add(const Project& p, const Valuation& v) {
    ++projects;
    switch (p.status) {
        case Status::open:
            ++open;
            amount += v.amount;
            open_amount += v.amount;
            weighted_open += v.weighted;
            weighted += v.weighted;
            break;
        case Status::won:
            ++won;
            amount += v.amount;
            won_amount += v.amount;
            weighted += v.amount;
            break;
        case Status::lost: ++lost; break;
        case Status::abandoned: ++abandoned; break;
    }
}

Figures& Figures::operator+=(const Figures& o) {
    projects += o.projects;
    open += o.open;
    won += o.won;
    lost += o.lost;
    abandoned += o.abandoned;
    amount += o.amount;
    open_amount += o.open_amount;
    weighted += o.weighted;
    won_amount += o.won_amount;
    weighted_open += o.weighted_open;
    return *this;
}

Attainment attainment(Money target, const Figures& f) {
    Attainment a;
    a.target = target;
    a.remaining = target > f.won_amount ? target - f.won_amount : Money{};
    if (target.cents != 0) a.permille = ratio_permille(f.won_amount.cents, target.cents);
    if (a.remaining.cents > 0) a.coverage = ratio_hundredths(f.weighted_open.cents, a.remaining.cents);
    return a;
}

std::optional<Money> target_for(const Process& process, const std::string& owner, Date begin, Date end) {
    if (!(begin < end)) return std::nullopt;
    auto own = own_target(process, owner, begin, end);
    if (own || !owner.empty()) return own;
    std::set<std::string> owners;
    for (const Target& t : process.targets)
        if (!t.owner.empty()) owners.insert(t.owner);
    std::optional<Money> sum;
    for (const std::string& o : owners)
        if (auto m = own_target(process, o, begin, end)) sum = sum.value_or(Money{}) + *m;
    return sum;
}

Forecast forecast(const std::vector<Project>& projects, const Process& process, const ForecastRequest& request) {
    Forecast f;
    f.by = request.by;
    f.range = request.range;
    std::map<std::vector<std::string>, std::size_t> index;
    for (const Project& p : projects) {
        const Valuation v = valuate(p, process);
        if (!in_forecast(p, v, process, request)) continue;
        f.total.add(p, v);
        if (request.by.empty()) continue;
        std::vector<GroupValue> keys = group_of(request.by, p, v, process);
        auto [it, inserted] = index.emplace(identity(keys), f.groups.size());
        if (inserted) f.groups.push_back({std::move(keys), {}, {}});
        f.groups[it->second].figures.add(p, v);
    }

    f.targets_apply = request.filter.empty() || request.filter.only_owner().has_value();
    const bool group_targets = f.targets_apply && !request.by.empty() && targets_possible(request.by);
    if (group_targets) {
        // Owners and periods with a target appear even when nothing was sold there yet.
        const bool by_owner = std::find(request.by.begin(), request.by.end(), GroupKey::owner) != request.by.end();
        const auto only = request.filter.only_owner();
        for (const Target& t : process.targets) {
            if (by_owner && t.owner.empty()) continue;
            if (only && t.owner != *only) continue;
            std::vector<GroupValue> keys;
            for (GroupKey k : request.by)
                keys.push_back(k == GroupKey::owner ? owner_value(process, t.owner)
                                                    : period_value(k, *period_unit(k), t.period.begin));
            if (index.count(identity(keys))) continue;
            const auto span = group_span(keys, request.range);
            const auto subject = target_subject(keys, request.filter);
            if (!span || !subject || !target_for(process, *subject, span->first, span->second)) continue;
            index.emplace(identity(keys), f.groups.size());
            f.groups.push_back({std::move(keys), {}, {}});
        }
    }
    std::stable_sort(f.groups.begin(), f.groups.end(), group_order);

    if (!request.by.empty()) {
        // The total row is the sum of the rows, by construction.
        Figures sum;
        for (const ForecastGroup& g : f.groups) sum += g.figures;
        f.total = sum;
    }
    if (group_targets) {
        for (ForecastGroup& g : f.groups) {
            const auto span = group_span(g.keys, request.range);
            const auto subject = target_subject(g.keys, request.filter);
            if (!span || !subject) continue;
            if (auto t = target_for(process, *subject, span->first, span->second)) g.target = attainment(*t, g.figures);
        }
    }
    if (f.targets_apply && request.range.bounded()) {
        if (auto t = target_for(process, request.filter.only_owner().value_or(""), *request.range.from, *request.range.to))
            f.total_target = attainment(*t, f.total);
    }
    f.any_target = f.total_target.has_value() ||
                   std::any_of(f.groups.begin(), f.groups.end(), [](const ForecastGroup& g) { return g.target.has_value(); });
    return f;
}

bool in_forecast(const Project& p, const Valuation& v, const Process& process, const ForecastRequest& request) {
    if (!matches(request.filter, p, process)) return false;
    const bool ranged = request.range.from || request.range.to;
    return !ranged || (v.date && request.range.contains(*v.date));
}

std::vector<GroupValue> group_of(const std::vector<GroupKey>& by, const Project& p, const Valuation& v,
                                 const Process& process) {
    std::vector<GroupValue> keys;
    for (GroupKey k : by) keys.push_back(key_value(k, p, v, process));
    return keys;
}

bool group_before(const std::vector<GroupValue>& a, const std::vector<GroupValue>& b) { return keys_before(a, b); }

}  // namespace pipeline
