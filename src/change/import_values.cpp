#include "pipeline/change/import_values.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "pipeline/base/text.hpp"

namespace pipeline {
namespace {

bool strip_prefix(std::string_view& s, std::string_view p) {
    if (!s.starts_with(p)) return false;
    s = trim_blanks(s.substr(p.size()));
    return true;
}

bool strip_suffix(std::string_view& s, std::string_view p) {
    if (!s.ends_with(p)) return false;
    s = trim_blanks(s.substr(0, s.size() - p.size()));
    return true;
}

// A currency code in any case before or after the number: usd 500, 500 Rmb.
bool strip_code(std::string_view& s, std::string_view code) {
    if (code.size() != 3 || code[0] < 'A' || code[0] > 'Z' || s.size() < 3) return false;
    if (equal_ignoring_case(s.substr(0, 3), code)) s = trim_blanks(s.substr(3));
    else if (equal_ignoring_case(s.substr(s.size() - 3), code)) s = trim_blanks(s.substr(0, s.size() - 3));
    else return false;
    return true;
}

// Whether the text is a time of day as exports write one after a date: 8:00, 08:00:00, 08:00:00.000,
// with Z or an offset (+08:00), or 8:00 AM.
bool time_of_day(std::string_view t) {
    auto two_digits = [&](int limit) -> int {
        std::size_t n = 0;
        int v = 0;
        while (n < t.size() && n < 2 && t[n] >= '0' && t[n] <= '9') v = v * 10 + (t[n++] - '0');
        if (n == 0 || v > limit) return -1;
        t.remove_prefix(n);
        return v;
    };
    const int hour = two_digits(23);
    if (hour < 0 || !t.starts_with(':')) return false;
    t.remove_prefix(1);
    if (t.size() < 2 || two_digits(59) < 0) return false;
    if (t.starts_with(':')) {
        t.remove_prefix(1);
        if (t.size() < 2 || two_digits(60) < 0) return false;
        if (t.starts_with('.') || t.starts_with(',')) {
            t.remove_prefix(1);
            const std::size_t n = t.find_first_not_of("0123456789");
            if (n == 0) return false;
            t.remove_prefix(std::min(n, t.size()));
        }
    }
    t = trim_blanks(t);
    if (t.empty() || t == "Z") return true;
    if (equal_ignoring_case(t, "AM") || equal_ignoring_case(t, "PM")) return hour >= 1 && hour <= 12;
    if (t.starts_with('+') || t.starts_with('-')) {
        t.remove_prefix(1);
        if (two_digits(14) < 0) return false;
        if (t.starts_with(':')) t.remove_prefix(1);
        return t.empty() || (t.size() == 2 && two_digits(59) >= 0);
    }
    return false;
}

// The number without the separators that group its whole part by three (1,280,000 · 1 280 000 ·
// 1'280'000 · 1，280，000), one kind of them per number; nullopt when a separator stands anywhere
// else: a decimal comma (950,00 · 1.000,50) would be read a hundred times too large.
std::optional<std::string> ungrouped(std::string_view s) {
    static constexpr std::string_view separators[] = {",", "\xEF\xBC\x8C" /* ， */, "'", " ", "\xC2\xA0" /* no-break space */,
                                                      "\xE2\x80\xAF" /* narrow no-break space */, "\xE2\x80\x89" /* thin space */};
    std::string out;
    std::string_view kind;
    int digits = 0;  // digits of the whole part since the last separator (or the start)
    bool grouped = false, after_point = false;
    for (std::size_t i = 0; i < s.size();) {
        std::string_view sep;
        for (std::string_view candidate : separators)
            if (s.substr(i).starts_with(candidate)) sep = candidate;
        if (!sep.empty()) {
            if (after_point || (!kind.empty() && sep != kind)) return std::nullopt;
            if (grouped ? digits != 3 : (digits < 1 || digits > 3)) return std::nullopt;
            kind = sep;
            grouped = true;
            digits = 0;
            i += sep.size();
            continue;
        }
        const char c = s[i++];
        if (c == '.') {
            if (grouped && !after_point && digits != 3) return std::nullopt;
            after_point = true;
        } else if (c >= '0' && c <= '9' && !after_point) {
            ++digits;
        }
        out += c;
    }
    if (grouped && !after_point && digits != 3) return std::nullopt;
    return out;
}

}  // namespace

std::variant<ExportAmount, Text> export_amount(std::string_view text, std::int64_t unit) {
    std::string_view s = trim_blanks(text);
    if (s.empty()) return say("is empty");
    // Currency marks before or after, and the currency each names. Longer marks first: US$ before $.
    struct Mark {
        std::string_view text, code;
    };
    static constexpr Mark marks[] = {{"US$", "USD"}, {"HK$", "HKD"}, {"$", "USD"}, {"\xC2\xA5", "CNY"} /* ¥ */,
                                     {"\xEF\xBF\xA5", "CNY"} /* ￥ */, {"\xE2\x82\xAC", "EUR"} /* € */,
                                     {"\xC2\xA3", "GBP"} /* £ */, {"CNY", "CNY"}, {"RMB", "CNY"}, {"USD", "USD"},
                                     {"EUR", "EUR"}, {"GBP", "GBP"}, {"HKD", "HKD"}, {"\xE5\x85\x83", "CNY"} /* 元 */};
    std::string currency;
    for (bool again = true; again;) {
        again = false;
        for (const Mark& m : marks) {
            if (!strip_prefix(s, m.text) && !strip_suffix(s, m.text) && !strip_code(s, m.text)) continue;
            if (!currency.empty() && currency != m.code)
                // TRANSLATORS: {0} and {1} are currency codes (CNY, USD).
                return say("names two currencies, {} and {}", currency, m.code);
            currency = std::string(m.code);
            again = true;
        }
    }
    std::int64_t factor = unit;
    if (strip_suffix(s, "\xE4\xB8\x87")) factor *= 10000;           // 万
    else if (strip_suffix(s, "\xE4\xBA\xBF")) factor *= 100000000;  // 亿
    bool negative = false;
    if (s.starts_with('(') && s.ends_with(')')) {
        negative = true;
        s = trim_blanks(s.substr(1, s.size() - 2));
    } else if (s.starts_with('-')) {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty()) return say("has no number");
    // Letters or marks left over: a currency this reader does not know (A$, CHF), not a separator.
    for (std::size_t i = 0; i < s.size();) {
        std::size_t width = std::string_view("0123456789.,' \teE+-").find(s[i]) != std::string_view::npos ? 1 : 0;
        for (std::string_view wide : {"\xEF\xBC\x8C", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"})
            if (s.substr(i).starts_with(wide)) width = wide.size();
        if (width) {
            i += width;
            continue;
        }
        // Letters or a dollar sign left: a currency this reader does not know (A$, CHF, NT$).
        const bool mark = std::any_of(s.begin(), s.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z' && c != 'e') || c == '$';
        });
        if (mark) return say("is not a number (a currency mark other than ¥ $ US$ HK$ € £ and their codes?)");
        return say("is not a number");
    }
    const auto digits = ungrouped(s);
    if (!digits)
        return say("has separators that do not group its digits by three: a decimal comma (950,00 for 950.00) is not read; "
                   "write a point before the decimals");
    // A cent is the smallest amount: decimals past it (in the export's unit) are refused, as check
    // refuses them. The unit is a power of ten, so the value read at 2 + its zeros places is cents.
    int places = 2;
    for (std::int64_t f = factor; f >= 10; f /= 10) ++places;
    auto value = parse_decimal(*digits, places);
    if (auto* e = std::get_if<ParseError>(&value)) return e->message;
    const std::int64_t cents = std::get<std::int64_t>(value);
    if (negative && cents != 0) return say("is negative: an amount is not");
    if (cents > kMaxAmountCents) return say("is larger than the largest amount pipeline takes, 1000000000000");
    return ExportAmount{Money{static_cast<std::int64_t>(cents)}, std::move(currency)};
}

std::variant<Date, Text> export_date(std::string_view text, DateOrder order) {
    std::string_view s = trim_blanks(text);
    if (s.empty()) return say("is empty");
    // A time after the date (2026-03-15 00:00:00, 2026-03-15T08:00:00Z, 3/15/2026 8:00 AM) says
    // nothing more, but it must be a time: 25:00 is a sign the column is not what the map says.
    if (auto cut = s.find_first_of(" T"); cut != std::string_view::npos && cut >= 6) {
        if (!time_of_day(trim_blanks(s.substr(cut + 1)))) return say("has a time after the date that is not a time of day");
        s = s.substr(0, cut);
    }
    std::vector<std::string> parts;
    std::string part;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            part += c;
            ++i;
            continue;
        }
        std::size_t width = 0;
        if (c == '-' || c == '/' || c == '.') width = 1;
        for (std::string_view mark : {"\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5"})  // 年 月 日
            if (s.substr(i).starts_with(mark)) width = mark.size();
        // A separator first or twice (-2026-01-01, 2026--01) is no date either.
        if (!width || part.empty()) return say("is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日)");
        parts.push_back(std::move(part));
        part.clear();
        i += width;
    }
    if (!part.empty()) parts.push_back(std::move(part));
    if (parts.size() != 3) return say("is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日)");
    int y = 0, m = 0, d = 0;
    auto number = [](const std::string& p) { return p.size() > 4 ? -1 : std::stoi(p); };
    if (parts[0].size() == 4) {
        y = number(parts[0]), m = number(parts[1]), d = number(parts[2]);
    } else if (parts[2].size() == 4 && order == DateOrder::month_first) {
        m = number(parts[0]), d = number(parts[1]), y = number(parts[2]);
    } else if (parts[2].size() == 4 && order == DateOrder::day_first) {
        d = number(parts[0]), m = number(parts[1]), y = number(parts[2]);
    } else if (parts[2].size() == 4) {
        return say("puts the year last: say in the map how it reads (dates: month-first or day-first)");
    } else {
        return say("has no four-digit year");
    }
    if (m > 12 || d > 31 || m < 1 || d < 1) return say("is not a calendar date");
    auto date = Date::from_ymd(y, m, d);
    if (!date) return say("is not a calendar date");
    return *date;
}

std::variant<bool, Text> export_boolean(std::string_view text) {
    const std::string s = ascii_lower(trim_blanks(text));
    for (std::string_view yes : {"true", "yes", "y", "1", "\xE6\x98\xAF", "\xE6\x9C\x89", "\xE2\x88\x9A"})  // 是 有 √
        if (s == yes) return true;
    for (std::string_view no : {"false", "no", "n", "0", "\xE5\x90\xA6", "\xE6\x97\xA0", "\xC3\x97"})  // 否 无 ×
        if (s == no) return false;
    return say("is neither yes nor no (true, false, 是, 否)");
}

std::optional<std::string> export_number(std::string_view text) {
    std::string_view s = trim_blanks(text);
    strip_suffix(s, "%");
    return ungrouped(s);
}

}  // namespace pipeline
