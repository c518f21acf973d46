#include "html_charts.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/render/html_report.hpp"
#include "pipeline/render/report_render.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline::html {
namespace {

// Palette shared with the page's CSS.
constexpr const char* kInk = "#1d2b3a";
constexpr const char* kMuted = "#6b7785";
constexpr const char* kGrid = "#e3e8ee";
constexpr const char* kLight = "#b9cde6";
constexpr const char* kDark = "#2463a6";

// Pixels a text takes at `size` px: CJK characters are about one em, the rest about 0.58 em.
double text_px(const std::string& s, double size) { return display_width(s) * size * 0.55; }

std::string text(double x, double y, const std::string& s, const char* anchor = "start", const char* fill = kInk,
                 double size = 12, const char* weight = "normal") {
    return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" fill="{}" font-size="{}" font-weight="{}">{}</text>)",
                       x, y, anchor, fill, size, weight, html_escape(s)) +
           "\n";
}

std::string rect(double x, double y, double w, double h, const char* fill, const std::string& title = "") {
    std::string out = fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}")", x, y,
                                  std::max(w, 0.0), std::max(h, 0.0), fill);
    if (title.empty()) return out + "/>\n";
    return out + "><title>" + html_escape(title) + "</title></rect>\n";
}

std::string svg_open(int width, int height, const std::string& label) {
    return fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)",
                       width, height, width, height, html_escape(label)) +
           "\n";
}

double fraction(Money part, Money whole) {
    return whole.cents > 0 ? static_cast<double>(part.cents) / static_cast<double>(whole.cents) : 0.0;
}

// An axis maximum and step: the smallest of 1, 2, 2.5, 5 × 10^k whole units that needs at
// most five steps to reach `max`.
std::pair<std::int64_t, std::int64_t> nice_axis(Money max) {
    const std::int64_t units = std::max<std::int64_t>((max.cents + 99) / 100, 1);
    std::int64_t magnitude = 1;
    while (magnitude * 10 <= units) magnitude *= 10;
    for (std::int64_t m = std::max<std::int64_t>(magnitude / 10, 1);; m *= 10)
        for (std::int64_t step : {m, 2 * m, m * 5 / 2, 5 * m})
            if (step > 0 && units <= step * 5) return {(units + step - 1) / step * step, step};
}

// Where a chart's plot sits in its SVG.
struct Plot {
    int width, left, right, top;
    double height;
};

// The amount axis of a chart whose values reach `max`: drawn as grid lines with their amounts.
struct ValueAxis {
    Plot plot;
    std::int64_t max = 1;  // whole units at the top of the plot
    double y(Money m) const {
        return plot.top + plot.height - plot.height * static_cast<double>(m.cents) / (static_cast<double>(max) * 100);
    }
};

ValueAxis value_axis(std::string& out, Money max, Plot plot, MoneyUnit unit) {
    const auto [top, step] = nice_axis(max);
    const ValueAxis axis{plot, top};
    for (std::int64_t v = 0; v <= top; v += step) {
        const double y = axis.y(Money{v * 100});
        out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="1"/>)", plot.left, y,
                           plot.width - plot.right, y, kGrid) + "\n";
        out += text(plot.left - 6, y + 4, compact_money(Money{v * 100}, unit), "end", kMuted, 10.5);
    }
    return axis;
}

void legend(std::string& out, double x, double y, const std::vector<std::pair<const char*, std::string>>& items) {
    for (const auto& [color, label] : items) {
        out += rect(x, y - 9, 10, 10, color);
        out += text(x + 14, y, label, "start", kMuted, 11);
        x += 14 + text_px(label, 11) + 22;
    }
}

}  // namespace

std::string compact_money(Money m, MoneyUnit unit) {
    const std::int64_t units = (m.cents >= 0 ? m.cents + 50 : m.cents - 50) / 100;
    const std::int64_t abs = units < 0 ? -units : units;
    const auto scaled = [&](std::int64_t unit, const char* suffix) {
        // One decimal, rounded half up, without a trailing ".0".
        const std::int64_t tenths = (abs * 10 + unit / 2) / unit;
        std::string s = std::to_string(tenths / 10);
        if (tenths % 10) s += "." + std::to_string(tenths % 10);
        return (units < 0 ? "-" : "") + s + suffix;
    };
    // Chinese readers count in 万 and 亿 whatever the unit; 万元 keeps 万 even above 亿, as
    // the tables do, and 亿元 falls back to 万 below 0.1 亿 rather than show "0亿".
    if (unit == MoneyUnit::wan && abs >= 1'000) return scaled(10'000, "万");
    if (unit == MoneyUnit::yi && abs >= 10'000'000) return scaled(100'000'000, "亿");
    if (unit != MoneyUnit::yuan || current_language() == Language::chinese) {
        if (unit == MoneyUnit::yuan && abs >= 100'000'000) return scaled(100'000'000, "亿");
        if (abs >= (unit == MoneyUnit::yuan ? 10'000 : 1'000)) return scaled(10'000, "万");
    } else if (abs >= 1'000'000'000) return scaled(1'000'000'000, "B");
    else if (abs >= 1'000'000) return scaled(1'000'000, "M");
    else if (abs >= 10'000) return scaled(1'000, "k");
    return format_money(Money{units * 100}).substr(0, format_money(Money{units * 100}).size() - 3);
}

std::string funnel_chart(const Funnel& f, const Process& process, MoneyUnit unit) {
    const int row = 38, top = 30, width = 1040;
    const int height = top + row * static_cast<int>(f.stages.size()) + 10;
    const double label_w = 150, bar_x = 160, bar_w = 560, centre = bar_x + bar_w / 2;
    Money max;
    for (const FunnelRow& r : f.stages) max = std::max(max, r.figures.open_amount);
    std::string out = svg_open(width, height, tr("Funnel: open amount and weighted amount per stage"));
    legend(out, bar_x, 14, {{kLight, tr("amount")}, {kDark, tr("weighted")}});
    int y = top;
    for (const FunnelRow& r : f.stages) {
        const std::string stage = stage_label_of(process, r.stage);
        out += text(label_w, y + 16, stage, "end", kInk, 13, "600");
        out += text(label_w, y + 30, trnf("{} project", "{} projects", r.figures.open, r.figures.open), "end", kMuted, 10.5);
        const double w = bar_w * fraction(r.figures.open_amount, max);
        const double ww = bar_w * fraction(r.figures.weighted_open, max);
        out += rect(bar_x, y + 2, bar_w, row - 8, "#f4f6f9");
        if (r.figures.open > 0) {
            // TRANSLATORS: a stage name (or a month, "2026-11"), then an amount.
            const std::string amount = trf("{}: amount {}", stage, format_money_in(r.figures.open_amount, unit));
            // TRANSLATORS: a stage name (or a month, "2026-11"), then an amount.
            const std::string weighted = trf("{}: weighted {}", stage, format_money_in(r.figures.weighted_open, unit));
            out += rect(centre - w / 2, y + 2, std::max(w, 2.0), row - 8, kLight, amount);
            out += rect(centre - ww / 2, y + 8, std::max(ww, 2.0), row - 20, kDark, weighted);
        }
        const std::string figures = r.figures.open == 0
                                        ? "—"
                                        // TRANSLATORS: the amount, then the weighted amount ("1.2M", "850k").
                                        : trf("{}  ·  weighted {}", compact_money(r.figures.open_amount, unit),
                                              compact_money(r.figures.weighted_open, unit));
        out += text(bar_x + bar_w + 12, y + 18, figures, "start", kInk, 12);
        if (r.weighted_share) {
            // TRANSLATORS: the stage's share of the weighted amount ("45.3%").
            const std::string share = trf("{} of weighted", format_permille(*r.weighted_share));
            out += text(bar_x + bar_w + 12, y + 31, share, "start", kMuted, 10.5);
        }
        y += row;
    }
    return out + "</svg>\n";
}

std::string forecast_chart(const Forecast& f, const DateRange& window, MoneyUnit unit) {
    // The months to show: every month of a bounded window, else those the forecast has.
    struct Month {
        Period period;
        Money amount, weighted;
    };
    std::vector<Month> months;
    const auto add_month = [&](Date d) { months.push_back({period_of(d, PeriodUnit::month), {}, {}}); };
    if (window.from && window.to && *window.to - *window.from <= 3 * 366) {
        for (Date d = *window.from; d < *window.to; d = period_of(d, PeriodUnit::month).end) add_month(d);
    } else {
        for (const ForecastGroup& g : f.groups)
            if (!g.keys.front().value.empty()) add_month(g.keys.front().begin);
    }
    for (const ForecastGroup& g : f.groups)
        for (Month& m : months)
            if (!g.keys.front().value.empty() && m.period.begin == g.keys.front().begin) {
                m.amount = g.figures.amount;
                m.weighted = g.figures.weighted;
            }
    const int width = 1040, height = 300, left = 64, right = 12, top = 30, bottom = 34;
    std::string out = svg_open(width, height, tr("Forecast by month: amount beside weighted amount"));
    legend(out, left, 14, {{kLight, tr("amount (unweighted)")}, {kDark, tr("weighted (won in full)")}});
    if (months.empty())
        return out + text(width / 2.0, height / 2.0, tr("no projects in the window"), "middle", kMuted) + "</svg>\n";

    Money max;
    for (const Month& m : months) max = std::max({max, m.amount, m.weighted});
    const double plot_h = height - top - bottom, plot_w = width - left - right;
    const ValueAxis axis = value_axis(out, max, {width, left, right, top, plot_h}, unit);
    const auto y_of = [&](Money m) { return axis.y(m); };
    const bool one_year = months.front().period.begin.year() == months.back().period.begin.year();
    const double slot = plot_w / static_cast<double>(months.size());
    const double bar = std::min(slot * 0.36, 26.0);
    for (std::size_t i = 0; i < months.size(); ++i) {
        const Month& m = months[i];
        const double x = left + slot * static_cast<double>(i) + slot / 2;
        out += rect(x - bar - 1, y_of(m.amount), bar, top + plot_h - y_of(m.amount), kLight,
                    trf("{}: amount {}", m.period.label, format_money_in(m.amount, unit)));
        out += rect(x + 1, y_of(m.weighted), bar, top + plot_h - y_of(m.weighted), kDark,
                    trf("{}: weighted {}", m.period.label, format_money_in(m.weighted, unit)));
        const std::string label = one_year ? m.period.label.substr(5) : m.period.label.substr(2);
        out += text(x, height - bottom + 16, label, "middle", kMuted, 10.5);
    }
    if (one_year) out += text(width - right, height - 4, std::to_string(months.front().period.begin.year()), "end", kMuted, 10.5);
    out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="1"/>)", left,
                       top + plot_h, width - right, top + plot_h, kMuted) + "\n";
    return out + "</svg>\n";
}

std::string trend_chart(const std::vector<TrendPoint>& all, MoneyUnit unit) {
    std::vector<const TrendPoint*> points;
    for (const TrendPoint& p : all)
        if (p.has_state) points.push_back(&p);
    const int width = 1040, height = 280, left = 64, right = 12, top = 30, bottom = 34;
    std::string out = svg_open(width, height, tr("Open pipeline at each point: amount and weighted value"));
    legend(out, left, 14, {{kLight, tr("amount (unweighted)")}, {kDark, tr("weighted")}});
    if (points.empty()) return out + text(width / 2.0, height / 2.0, tr("no history in the window"), "middle", kMuted) + "</svg>\n";
    Money max;
    for (const TrendPoint* p : points) max = std::max({max, p->total.amount, p->total.weighted});
    const double plot_h = height - top - bottom, plot_w = width - left - right;
    const ValueAxis axis = value_axis(out, max, {width, left, right, top, plot_h}, unit);
    const auto y_of = [&](Money m) { return axis.y(m); };
    const double slot = plot_w / static_cast<double>(points.size());
    const auto x_of = [&](std::size_t i) { return left + slot * static_cast<double>(i) + slot / 2; };
    for (const auto& [colour, value] : {std::pair{kLight, &TrendFigures::amount}, std::pair{kDark, &TrendFigures::weighted}}) {
        std::string line;
        for (std::size_t i = 0; i < points.size(); ++i) line += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(points[i]->total.*value));
        out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>)", line, colour) + "\n";
        for (std::size_t i = 0; i < points.size(); ++i)
            out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"><title>{}</title></circle>)", x_of(i),
                               y_of(points[i]->total.*value), colour,
                               html_escape(trf("{}: {}", points[i]->date.iso(), format_money_in(points[i]->total.*value, unit)))) +
                   "\n";
    }
    // A date label every few points, so that 52 weeks stay readable.
    const std::size_t every = std::max<std::size_t>(1, (points.size() + 12) / 13);
    for (std::size_t i = 0; i < points.size(); i += every)
        out += text(x_of(i), height - bottom + 16, points[i]->date.iso().substr(5), "middle", kMuted, 10.5);
    out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="1"/>)", left,
                       top + plot_h, width - right, top + plot_h, kMuted) + "\n";
    return out + "</svg>\n";
}

std::string aging_chart(const Payments& p, MoneyUnit unit) {
    const PaymentFigures& t = p.total;
    std::vector<std::tuple<std::string, Money, const char*>> rows{{
        {tr("not yet due"), t.outstanding - t.overdue - t.waiting, "#9fb3c8"},
        {tr("overdue 0-30 days"), t.aging[0], "#f2c14e"},
        {tr("overdue 31-60 days"), t.aging[1], "#eca447"},
        {tr("overdue 61-90 days"), t.aging[2], "#e8833a"},
        {tr("overdue 91-180 days"), t.aging[3], "#d85f33"},
        {tr("overdue over 180 days"), t.aging[4], "#c8382c"},
    }};
    if (t.waiting_instalments) rows.insert(rows.begin(), {tr("waiting for a milestone"), t.waiting, "#c9d6e3"});
    Money max;
    for (const auto& row : rows) max = std::max(max, std::get<1>(row));
    const int row_h = 34, top = 8, width = 1040;
    const double label_w = 160, bar_x = 170, bar_w = 700;
    std::string out = svg_open(width, top + row_h * static_cast<int>(rows.size()) + 6, tr("Outstanding receivables by age"));
    int y = top;
    for (const auto& [label, amount, color] : rows) {
        out += text(label_w, y + 19, label, "end", kInk, 12.5);
        out += rect(bar_x, y + 4, bar_w, row_h - 10, "#f4f6f9");
        if (amount.cents > 0) out += rect(bar_x, y + 4, std::max(bar_w * fraction(amount, max), 2.0), row_h - 10, color);
        out += text(bar_x + bar_w + 10, y + 19, format_money_in(amount, unit), "start", kInk, 12.5, amount.cents > 0 ? "600" : "normal");
        y += row_h;
    }
    return out + "</svg>\n";
}

std::string risk_matrix(const RiskRegister& r) {
    const int cell = 58, left = 74, top = 12, width = left + cell * 5 + 16, height = top + cell * 5 + 48;
    std::string out = svg_open(width, height, tr("Risk matrix: open risks by likelihood and impact"));
    const auto color = [&](int score) {
        if (score >= r.threshold) return "#d9483b";
        if (score * 2 >= r.threshold) return "#f0a04b";
        if (score * 4 >= r.threshold) return "#f6d776";
        return "#b8dfc3";
    };
    for (int l = 5; l >= 1; --l) {
        const int y = top + (5 - l) * cell;
        out += text(left - 10, y + cell / 2.0 + 4, std::to_string(l), "end", kMuted, 11);
        for (int i = 1; i <= 5; ++i) {
            const int x = left + (i - 1) * cell;
            const int n = r.matrix[static_cast<std::size_t>(l - 1)][static_cast<std::size_t>(i - 1)];
            out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}" stroke="#ffffff" stroke-width="2">)",
                               x, y, cell, cell, color(l * i), n > 0 ? "1" : "0.35");
            const auto count = static_cast<unsigned long>(n);
            // TRANSLATORS: likelihood (1-5), impact (1-5), their product (the score), the number of risks.
            const std::string title = trnf("likelihood {} × impact {} = {}: {} open risk",
                                           "likelihood {} × impact {} = {}: {} open risks", count, l, i, l * i, n);
            out += "<title>" + html_escape(title) + "</title></rect>\n";
            out += text(x + cell - 5, y + 12, std::to_string(l * i), "end", n > 0 ? "#ffffff" : kMuted, 9);
            if (n > 0) out += text(x + cell / 2.0, y + cell / 2.0 + 8, std::to_string(n), "middle", kInk, 22, "700");
        }
    }
    for (int i = 1; i <= 5; ++i)
        out += text(left + (i - 1) * cell + cell / 2.0, top + 5 * cell + 16, std::to_string(i), "middle", kMuted, 11);
    out += text(left + 2.5 * cell, top + 5 * cell + 36, tr("impact →"), "middle", kInk, 12, "600");
    out += fmt::format(R"svg(<text x="16" y="{}" text-anchor="middle" fill="{}" font-size="12" font-weight="600" )svg"
                       R"svg(transform="rotate(-90 16 {})">{}</text>)svg",
                       top + 2.5 * cell, kInk, top + 2.5 * cell, html_escape(tr("likelihood →"))) + "\n";
    return out + "</svg>\n";
}

}  // namespace pipeline::html
