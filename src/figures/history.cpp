#include "pipeline/figures/history.hpp"

#include <algorithm>

#include "pipeline/base/money.hpp"

namespace pipeline {

std::optional<Every> parse_every(std::string_view text) {
    if (text == "week") return Every::week;
    if (text == "month") return Every::month;
    return std::nullopt;
}

const char* every_name(Every e) { return e == Every::week ? "week" : "month"; }

namespace {

// `d` moved by `months` calendar months, on its day of the month or the last one of a shorter month.
Date add_months(Date d, int months, int day) {
    const int index = d.year() * 12 + (d.month() - 1) + months;
    const int year = index / 12, month = index % 12 + 1;
    return *Date::from_ymd(year, month, std::min(day, Date::days_in_month(year, month)));
}

}  // namespace

std::optional<std::vector<Date>> points_between(Date from, Date to, Every every, std::size_t limit) {
    std::vector<Date> out;
    for (int i = 0;; ++i) {
        const Date d = every == Every::week ? from + 7 * i : add_months(from, i, from.day());
        if (d > to) break;
        if (out.size() == limit) return std::nullopt;
        out.push_back(d);
    }
    return out;
}

Date step_back(Date d, Every every) { return every == Every::week ? d + -7 : add_months(d, -1, d.day()); }

TrendFigures& TrendFigures::operator+=(const TrendFigures& o) {
    open += o.open;
    amount += o.amount;
    weighted += o.weighted;
    for (std::size_t i = 0; i < kOpenCategories; ++i) categories[i] += o.categories[i];
    won += o.won;
    won_amount += o.won_amount;
    return *this;
}

namespace {

// Adds `f` to the point's total and to the row of `p`'s group (a new row when it has none yet).
void add_to(TrendPoint& point, const TrendFigures& f, const Project& p, const Valuation& v, const Process& process,
            const TrendRequest& request) {
    point.total += f;
    if (request.by.empty()) return;
    std::vector<GroupValue> group = group_of(request.by, p, v, process);
    const auto same = [&](const TrendRow& r) {
        return std::equal(r.group.begin(), r.group.end(), group.begin(), group.end(),
                          [](const GroupValue& a, const GroupValue& b) { return a.value == b.value; });
    };
    auto it = std::find_if(point.groups.begin(), point.groups.end(), same);
    if (it == point.groups.end()) it = point.groups.insert(point.groups.end(), {std::move(group), {}});
    it->figures += f;
}

void sort_groups(TrendPoint& point) {
    std::stable_sort(point.groups.begin(), point.groups.end(),
                     [](const TrendRow& a, const TrendRow& b) { return group_before(a.group, b.group); });
}

}  // namespace

TrendPoint trend_point(const std::vector<Project>& projects, const Process& process, const TrendRequest& request, Date date) {
    TrendPoint point;
    point.date = date;
    point.has_state = true;
    for (const Project& p : projects) {
        if (p.status != Status::open || !matches(request.filter, p, process)) continue;
        const Valuation v = valuate(p, process);
        TrendFigures f;
        f.open = 1;
        f.amount = v.amount;
        f.weighted = v.weighted;
        if (v.category && *v.category != Category::closed) f.categories[static_cast<std::size_t>(*v.category)] = v.amount;
        add_to(point, f, p, v, process, request);
    }
    sort_groups(point);
    return point;
}

void add_won(std::vector<TrendPoint>& points, const std::vector<Project>& latest, const Process& process,
             const TrendRequest& request) {
    for (const Project& p : latest) {
        if (p.status != Status::won || !p.closed_on || !matches(request.filter, p, process)) continue;
        // Points are in date order: the first whose day is not before the close.
        auto it = std::lower_bound(points.begin(), points.end(), *p.closed_on,
                                   [](const TrendPoint& t, Date d) { return t.date < d; });
        if (it == points.end() || !it->has_state || *p.closed_on < it->won_from) continue;
        const Valuation v = valuate(p, process);
        TrendFigures f;
        f.won = 1;
        f.won_amount = v.amount;
        add_to(*it, f, p, v, process, request);
    }
    for (TrendPoint& point : points) sort_groups(point);
}

std::string history_key(const Project& p) { return p.id.empty() ? p.path : p.id; }

void SlippageLedger::start(const std::vector<Project>& projects, const Process& process) {
    for (const Project& p : projects) {
        Seen& s = seen_[history_key(p)];
        s.close = s.first_close = p.expected_close;
        s.amount = s.first_amount = converted_amount(p, process);
    }
}

void SlippageLedger::observe(const Project& p, const Process& process, const std::string& commit, const std::string& author,
                             Date date) {
    const Money amount = converted_amount(p, process);
    auto [it, first] = seen_.try_emplace(history_key(p));
    Seen& s = it->second;
    if (first) {  // a new project: where it starts
        s.close = s.first_close = p.expected_close;
        s.amount = s.first_amount = amount;
        return;
    }
    // Once closed, the expected close is history: what moves it then is no slip.
    const bool close_moved = p.status == Status::open && p.expected_close != s.close;
    if (!close_moved && amount == s.amount) return;
    SlipMove m{commit, author, date, s.close, p.status == Status::open ? p.expected_close : s.close, s.amount, amount, 0};
    if (m.close_from && m.close_to) m.days = *m.close_to - *m.close_from;
    s.moves.push_back(std::move(m));
    if (p.status == Status::open) s.close = p.expected_close;
    if (!s.first_close) s.first_close = s.close;
    s.amount = amount;
}

Slippage SlippageLedger::finish(const std::vector<Project>& latest, const Process& process, const Query& filter) const {
    Slippage out;
    out.commits = commits_;
    for (const Project& p : latest) {
        if (!matches(filter, p, process)) continue;
        auto it = seen_.find(history_key(p));
        if (it == seen_.end() || it->second.moves.empty()) continue;
        const Seen& s = it->second;
        ProjectSlippage row;
        row.key = it->first;
        row.id = p.id;
        row.name = p.name;
        row.owner = p.owner;
        row.path = p.path;
        row.first_close = s.first_close;
        row.last_close = s.close;
        row.first_amount = s.first_amount;
        row.last_amount = s.amount;
        if (s.first_close && s.close) row.days_net = *s.close - *s.first_close;
        for (const SlipMove& m : s.moves) {
            if (m.days > 0) {
                ++row.pushes;
                row.days_pushed += m.days;
            } else if (m.days < 0) {
                ++row.pulls;
            }
            if (m.amount_from != m.amount_to) ++out.amount_changes;
        }
        row.moves = s.moves;
        out.pushes += row.pushes;
        out.pulls += row.pulls;
        out.days_pushed += row.days_pushed;
        out.projects.push_back(std::move(row));
    }
    std::stable_sort(out.projects.begin(), out.projects.end(), [](const ProjectSlippage& a, const ProjectSlippage& b) {
        if (a.pushes != b.pushes) return a.pushes > b.pushes;
        if (a.days_pushed != b.days_pushed) return a.days_pushed > b.days_pushed;
        return a.key < b.key;
    });
    return out;
}

AccuracyPoint accuracy_point(const std::vector<Project>& projects, const Process& process, const Query& filter,
                             const DateRange& period, Date date) {
    AccuracyPoint point;
    point.date = date;
    point.has_state = true;
    for (const Project& p : projects) {
        if (!matches(filter, p, process)) continue;
        const Valuation v = valuate(p, process);
        if (!v.date || !period.contains(*v.date)) continue;
        if (p.status == Status::won) {
            point.won_so_far += v.amount;
            point.weighted += v.amount;
            point.commit_amount += v.amount;
            point.best_case += v.amount;
        } else if (p.status == Status::open) {
            point.weighted += v.weighted;
            if (v.category == Category::commit) point.commit_amount += v.amount;
            if (v.category == Category::commit || v.category == Category::best_case) point.best_case += v.amount;
        }
    }
    return point;
}

Money won_in(const std::vector<Project>& projects, const Process& process, const Query& filter, const DateRange& period) {
    Money sum;
    for (const Project& p : projects)
        if (p.status == Status::won && p.closed_on && period.contains(*p.closed_on) && matches(filter, p, process))
            sum += converted_amount(p, process);
    return sum;
}

std::optional<std::int64_t> forecast_error(Money forecast, Money actual) {
    if (actual.cents == 0) return std::nullopt;
    return ratio_permille((forecast - actual).cents, actual.cents);
}

}  // namespace pipeline
