// Exact money: integer cents, never binary floating point.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

// A sum or product of amounts that integer cents cannot hold. Amounts are bounded where they
// are read (kMaxAmountCents) and rates likewise, so one amount always converts; only a sum of
// very many of the largest amounts can get here, and then no figure is better than a wrong one.
// The message is in the reader's language: only the command layer prints it, as text.
struct MoneyOverflow : std::overflow_error {
    MoneyOverflow() : std::overflow_error(tr("a sum of amounts is larger than 92,233,720,368,547,758.07")) {}
};

// The largest amount a file, an option or a filter may give: 1,000,000,000,000 (10^12) units.
constexpr std::int64_t kMaxAmountCents = 100'000'000'000'000;
// The largest exchange rate: 10,000 (six decimals, as millionths).
constexpr std::int64_t kMaxRateMicros = 10'000'000'000;

struct Money {
    std::int64_t cents = 0;
    friend auto operator<=>(const Money&, const Money&) = default;
    // Exact or an exception (MoneyOverflow), never a wrapped figure.
    Money& operator+=(Money o) {
        if (__builtin_add_overflow(cents, o.cents, &cents)) throw MoneyOverflow();
        return *this;
    }
    Money& operator-=(Money o) {
        if (__builtin_sub_overflow(cents, o.cents, &cents)) throw MoneyOverflow();
        return *this;
    }
    friend Money operator+(Money a, Money b) { return a += b; }
    friend Money operator-(Money a, Money b) { return a -= b; }
};

// An exchange rate or other factor with six decimals, stored as millionths.
struct Rate {
    std::int64_t micros = 1'000'000;
};

// Why a text is not an amount: what follows the value in "<what> \"<text>\" <message>"
// ("is not a number"). A Text: findings carry it to JSON in English.
struct ParseError {
    Text message;
};

// Parses a plain decimal with at most `max_decimals` decimals ("1280000", "1280000.5", "-3").
// Refuses separators, exponents, NaN and infinities with a message that says how to write it.
std::variant<std::int64_t, ParseError> parse_decimal(std::string_view text, int max_decimals);

std::variant<Money, ParseError> parse_money(std::string_view text);

// An amount written the way people write it in Chinese, not as the plain number a file holds:
// 98万, 4.2亿, 1,280万元, ￥420000, 420000元, ¥1280000.50. Gives the plain number to write
// instead ("980000") and the byte offset of the first character that is not part of one;
// nullopt when the text has none of these marks or is no amount with them either.
struct WrittenAmount {
    std::string plain;
    std::size_t offending = 0;
};
std::optional<WrittenAmount> chinese_amount(std::string_view text);
std::variant<Rate, ParseError> parse_rate(std::string_view text);

// amount × rate, rounded to the cent, halves away from zero.
Money convert(Money amount, Rate rate);

// amount × percent / 100, rounded to the cent, halves away from zero.
Money percent_of(Money amount, int percent);
// amount × a % × b % (a share of a share, e.g. of the margin), rounded once, halves away from zero.
Money percent_of_percent(Money amount, int a, int b);
// amount × part / whole (a target's share of the days of its period), rounded to the cent,
// halves away from zero; 0 ≤ part ≤ whole, whole > 0.
Money pro_rata(Money amount, std::int64_t part, std::int64_t whole);

// Whether `to` differs from `from` by more than `percent` of `from`, exactly (no rounding);
// any change of a zero amount does.
bool changed_by_more_than(Money from, Money to, int percent);

// numerator / denominator as a percentage with one decimal, rounded half away from zero,
// in tenths of a percent (1234 = 123.4%). Denominator must be non-zero.
std::int64_t ratio_permille(std::int64_t numerator, std::int64_t denominator);

// numerator / denominator in hundredths (2.5 = 250), rounded half away from zero.
// Denominator must be non-zero.
std::int64_t ratio_hundredths(std::int64_t numerator, std::int64_t denominator);

// "1,280,000.50": thousands separators and two decimals.
std::string format_money(Money m);
// "1280000.50": no separators, for CSV and JSON.
std::string plain_money(Money m);

// The unit people read money in: 元 (units of the currency), 万元 (10^4) or 亿元 (10^8).
// Only what people read uses it; CSV and JSON keep exact amounts.
enum class MoneyUnit : unsigned char { yuan, wan, yi };
// 元, 万元, 亿元 (or yuan, wan, yi).
std::optional<MoneyUnit> parse_money_unit(std::string_view text);
// How captions name the unit: the currency code in 元 ("CNY"), else 万元 / 亿元 for CNY and
// 万 USD / 亿 USD for another base currency.
std::string money_unit_label(MoneyUnit unit, std::string_view currency);
// format_money in `unit`, rounded half away from zero to two decimals of it:
// 42,580,000.80 is 4,258.00 in 万元 and 0.43 in 亿元.
std::string format_money_in(Money m, MoneyUnit unit);
// "123.4%" from tenths of a percent.
std::string format_permille(std::int64_t permille);

}  // namespace pipeline
