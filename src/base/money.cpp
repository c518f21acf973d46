#include "pipeline/base/money.hpp"

#include <cstdlib>
#include <limits>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace pipeline {
namespace {

// Divides rounding halves away from zero; MoneyOverflow when the quotient leaves int64.
std::int64_t divide_rounded(__int128 n, __int128 d) {
    const bool negative = (n < 0) != (d < 0);
    __int128 an = n < 0 ? -n : n, ad = d < 0 ? -d : d;
    __int128 q = (an + ad / 2) / ad;
    if (q > static_cast<__int128>(INT64_MAX)) throw MoneyOverflow();
    return static_cast<std::int64_t>(negative ? -q : q);
}

std::string group_thousands(std::string digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        const std::size_t left = n - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return out;
}

}  // namespace

std::variant<std::int64_t, ParseError> parse_decimal(std::string_view t, int max_decimals) {
    // TRANSLATORS: this and the reasons below follow a value and its name in a sentence:
    // 'amount "1,280,000" has a thousands separator: ...', '--amount: "" empty value'.
    if (t.empty()) return ParseError{say("empty value")};
    std::string_view lowered = t;
    if (lowered == ".nan" || lowered == ".NaN" || lowered == ".NAN" || lowered == "nan" || lowered == "NaN")
        return ParseError{say("is not a number (NaN): write it in digits")};
    if (lowered.find("inf") != std::string_view::npos || lowered.find("Inf") != std::string_view::npos ||
        lowered.find("INF") != std::string_view::npos)
        return ParseError{say("is infinite: write it in digits")};
    std::size_t i = 0;
    bool negative = false;
    if (t[i] == '-' || t[i] == '+') {
        negative = t[i] == '-';
        ++i;
    }
    if (t.find(',') != std::string_view::npos || t.find("，") != std::string_view::npos)
        return ParseError{say("has a thousands separator: write the digits alone, e.g. 1280000")};
    // Only digits, a point and a sign make a number; an exponent is the one mistake worth naming.
    const auto exponent = t.find_first_of("eE");
    if (exponent != std::string_view::npos && exponent > i && t.find_first_not_of("0123456789.+-eE", i) == std::string_view::npos)
        return ParseError{say("uses an exponent: write the digits in full")};
    __int128 value = 0;
    int decimals = -1;
    bool any_digit = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '.') {
            if (decimals >= 0) return ParseError{say("is not a number")};
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9') return ParseError{say("is not a number")};
        any_digit = true;
        if (decimals >= 0 && ++decimals > max_decimals)
            return ParseError{say("has more than {} decimals", max_decimals)};
        value = value * 10 + (c - '0');
        if (value > std::numeric_limits<std::int64_t>::max()) return ParseError{say("is too large")};
    }
    if (!any_digit) return ParseError{say("is not a number")};
    for (int d = decimals < 0 ? 0 : decimals; d < max_decimals; ++d) value *= 10;
    if (value > std::numeric_limits<std::int64_t>::max()) return ParseError{say("is too large")};
    return static_cast<std::int64_t>(negative ? -value : value);
}

std::variant<Money, ParseError> parse_money(std::string_view text) {
    auto v = parse_decimal(text, 2);
    if (auto* e = std::get_if<ParseError>(&v)) return *e;
    const std::int64_t cents = std::get<std::int64_t>(v);
    if (cents > kMaxAmountCents || cents < -kMaxAmountCents)
        return ParseError{say("is larger than the largest amount pipeline takes, 1000000000000")};
    return Money{cents};
}

std::optional<WrittenAmount> chinese_amount(std::string_view text) {
    std::string_view rest = text;
    std::size_t offset = 0;
    std::optional<std::size_t> offending;
    auto mark = [&](std::size_t at) {
        if (!offending) offending = at;
    };
    for (std::string_view sign : {std::string_view("\xEF\xBF\xA5"), std::string_view("\xC2\xA5")})  // ￥ ¥
        if (rest.starts_with(sign)) {
            mark(0);
            rest.remove_prefix(sign.size());
            offset = sign.size();
            break;
        }
    int shift = 0;  // 万: 4 places, 亿: 8
    std::size_t suffix = rest.size();
    for (auto [unit, places] : {std::pair{std::string_view("万元"), 4}, std::pair{std::string_view("亿元"), 8},
                                std::pair{std::string_view("万"), 4}, std::pair{std::string_view("亿"), 8},
                                std::pair{std::string_view("元"), 0}})
        if (rest.ends_with(unit)) {
            shift = places;
            suffix = rest.size() - unit.size();
            break;
        }
    std::string whole, fraction;
    bool point = false;
    for (std::size_t i = 0; i < suffix;) {
        const std::size_t at = offset + i;
        const char c = rest[i];
        if (c >= '0' && c <= '9') {
            (point ? fraction : whole) += c;
            ++i;
        } else if (c == '.' && !point) {
            point = true;
            ++i;
        } else if (c == ',') {  // a thousands separator: alone, parse_money's own message says so
            ++i;
        } else if (rest.substr(i).starts_with("\xEF\xBC") && i + 2 < suffix &&
                   static_cast<unsigned char>(rest[i + 2]) >= 0x90 && static_cast<unsigned char>(rest[i + 2]) <= 0x99) {
            mark(at);  // a full-width digit
            (point ? fraction : whole) += static_cast<char>('0' + (static_cast<unsigned char>(rest[i + 2]) - 0x90));
            i += 3;
        } else if (rest.substr(i).starts_with("\xEF\xBC\x8C") || rest.substr(i).starts_with("\xEF\xBC\x8E")) {
            mark(at);  // a full-width comma (a separator) or point
            if (rest[i + 2] == '\x8E') {
                if (point) return std::nullopt;
                point = true;
            }
            i += 3;
        } else {
            return std::nullopt;
        }
    }
    if (suffix < rest.size()) mark(offset + suffix);
    if (!offending || whole.empty()) return std::nullopt;
    // The decimal point moved right by `shift` places, exactly.
    while (shift > 0) {
        whole += fraction.empty() ? '0' : fraction[0];
        if (!fraction.empty()) fraction.erase(0, 1);
        --shift;
    }
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    return WrittenAmount{fraction.empty() ? whole : whole + "." + fraction, *offending};
}

std::variant<Rate, ParseError> parse_rate(std::string_view text) {
    auto v = parse_decimal(text, 6);
    if (auto* e = std::get_if<ParseError>(&v)) return *e;
    const std::int64_t micros = std::get<std::int64_t>(v);
    if (micros > kMaxRateMicros) return ParseError{say("is larger than the largest rate pipeline takes, 10000")};
    return Rate{micros};
}

Money convert(Money amount, Rate rate) {
    return {divide_rounded(static_cast<__int128>(amount.cents) * rate.micros, 1'000'000)};
}

Money percent_of(Money amount, int percent) {
    return {divide_rounded(static_cast<__int128>(amount.cents) * percent, 100)};
}

Money pro_rata(Money amount, std::int64_t part, std::int64_t whole) {
    return {divide_rounded(static_cast<__int128>(amount.cents) * part, whole)};
}

Money percent_of_percent(Money amount, int a, int b) {
    return {divide_rounded(static_cast<__int128>(amount.cents) * a * b, 10000)};
}

bool changed_by_more_than(Money from, Money to, int percent) {
    const __int128 was = from.cents, is = to.cents;
    const __int128 moved = is > was ? is - was : was - is;
    const __int128 whole = was < 0 ? -was : was;
    return moved * 100 > static_cast<__int128>(percent) * whole;
}

std::int64_t ratio_permille(std::int64_t numerator, std::int64_t denominator) {
    return divide_rounded(static_cast<__int128>(numerator) * 1000, denominator);
}

std::int64_t ratio_hundredths(std::int64_t numerator, std::int64_t denominator) {
    return divide_rounded(static_cast<__int128>(numerator) * 100, denominator);
}

std::string format_money(Money m) {
    const bool negative = m.cents < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m.cents + 1)) + 1 : static_cast<std::uint64_t>(m.cents);
    return fmt::format("{}{}.{:02}", negative ? "-" : "", group_thousands(std::to_string(abs / 100)), abs % 100);
}

std::string plain_money(Money m) {
    const bool negative = m.cents < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m.cents + 1)) + 1 : static_cast<std::uint64_t>(m.cents);
    return fmt::format("{}{}.{:02}", negative ? "-" : "", abs / 100, abs % 100);
}

std::optional<MoneyUnit> parse_money_unit(std::string_view text) {
    if (text == "元" || text == "yuan") return MoneyUnit::yuan;
    if (text == "万元" || text == "wan") return MoneyUnit::wan;
    if (text == "亿元" || text == "yi") return MoneyUnit::yi;
    return std::nullopt;
}

std::string money_unit_label(MoneyUnit unit, std::string_view currency) {
    if (unit == MoneyUnit::yuan) return std::string(currency);
    const char* scale = unit == MoneyUnit::wan ? "万" : "亿";
    return currency == "CNY" ? std::string(scale) + "元" : fmt::format("{} {}", scale, currency);
}

std::string format_money_in(Money m, MoneyUnit unit) {
    if (unit == MoneyUnit::yuan) return format_money(m);
    // Hundredths of 万 are 100 units (10^4 cents); of 亿, 10^6 units (10^8 cents).
    const std::int64_t step = unit == MoneyUnit::wan ? 10'000 : 100'000'000;
    const bool negative = m.cents < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m.cents + 1)) + 1 : static_cast<std::uint64_t>(m.cents);
    const std::uint64_t hundredths = abs / static_cast<std::uint64_t>(step) + (abs % static_cast<std::uint64_t>(step) >= static_cast<std::uint64_t>(step / 2) ? 1 : 0);
    const std::int64_t rounded = static_cast<std::int64_t>(hundredths);  // at most 10^14 / 10^4: no overflow
    return format_money(Money{negative ? -rounded : rounded});
}

std::string format_permille(std::int64_t permille) {
    const bool negative = permille < 0;
    const std::int64_t abs = negative ? -permille : permille;
    return fmt::format("{}{}.{}%", negative ? "-" : "", abs / 10, abs % 10);
}

}  // namespace pipeline
