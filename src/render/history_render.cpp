#include "pipeline/render/history_render.hpp"

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/report_render.hpp"

namespace pipeline {
namespace {

constexpr Category kOpen[kOpenCategories] = {Category::pipeline, Category::best_case, Category::commit};

std::string short_id(const std::string& id) { return id.substr(0, 7); }

std::string date_or_none(const std::optional<Date>& d) { return d ? d->iso() : tr("(none)"); }

// "+30", "-12", "0": a move in days.
std::string signed_days(std::int64_t days) { return days > 0 ? fmt::format("+{}", days) : std::to_string(days); }

void write_history(JsonWriter& w, const HistoryContext& c) {
    w.key("currency").value(c.currency);
    w.key("today").value(c.today.iso());
    w.key("tip").value(c.tip);
    w.key("shallow").value(c.shallow);
    w.key("filter").begin_array();
    for (const std::string& t : c.filter) w.value(t);
    w.end_array();
}

void write_trend_figures(JsonWriter& w, const TrendFigures& f) {
    w.key("open").value(f.open);
    w.key("amount").money(f.amount);
    w.key("weighted").money(f.weighted);
    w.key("categories").begin_object();
    for (std::size_t i = 0; i < kOpenCategories; ++i) w.key(category_id(kOpen[i])).money(f.categories[i]);
    w.end_object();
    w.key("won").value(f.won);
    w.key("won_amount").money(f.won_amount);
}

// The lines under a caption about points without figures and points at commits with errors.
std::string point_notes(std::size_t empty, std::size_t errors, bool shallow) {
    std::string out;
    if (empty)
        out += trnf("{} point is before the first commit and is left out.", "{} points are before the first commit and are left out.",
                    empty, empty) +
               (shallow ? tr(" (this clone is shallow: its history may end early)") : "") + "\n";
    if (errors)
        out += trnf("{} point stood at a commit with errors (pipeline check at that commit shows them): its figures leave those files out.",
                    "{} points stood at commits with errors (pipeline check at those commits shows them): their figures leave those files out.",
                    errors, errors) +
               "\n";
    return out;
}

}  // namespace

Table trend_table(const std::vector<TrendPoint>& points, const TrendContext& c, NumberStyle style) {
    Table t;
    // TRANSLATORS: column headers of pipeline trend: the date of a point, the git commit it stood at
    // ("revision": "commit" is a forecast category).
    t.columns = {{tr("date"), Align::left}, {trc("git", "revision"), Align::left}};
    for (GroupKey k : c.by) t.columns.push_back({group_key_header(k), Align::left, true});
    for (const char* h : {N_("projects"), N_("amount"), N_("weighted")}) t.columns.push_back({tr(h), Align::right});
    for (Category k : kOpen) t.columns.push_back({group_value_label({GroupKey::category, category_id(k), "", {}, {}, 0}), Align::right});
    // TRANSLATORS: columns of pipeline trend: projects won in the week or month before the point, and their amount.
    t.columns.push_back({tr("won"), Align::right});
    t.columns.push_back({tr("won amount"), Align::right});
    const auto cells = [&](const TrendFigures& f) {
        std::vector<std::string> row{std::to_string(f.open), style.money(f.amount), style.money(f.weighted)};
        for (Money m : f.categories) row.push_back(style.money(m));
        row.push_back(std::to_string(f.won));
        row.push_back(style.money(f.won_amount));
        return row;
    };
    for (const TrendPoint& p : points) {
        if (!p.has_state) continue;  // before the first commit: the caption counts them
        std::vector<std::string> head{p.date.iso(), short_id(p.commit)};
        if (c.by.empty()) {
            std::vector<std::string> row = head;
            for (std::string& cell : cells(p.total)) row.push_back(std::move(cell));
            t.rows.push_back(std::move(row));
            continue;
        }
        for (const TrendRow& g : p.groups) {
            std::vector<std::string> row = head;
            for (const GroupValue& v : g.group) row.push_back(style.machines ? v.value : group_value_label(v));
            for (std::string& cell : cells(g.figures)) row.push_back(std::move(cell));
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

std::string trend_caption(const std::vector<TrendPoint>& points, const TrendContext& c, bool markdown) {
    // TRANSLATORS: {0} and {1} are dates, {2} the currency or unit.
    std::string out = c.every == Every::week ? trf("Pipeline trend, every week from {} to {}, in {}", c.from.iso(), c.to.iso(),
                                                   money_unit_label(c.history.unit, c.history.currency))
                                             : trf("Pipeline trend, every month from {} to {}, in {}", c.from.iso(), c.to.iso(),
                                                   money_unit_label(c.history.unit, c.history.currency));
    out += filter_clause(c.history.filter);
    out += markdown ? "\n\n" : "\n";
    // TRANSLATORS: the second line of pipeline trend's caption.
    out += c.every == Every::week
               ? tr("Open projects as they stood at the end of each date (its last commit on or before it); won: closed as won in the week up to it.")
               : tr("Open projects as they stood at the end of each date (its last commit on or before it); won: closed as won in the month up to it.");
    out += "\n";
    std::size_t errors = 0, empty = 0;
    for (const TrendPoint& p : points) {
        errors += p.errors ? 1 : 0;
        empty += p.has_state ? 0 : 1;
    }
    return out + point_notes(empty, errors, c.history.shallow);
}

std::string render_trend_json(const std::vector<TrendPoint>& points, const TrendContext& c) {
    JsonWriter w;
    w.begin_object();
    w.key("every").value(every_name(c.every));
    w.key("from").value(c.from.iso());
    w.key("to").value(c.to.iso());
    write_history(w, c.history);
    w.key("by").begin_array();
    for (GroupKey k : c.by) w.value(group_key_name(k));
    w.end_array();
    w.key("points").begin_array();
    for (const TrendPoint& p : points) {
        w.begin_object();
        w.key("date").value(p.date.iso());
        w.key("won_from").value(p.won_from.iso());
        w.key("commit");
        if (!p.has_state) {
            w.null();
            w.end_object();
            continue;
        }
        w.begin_object();
        w.key("id").value(p.commit);
        w.key("date").value(p.commit_date.iso());
        w.key("author").value(p.author);
        w.end_object();
        w.key("errors").value(p.errors);
        write_trend_figures(w, p.total);
        if (!c.by.empty()) {
            w.key("groups").begin_array();
            for (const TrendRow& g : p.groups) {
                w.begin_object();
                w.key("keys").begin_object();
                for (const GroupValue& v : g.group) {
                    w.key(group_key_name(v.key));
                    v.value.empty() ? w.null() : w.value(v.value);
                }
                w.end_object();
                write_trend_figures(w, g.figures);
                w.end_object();
            }
            w.end_array();
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

Table slippage_table(const Slippage& s, const Process& process, NumberStyle style) {
    Table t;
    // TRANSLATORS: column headers of report slippage: moves of the expected close to a later /
    // earlier date, the days of the later moves added up, the expected close first seen and now.
    t.columns = {{tr("id"), Align::left},          {tr("name"), Align::left, true},    {tr("owner"), Align::left, true},
                 {tr("pushed"), Align::right},     {tr("pulled"), Align::right},       {tr("days pushed"), Align::right},
                 {tr("first close"), Align::left}, {tr("expected close"), Align::left}, {tr("net days"), Align::right},
                 {tr("first amount"), Align::right}, {tr("amount"), Align::right}};
    for (const ProjectSlippage& p : s.projects)
        t.rows.push_back({p.id.empty() ? p.path : p.id, p.name, owner_label(process, p.owner).local(), std::to_string(p.pushes),
                          std::to_string(p.pulls), std::to_string(p.days_pushed), date_or_none(p.first_close),
                          date_or_none(p.last_close), signed_days(p.days_net), style.money(p.first_amount),
                          style.money(p.last_amount)});
    return t;
}

Table slippage_moves_table(const Slippage& s, NumberStyle style) {
    Table t;
    // TRANSLATORS: column headers of report slippage's list of moves.
    t.columns = {{tr("id"), Align::left},       {trc("git", "revision"), Align::left}, {tr("date"), Align::left},
                 {tr("author"), Align::left, true}, {tr("close from"), Align::left},    {tr("close to"), Align::left},
                 {tr("days"), Align::right},    {tr("amount from"), Align::right},   {tr("amount to"), Align::right}};
    for (const ProjectSlippage& p : s.projects)
        for (const SlipMove& m : p.moves)
            t.rows.push_back({p.id.empty() ? p.path : p.id, short_id(m.commit), m.date.iso(), m.author,
                              date_or_none(m.close_from), date_or_none(m.close_to), signed_days(m.days),
                              style.money(m.amount_from), style.money(m.amount_to)});
    return t;
}

std::string slippage_caption(const Slippage& s, const HistoryContext& c, const Commit& start, bool markdown) {
    // TRANSLATORS: {0} is the number of commits read, {1} and {2} the commit they follow and its date.
    std::string out = trnf("Slippage of expected closes and amounts in the {} commit after {} ({}), in {}",
                           "Slippage of expected closes and amounts in the {} commits after {} ({}), in {}", s.commits, s.commits,
                           start.short_id(), start.date.iso(), money_unit_label(c.unit, c.currency));
    out += filter_clause(c.filter);
    out += markdown ? "\n\n" : "\n";
    // TRANSLATORS: the summary line of report slippage.
    out += trnf("{} project moved", "{} projects moved", s.projects.size(), s.projects.size());
    // TRANSLATORS: follows "N projects moved" in report slippage's summary line.
    out += trf(": pushed out {} ({} days in all), pulled in {}, amount changes {}.", s.pushes, s.days_pushed,
               s.pulls, s.amount_changes);
    if (c.shallow) out += tr(" (this clone is shallow: its history may end early)");
    return out + "\n";
}

std::string render_slippage_json(const Slippage& s, const HistoryContext& c, const std::optional<Date>& since) {
    JsonWriter w;
    w.begin_object();
    w.key("since");
    since ? w.value(since->iso()) : w.null();
    write_history(w, c);
    w.key("commits").value(s.commits);
    w.key("pushes").value(s.pushes);
    w.key("pulls").value(s.pulls);
    w.key("days_pushed").value(s.days_pushed);
    w.key("amount_changes").value(s.amount_changes);
    w.key("projects").begin_array();
    const auto date = [&w](const std::optional<Date>& d) { d ? w.value(d->iso()) : w.null(); };
    for (const ProjectSlippage& p : s.projects) {
        w.begin_object();
        w.key("id").value(p.id);
        w.key("name").value(p.name);
        w.key("owner").value(p.owner);
        w.key("path").value(p.path);
        w.key("pushes").value(p.pushes);
        w.key("pulls").value(p.pulls);
        w.key("days_pushed").value(p.days_pushed);
        w.key("days_net").value(p.days_net);
        w.key("first_close");
        date(p.first_close);
        w.key("expected_close");
        date(p.last_close);
        w.key("first_amount").money(p.first_amount);
        w.key("amount").money(p.last_amount);
        w.key("moves").begin_array();
        for (const SlipMove& m : p.moves) {
            w.begin_object();
            w.key("commit").value(m.commit);
            w.key("date").value(m.date.iso());
            w.key("author").value(m.author);
            w.key("close_from");
            date(m.close_from);
            w.key("close_to");
            date(m.close_to);
            w.key("days").value(m.days);
            w.key("amount_from").money(m.amount_from);
            w.key("amount_to").money(m.amount_to);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

Table accuracy_table(const Accuracy& a, NumberStyle style) {
    Table t;
    // TRANSLATORS: column headers of report accuracy: the date of a forecast, its commit, the
    // forecast then (weighted, commit, best case), won by then, the error of the weighted forecast.
    t.columns = {{tr("as of"), Align::left},      {trc("git", "revision"), Align::left}, {tr("weighted"), Align::right},
                 {tr("commit"), Align::right},    {tr("best_case"), Align::right},     {tr("won by then"), Align::right},
                 {tr("actual"), Align::right},    {tr("error"), Align::right}};
    for (const AccuracyPoint& p : a.points) {
        if (!p.has_state) continue;  // before the first commit: the caption counts them
        const auto error = forecast_error(p.weighted, a.actual);
        std::string e = error ? format_permille(*error) : "";
        if (error && *error > 0) e = "+" + e;
        if (style.machines && !e.empty()) e.pop_back();
        t.rows.push_back({p.date.iso(), short_id(p.commit), style.money(p.weighted), style.money(p.commit_amount),
                          style.money(p.best_case), style.money(p.won_so_far), style.money(a.actual), e});
    }
    return t;
}

std::string accuracy_caption(const Accuracy& a, const HistoryContext& c, bool markdown) {
    // TRANSLATORS: {0} is a period ("2026Q3 (2026-07-01 to 2026-09-30)"), {1} the currency or unit.
    std::string out = trf("Forecast accuracy for {}, in {}", describe_range(a.period), money_unit_label(c.unit, c.currency));
    out += filter_clause(c.filter);
    out += markdown ? "\n\n" : "\n";
    out += a.period_over
               // TRANSLATORS: the second line of report accuracy's caption; {} is the amount won.
               ? trf("What the forecast said for the period as it stood at the end of each date, beside {} won in it; "
                     "error: weighted forecast against won.", format_money_in(a.actual, c.unit))
               : trf("What the forecast said for the period as it stood at the end of each date, beside {} won in it so far "
                     "(the period is not over); error: weighted forecast against won.", format_money_in(a.actual, c.unit));
    std::size_t errors = 0, empty = 0;
    for (const AccuracyPoint& p : a.points) {
        errors += p.errors ? 1 : 0;
        empty += p.has_state ? 0 : 1;
    }
    return out + "\n" + point_notes(empty, errors, c.shallow);
}

std::string render_accuracy_json(const Accuracy& a, const HistoryContext& c) {
    JsonWriter w;
    w.begin_object();
    w.key("period").value(a.period.label);
    w.key("from").value(a.period.from->iso());
    w.key("to").value(a.period.to->iso());
    write_history(w, c);
    w.key("period_over").value(a.period_over);
    w.key("actual").money(a.actual);
    w.key("points").begin_array();
    for (const AccuracyPoint& p : a.points) {
        w.begin_object();
        w.key("date").value(p.date.iso());
        w.key("commit");
        if (!p.has_state) {
            w.null();
            w.end_object();
            continue;
        }
        w.value(p.commit);
        w.key("errors").value(p.errors);
        w.key("weighted").money(p.weighted);
        w.key("commit_amount").money(p.commit_amount);
        w.key("best_case").money(p.best_case);
        w.key("won_so_far").money(p.won_so_far);
        w.key("error");
        if (const auto e = forecast_error(p.weighted, a.actual)) w.decimal(*e, 1);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace pipeline
