#include "pipeline/render/forecast_render.hpp"

#include <fmt/format.h>

#include "pipeline/render/json.hpp"

namespace pipeline {
namespace {

std::string hundredths(std::int64_t v) {
    const bool negative = v < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    return fmt::format("{}{}.{:02}", negative ? "-" : "", abs / 100, abs % 100);
}

std::string money_cell(Money m, NumberStyle style) { return style == NumberStyle::people ? format_money(m) : plain_money(m); }

std::string percent_cell(const std::optional<std::int64_t>& permille, NumberStyle style) {
    if (!permille) return "";
    std::string s = format_permille(*permille);
    if (style == NumberStyle::machines) s.pop_back();  // the % sign
    return s;
}

std::string coverage_cell(const std::optional<std::int64_t>& h, NumberStyle style) {
    if (!h) return "";
    return hundredths(*h) + (style == NumberStyle::people ? "x" : "");
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
    const bool with_targets = style == NumberStyle::machines || f.any_target;
    Table t;
    for (GroupKey k : f.by) t.columns.push_back({group_key_name(k), Align::left});
    if (f.by.empty()) t.columns.push_back({"", Align::left});
    for (const char* h : {"projects", "amount", "weighted", "won"}) t.columns.push_back({h, Align::right});
    if (with_targets) {
        t.columns.push_back({"target", Align::right});
        t.columns.push_back({"attainment", Align::right});
    }
    t.columns.push_back({"weighted open", Align::right});
    if (with_targets) t.columns.push_back({"coverage", Align::right});

    for (const ForecastGroup& g : f.groups) {
        std::vector<std::string> row;
        for (const GroupValue& k : g.keys) row.push_back(k.label);
        figure_cells(row, g.figures, g.target, style, with_targets);
        t.rows.push_back(std::move(row));
    }
    std::vector<std::string> total{"total"};
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
        const std::string dates = fmt::format("{} to {}", r.from->iso(), last_day(*r.to));
        return r.label.empty() ? dates : fmt::format("{} ({})", r.label, dates);
    }
    if (r.from) return fmt::format("from {}", r.from->iso());
    if (r.to) return fmt::format("until {}", last_day(*r.to));
    return "all dates";
}

std::string forecast_caption(const Forecast& f, const ForecastContext& c) {
    std::string out = fmt::format("Forecast, {}, in {}", describe_range(f.range), c.currency);
    if (c.as_of) out += fmt::format(", as of {}", c.as_of->iso());
    if (!c.filter.empty()) {
        out += ", filter:";
        for (const std::string& term : c.filter) out += " " + term;
    }
    return out;
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
