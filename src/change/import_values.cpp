#include "pipeline/change/import_values.hpp"

#include <vector>

#include "pipeline/base/text.hpp"

namespace pipeline {
namespace {

std::string_view trim(std::string_view s) {
    auto blank = [](std::string_view t) {
        if (t.starts_with(' ') || t.starts_with('\t')) return std::size_t{1};
        if (t.starts_with("\xC2\xA0")) return std::size_t{2};        // no-break space
        if (t.starts_with("\xE3\x80\x80")) return std::size_t{3};    // ideographic space
        return std::size_t{0};
    };
    while (std::size_t n = blank(s)) s.remove_prefix(n);
    for (;;) {
        if (s.ends_with(' ') || s.ends_with('\t')) s.remove_suffix(1);
        else if (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
        else if (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
        else break;
    }
    return s;
}

bool strip_prefix(std::string_view& s, std::string_view p) {
    if (!s.starts_with(p)) return false;
    s = trim(s.substr(p.size()));
    return true;
}

bool strip_suffix(std::string_view& s, std::string_view p) {
    if (!s.ends_with(p)) return false;
    s = trim(s.substr(0, s.size() - p.size()));
    return true;
}

}  // namespace

std::variant<ExportAmount, Text> export_amount(std::string_view text, std::int64_t unit) {
    std::string_view s = trim(text);
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
            if (!strip_prefix(s, m.text) && !strip_suffix(s, m.text)) continue;
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
    if (s.starts_with('-') || (s.starts_with('(') && s.ends_with(')'))) return say("is negative: an amount is not");
    std::string digits;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',' || s[i] == '\'' || s[i] == ' ') continue;  // thousands separators
        if (s.substr(i).starts_with("\xEF\xBC\x8C")) {               // ，
            i += 2;
            continue;
        }
        digits += s[i];
    }
    auto value = parse_decimal(digits, 6);
    if (auto* e = std::get_if<ParseError>(&value)) return e->message;
    // Millionths of the export's unit to cents, rounded half away from zero.
    const __int128 micros = static_cast<__int128>(std::get<std::int64_t>(value)) * factor;
    const __int128 cents = (micros + 5000) / 10000;
    if (cents > kMaxAmountCents) return say("is larger than the largest amount pipeline takes, 1000000000000");
    return ExportAmount{Money{static_cast<std::int64_t>(cents)}, std::move(currency)};
}

std::variant<Date, Text> export_date(std::string_view text, DateOrder order) {
    std::string_view s = trim(text);
    if (s.empty()) return say("is empty");
    // A time after the date (2026-03-15 00:00:00, 2026-03-15T08:00:00Z) says nothing more.
    if (auto cut = s.find_first_of(" T"); cut != std::string_view::npos && cut >= 6) s = s.substr(0, cut);
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
        if (!width) return say("is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日)");
        if (!part.empty()) parts.push_back(std::move(part));
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
    const std::string s = ascii_lower(trim(text));
    for (std::string_view yes : {"true", "yes", "y", "1", "\xE6\x98\xAF", "\xE6\x9C\x89", "\xE2\x88\x9A"})  // 是 有 √
        if (s == yes) return true;
    for (std::string_view no : {"false", "no", "n", "0", "\xE5\x90\xA6", "\xE6\x97\xA0", "\xC3\x97"})  // 否 无 ×
        if (s == no) return false;
    return say("is neither yes nor no (true, false, 是, 否)");
}

std::string export_number(std::string_view text) {
    std::string_view s = trim(text);
    strip_suffix(s, "%");
    std::string out;
    for (char c : s)
        if (c != ',') out += c;
    return out;
}

}  // namespace pipeline
