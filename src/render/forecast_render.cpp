#include "pipeline/render/forecast_render.hpp"

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

std::string hundredths(std::int64_t v) {
    const bool negative = v < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    return fmt::format("{}{}.{:02}", negative ? "-" : "", abs / 100, abs % 100);
}

std::string money_cell(Money m, NumberStyle style) { return style.money(m); }

std::string percent_cell(const std::optional<std::int64_t>& permille, NumberStyle style) {
    if (!permille) return "";
    std::string s = format_permille(*permille);
    if (style.machines) s.pop_back();  // the % sign
    return s;
}

std::string coverage_cell(const std::optional<std::int64_t>& h, NumberStyle style) {
    if (!h) return "";
    return hundredths(*h) + (!style.machines ? "x" : "");
}

void figure_cells(std::vector<std::string>& row, const Figures& f, const std::optional<Attainment>& a, NumberStyle style,
                  bool with_targets) {
    row.push_back(std::to_string(f.projects));
    row.push_back(money_cell(f.amount, style));
    row.push_back(money_cell(f.weighted, style));
    row.push_back(money_cell(f.won_amount, style));
    if (with_targets) {
        row.push_back(a ? money_cell(a->target, style) : "");
        row.push_back(a ? percent_cell(a->permille, style) : "");
    }
    row.push_back(money_cell(f.weighted_open, style));
    if (with_targets) row.push_back(a ? coverage_cell(a->coverage, style) : "");
}

void write_figures(JsonWriter& w, const Figures& f, const std::optional<Attainment>& a) {
    w.key("projects").value(f.projects);
    w.key("open").value(f.open);
    w.key("won").value(f.won);
    w.key("lost").value(f.lost);
    w.key("abandoned").value(f.abandoned);
    w.key("amount").money(f.amount);
    w.key("open_amount").money(f.open_amount);
    w.key("won_amount").money(f.won_amount);
    w.key("weighted").money(f.weighted);
    w.key("weighted_open").money(f.weighted_open);
    w.key("target");
    a ? w.money(a->target) : w.null();
    w.key("remaining");
    a ? w.money(a->remaining) : w.null();
    w.key("attainment");
    a && a->permille ? w.decimal(*a->permille, 1) : w.null();
    w.key("coverage");
    a && a->coverage ? w.decimal(*a->coverage, 2) : w.null();
}

void write_date(JsonWriter& w, const std::optional<Date>& d) { d ? w.value(d->iso()) : w.null(); }

}  // namespace

Table forecast_table(const Forecast& f, NumberStyle style) {
    const bool with_targets = style.machines || f.any_target;
    Table t;
    for (GroupKey k : f.by) t.columns.push_back({group_key_header(k), Align::left});
    if (f.by.empty()) t.columns.push_back({"", Align::left});
    // TRANSLATORS: "won" is the won amount here (赢单金额), not a count.
    for (const char* h : {tr("projects"), tr("amount"), tr("weighted"), trc("amount", "won")}) t.columns.push_back({h, Align::right});
    if (with_targets) {
        t.columns.push_back({tr("target"), Align::right});
        t.columns.push_back({tr("attainment"), Align::right});
    }
    t.columns.push_back({tr("weighted open"), Align::right});
    if (with_targets) t.columns.push_back({tr("coverage"), Align::right});

    for (const ForecastGroup& g : f.groups) {
        std::vector<std::string> row;
        // CSV writes a category by its id, as it writes statuses: programs read it too.
        for (const GroupValue& k : g.keys)
            row.push_back(style.machines && k.key.kind == GroupKey::category && !k.value.empty() ? k.value : group_value_label(k));
        figure_cells(row, g.figures, g.target, style, with_targets);
        t.rows.push_back(std::move(row));
    }
    std::vector<std::string> total{tr("total")};
    for (std::size_t i = 1; i < f.by.size(); ++i) total.push_back("");
    figure_cells(total, f.total, f.total_target, style, with_targets);
    // Without --by the total is the only row: no rule above it.
    if (f.by.empty()) t.rows.push_back(std::move(total));
    else t.total = std::move(total);
    return t;
}

std::string describe_range(const DateRange& r) {
    const auto last_day = [](Date to) { return (to + -1).iso(); };
    if (r.from && r.to) {
        // TRANSLATORS: the first and the last day of a range of dates.
        const std::string dates = trf("{} to {}", r.from->iso(), last_day(*r.to));
        // TRANSLATORS: a period ("2026Q4") and its dates ("2026-10-01 to 2026-12-31").
        return r.label.empty() ? dates : trf("{} ({})", r.label, dates);
    }
    if (r.from) return trf("from {}", r.from->iso());
    if (r.to) return trf("until {}", last_day(*r.to));
    return tr("all dates");
}

std::string filter_clause(const std::vector<std::string>& terms) {
    if (terms.empty()) return "";
    std::string written;
    for (const std::string& term : terms) written += (written.empty() ? "" : " ") + term;
    // TRANSLATORS: ends the caption of a table ("Forecast, 2026Q4 (...), in CNY"); the filter's
    // terms as typed ("owner:zhang stage:tender").
    return trf(", filter: {}", written);
}

std::string group_key_header(GroupKey k) {
    switch (k.kind) {
        case GroupKey::month: return tr("month");
        case GroupKey::quarter: return tr("quarter");
        case GroupKey::year: return tr("year");
        case GroupKey::owner: return tr("owner");
        case GroupKey::stage: return tr("stage");
        case GroupKey::importance: return tr("importance");
        case GroupKey::customer: return tr("customer");
        case GroupKey::industry: return tr("industry");
        case GroupKey::customer_grade: return tr("customer grade");
        case GroupKey::size: return tr("size");
        case GroupKey::category: return tr("category");
        case GroupKey::source: return tr("source");
        case GroupKey::custom: break;
    }
    return group_key_name(k);
}

std::string group_value_label(const GroupValue& v) {
    if (v.value.empty()) return tr("(none)");
    if (v.key.kind == GroupKey::customer_grade) return customer_value_label("grade", v.value);
    if (v.key.kind == GroupKey::size) return customer_value_label("size", v.value);
    if (v.key.kind != GroupKey::category) return v.label;
    // The category's id is what English has always shown.
    if (const auto c = parse_category(v.value)) switch (*c) {
            // TRANSLATORS: forecast categories ("pipeline", "best_case", "commit", "closed"), shown with --by category.
            case Category::pipeline: return tr("pipeline");
            case Category::best_case: return tr("best_case");
            case Category::commit: return tr("commit");
            case Category::closed: return trc("forecast category", "closed");
        }
    return v.label;
}

std::string forecast_caption(const Forecast& f, const ForecastContext& c) {
    // TRANSLATORS: the range of dates (describe_range), then the currency code.
    std::string out = trf("Forecast, {}, in {}", describe_range(f.range), money_unit_label(c.unit, c.currency));
    // TRANSLATORS: appended to a caption: the date the projects were rebuilt as of.
    if (c.as_of) out += trf(", as of {}", c.as_of->iso());
    // TRANSLATORS: appended to the forecast's caption with --probabilities calibrated.
    if (c.realised) out += tr(", weighed with the realised stage probabilities (report calibration)");
    return out + filter_clause(c.filter);
}

std::string render_forecast_json(const Forecast& f, const ForecastContext& c) {
    JsonWriter w;
    w.begin_object();
    w.key("currency").value(c.currency);
    w.key("range").begin_object();
    w.key("label");
    f.range.label.empty() ? w.null() : w.value(f.range.label);
    w.key("from");
    write_date(w, f.range.from);
    w.key("to");
    write_date(w, f.range.to);
    w.end_object();
    w.key("as_of");
    write_date(w, c.as_of);
    w.key("filter").begin_array();
    for (const std::string& term : c.filter) w.value(term);
    w.end_array();
    w.key("by").begin_array();
    for (GroupKey k : f.by) w.value(group_key_name(k));
    w.end_array();
    w.key("targets_apply").value(f.targets_apply);
    w.key("probabilities").value(c.realised ? "calibrated" : "configured");
    w.key("groups").begin_array();
    for (const ForecastGroup& g : f.groups) {
        w.begin_object();
        w.key("keys").begin_object();
        for (const GroupValue& k : g.keys) {
            w.key(group_key_name(k.key));
            k.value.empty() ? w.null() : w.value(k.value);
        }
        w.end_object();
        w.key("labels").begin_object();
        for (const GroupValue& k : g.keys) w.key(group_key_name(k.key)).value(k.label);
        w.end_object();
        write_figures(w, g.figures, g.target);
        w.end_object();
    }
    w.end_array();
    w.key("total").begin_object();
    write_figures(w, f.total, f.total_target);
    w.end_object();
    w.end_object();
    return w.str();
}

}  // namespace pipeline
