// The four charts of the HTML report, as inline SVG drawn here (no libraries, no scripts).
// Every text that reaches the SVG is escaped.
#pragma once

#include <string>

#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/history.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/model/process.hpp"

namespace pipeline::html {

// A bar per stage, centred like a funnel: the open amount, and inside it the weighted amount.
std::string funnel_chart(const Funnel& f, const Process& process, MoneyUnit unit);

// Per month of the forecast: the amount (unweighted) beside the weighted amount.
std::string forecast_chart(const Forecast& f, const DateRange& window, MoneyUnit unit);

// The open pipeline at each point of a trend: its amount and its weighted value as two lines.
std::string trend_chart(const std::vector<TrendPoint>& points, MoneyUnit unit);

// Outstanding receivables: not yet due, then overdue 0–30, 31–90 and over 90 days.
std::string aging_chart(const Payments& p, MoneyUnit unit);

// Likelihood × impact grid with the number of open risks in each cell, coloured by score.
std::string risk_matrix(const RiskRegister& r);

// Amounts as people read them on a chart axis: 850, 12.5k, 1.2M, 3.4B; in 万元 12.5万, 3,400万,
// in 亿元 0.3亿, 12亿.
std::string compact_money(Money m, MoneyUnit unit = MoneyUnit::yuan);

}  // namespace pipeline::html
