// Values as exports and spreadsheets write them, turned into what a project file holds:
// amounts with currency marks, separators and units (¥1,280,000.00, 128万, USD 1,280,000),
// dates in the export's order (03/15/2026, 2026/3/15, 2026年3月15日, with a time after them),
// yes/no words. Each gives the value, or why the text is not one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/import_map.hpp"

namespace pipeline {

struct ExportAmount {
    Money money;
    std::string currency;  // the code its mark names (¥ 元 RMB → CNY, $ US$ → USD, € → EUR); empty: none
};

// An amount in units of `unit` (1 for 元, 10000 for 万元), exact to the cent: a part of a cent is
// refused, as check refuses it. Separators must group the whole part by three (a decimal comma,
// 950,00, is refused rather than read as 95000). Refuses negative amounts and two currencies in
// one cell; currency codes are read in any case.
std::variant<ExportAmount, Text> export_amount(std::string_view text, std::int64_t unit);

// A date in the map's order; a time after it must be a time of day (08:00, 8:00 AM, T08:00:00Z).
std::variant<Date, Text> export_date(std::string_view text, DateOrder order);

// true/false from true, yes, y, 1, 是, 有, √ and false, no, n, 0, 否, 无, ×, any case.
std::variant<bool, Text> export_boolean(std::string_view text);

// A number without thousands separators or a trailing %: "1,234.5" → "1234.5", "30%" → "30";
// nullopt when its separators do not group by three ("1,5").
std::optional<std::string> export_number(std::string_view text);

}  // namespace pipeline
