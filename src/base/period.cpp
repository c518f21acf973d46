#include "pipeline/base/period.hpp"

#include <fmt/format.h>

namespace pipeline {
namespace {

std::optional<int> number(std::string_view t) {
    if (t.empty() || t.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

// The months [first_month, first_month + count) of one year; the end is the day after the
// last one, which for 9999-12 is the first day past the calendar.
Period months(int year, int first_month, int count, std::string label) {
    const int last = first_month + count - 1;
    const Date begin = *Date::from_ymd(year, first_month, 1);
    const Date end = *Date::from_ymd(year, last, Date::days_in_month(year, last)) + 1;
    return {begin, end, std::move(label)};
}

}  // namespace

std::optional<Period> parse_period(std::string_view t) {
    if (t.size() == 4) {
        auto y = number(t);
        if (!y || *y < 1 || *y > 9999) return std::nullopt;
        return months(*y, 1, 12, fmt::format("{:04}", *y));
    }
    if (t.size() == 6 && (t[4] == 'Q' || t[4] == 'q')) {
        auto y = number(t.substr(0, 4));
        auto q = number(t.substr(5, 1));
        if (!y || !q || *y < 1 || *y > 9999 || *q < 1 || *q > 4) return std::nullopt;
        return months(*y, (*q - 1) * 3 + 1, 3, fmt::format("{:04}Q{}", *y, *q));
    }
    if (t.size() == 7 && t[4] == '-') {
        auto y = number(t.substr(0, 4));
        auto m = number(t.substr(5, 2));
        if (!y || !m || *y < 1 || *y > 9999 || *m < 1 || *m > 12) return std::nullopt;
        return months(*y, *m, 1, fmt::format("{:04}-{:02}", *y, *m));
    }
    return std::nullopt;
}

Period period_of(Date d, PeriodUnit unit) {
    switch (unit) {
        case PeriodUnit::month: return months(d.year(), d.month(), 1, fmt::format("{:04}-{:02}", d.year(), d.month()));
        case PeriodUnit::quarter:
            return months(d.year(), (d.quarter() - 1) * 3 + 1, 3, fmt::format("{:04}Q{}", d.year(), d.quarter()));
        case PeriodUnit::year: return months(d.year(), 1, 12, fmt::format("{:04}", d.year()));
    }
    return {};
}

}  // namespace pipeline
