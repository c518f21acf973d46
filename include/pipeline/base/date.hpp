// Calendar dates without time zones: what sales files and reports speak of.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

// A proleptic Gregorian date from 0001-01-01 to 9999-12-31, stored as days since 1970-01-01.
// The day after 9999-12-31 exists as a value (the exclusive end of the last period).
class Date {
public:
    constexpr Date() = default;
    static Date from_days(std::int32_t days) { Date d; d.days_ = days; return d; }
    // Returns nullopt unless y-m-d is a real calendar date (2026-02-30 is not).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Parses exactly "YYYY-MM-DD".
    static std::optional<Date> parse(std::string_view text);
    // 28 to 31.
    static int days_in_month(int year, int month);
    // The local date of this machine.
    static Date today();

    std::int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    int quarter() const { return (month() - 1) / 3 + 1; }
    std::string iso() const;  // YYYY-MM-DD

    Date operator+(int n) const { return from_days(days_ + n); }
    int operator-(Date other) const { return days_ - other.days_; }
    friend auto operator<=>(const Date&, const Date&) = default;

private:
    std::int32_t days_ = 0;
};

// Why `text` is no date, for "<what> \"<text>\" <why>": "is not a real calendar date" for
// 2026-02-30, "is not a date (write YYYY-MM-DD)" otherwise. A Text: findings carry it to JSON
// in English; text output shows .local().
Text why_not_a_date(std::string_view text);

}  // namespace pipeline
