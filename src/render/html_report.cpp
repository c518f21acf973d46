#include "pipeline/render/html_report.hpp"

#include <fmt/format.h>

#include "html_charts.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/render/forecast_render.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// System fonts only: the page must render offline, Chinese included.
constexpr const char* kStyle = R"css(
:root { --ink: #1d2b3a; --muted: #6b7785; --line: #dfe5ec; --soft: #f4f6f9; --accent: #2463a6; --bad: #c8382c; --warn: #e8833a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef1f5; color: var(--ink);
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.45; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; background: #ffffff; }
header.page { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
header.page h1 { margin: 0; font-size: 26px; letter-spacing: 0.5px; }
header.page .meta { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0 0 8px; }
.kpi { background: var(--soft); border-left: 4px solid var(--accent); padding: 10px 14px; border-radius: 4px; }
.kpi.bad { border-left-color: var(--bad); }
.kpi.warn { border-left-color: var(--warn); }
.kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.4px; }
.kpi .value { font-size: 24px; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .note { color: var(--muted); font-size: 12px; }
section { margin-top: 30px; }
h2 { font-size: 19px; margin: 0 0 4px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h2 .zh { color: var(--muted); font-weight: 400; margin-left: 8px; font-size: 16px; }
h3 { font-size: 14.5px; margin: 18px 0 6px; color: #34495e; }
p.caption { color: var(--muted); font-size: 12.5px; margin: 4px 0 10px; }
p.empty { color: var(--muted); font-style: italic; margin: 6px 0; }
.figure { margin: 6px 0 10px; }
.figure svg { max-width: 100%; height: auto; font-family: inherit; }
.side { display: flex; gap: 28px; align-items: flex-start; flex-wrap: wrap; }
.side .grow { flex: 1; min-width: 320px; }
ol.top { list-style: none; padding: 0; margin: 4px 0 12px; }
ol.top li { display: flex; gap: 10px; align-items: flex-start; padding: 6px 0; border-bottom: 1px solid var(--line); font-size: 13px; }
ol.top .score { flex: none; width: 30px; height: 30px; border-radius: 15px; background: #f0a04b; color: #ffffff;
  font-weight: 700; text-align: center; line-height: 30px; }
ol.top .score.hot { background: #d9483b; }
.muted { color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 12.5px; margin: 4px 0 8px; }
th { text-align: left; font-weight: 600; color: #42505e; background: var(--soft); border-bottom: 2px solid var(--line);
  padding: 5px 8px; white-space: nowrap; }
td { padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:nth-child(even) td { background: #fafbfc; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.key { white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid #b8c2cc; border-bottom: none; background: #ffffff !important; }
td.text { min-width: 9em; }
tr.flag td:first-child, tr.flag td:nth-child(2) { color: var(--bad); font-weight: 700; }
tr.flag td:first-child { box-shadow: inset 3px 0 0 var(--bad); }
tr.late td { background: #fdf3e7 !important; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 11.5px; }
@page { size: A4; margin: 12mm 11mm 14mm; }
@media print {
  body { background: #ffffff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .kpis { grid-template-columns: repeat(4, 1fr); gap: 6px; }
  .kpi .value { font-size: 16pt; }
  section { margin-top: 16px; }
  section.chart-section { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .figure, .kpis { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  tr.total { break-before: avoid; page-break-before: avoid; }
  h2 + p, h3 + p, h2 + .caption, h3 + .caption { break-after: avoid; page-break-after: avoid; }
}
)css";

using RowClass = std::string (*)(const std::vector<std::string>& row);

std::string html_table(const Table& t, RowClass row_class = nullptr) {
    if (t.rows.empty() && t.total.empty()) return "<p class=\"empty\">" + html_escape(tr("None.")) + "</p>\n";
    // Numbers align right; only the columns of free text may wrap (headers are in the reader's language).
    const auto cls = [&](std::size_t i) -> const char* {
        if (i >= t.columns.size()) return "";
        if (t.columns[i].align == Align::right) return " class=\"num\"";
        // Names and sentences wrap, but never into a column too narrow to read.
        for (const char* text : {"name", "description", "mitigation", "detail", "reason"})
            if (t.columns[i].header == tr(text)) return " class=\"text\"";
        return " class=\"key\"";
    };
    const auto cell = [&](const char* tag, std::size_t i, const std::string& s) {
        return fmt::format("<{}{}>{}</{}>", tag, cls(i), html_escape(s), tag);
    };
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t i = 0; i < t.columns.size(); ++i) out += cell("th", i, t.columns[i].header);
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        const std::string cls = row_class ? row_class(row) : "";
        out += cls.empty() ? "<tr>" : "<tr class=\"" + cls + "\">";
        for (std::size_t i = 0; i < row.size(); ++i) out += cell("td", i, row[i]);
        out += "</tr>\n";
    }
    // The total is the body's last row, not a <tfoot>: a printed table repeats its footer on
    // every page, and a total in the middle of a table reads as a subtotal.
    if (!t.total.empty()) {
        out += "<tr class=\"total\">";
        for (std::size_t i = 0; i < t.total.size(); ++i) out += cell("td", i, t.total[i]);
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

// A section's heading: in English with its Chinese name beside it, in Chinese the translation alone.
std::string heading(const char* english, const char* chinese) {
    if (current_language() == Language::english)
        return fmt::format("<h2>{}<span class=\"zh\">{}</span></h2>\n", english, chinese);
    return fmt::format("<h2>{}</h2>\n", html_escape(tr(english)));
}

std::string caption(const std::string& text) { return "<p class=\"caption\">" + html_escape(text) + "</p>\n"; }

// The sections of a report as <h3> + table; `skip` leaves the first n out (shown elsewhere).
std::string tables(const Report& r, const Process& process, MoneyUnit unit, RowClass row_class = nullptr, std::size_t skip = 0) {
    std::string out;
    const auto sections = report_sections(r, process, NumberStyle::for_people(unit));
    for (std::size_t i = skip; i < sections.size(); ++i) {
        if (!sections[i].title.empty()) out += "<h3>" + html_escape(sections[i].title) + "</h3>\n";
        out += html_table(sections[i].table, row_class);
    }
    return out;
}



std::string kpi(const std::string& label, const std::string& value, const std::string& note, const char* tone = "") {
    return fmt::format("<div class=\"kpi {}\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
                       "<div class=\"note\">{}</div></div>\n",
                       tone, html_escape(label), html_escape(value), html_escape(note));
}

template <class T>
const T& get(const HtmlReport& page) {
    for (const Report& r : page.reports)
        if (const T* t = std::get_if<T>(&r)) return *t;
    static const T none{};
    return none;
}

std::string kpis(const HtmlReport& page) {
    const Funnel& funnel = get<Funnel>(page);
    const Scorecard& score = get<Scorecard>(page);
    const Payments& pay = get<Payments>(page);
    const RiskRegister& risks = get<RiskRegister>(page);
    const Stale& stale = get<Stale>(page);
    const std::string cur = money_unit_label(page.context.unit, page.context.currency);
    // The cards round as the tables do.
    auto whole = [&](Money m) { return format_money_in(m, page.context.unit); };
    std::string out = "<div class=\"kpis\">\n";
    // TRANSLATORS: a number of projects, then the currency code.
    const std::string open_note = trf("{} open projects, {}", funnel.total.open, cur);
    out += kpi(tr("Open pipeline"), whole(funnel.total.open_amount), open_note);
    out += kpi(tr("Weighted pipeline"), whole(funnel.total.weighted_open), tr("amount × stage probability"));
    const auto won = score.total.won;
    std::string won_note = trnf("{} project won in the window", "{} projects won in the window", won, won);
    if (score.total.target && score.total.target->permille)
        // TRANSLATORS: the attainment ("45.3%"), then the target amount.
        won_note = trf("{} of target {}", format_permille(*score.total.target->permille), whole(score.total.target->target));
    out += kpi(tr("Won"), whole(score.total.won_amount), won_note);
    out += kpi(tr("Win rate"), score.total.win_rate ? format_permille(*score.total.win_rate) : "—",
               trf("{} won of {} closed", score.total.won, score.total.won + score.total.lost + score.total.abandoned));
    // TRANSLATORS: the contracted amount.
    const std::string contracted = trf("of {} contracted", whole(pay.total.contracted));
    out += kpi(tr("Outstanding receivables"), whole(pay.total.outstanding), contracted);
    const auto late = pay.total.overdue_instalments;
    out += kpi(tr("Overdue receivables"), whole(pay.total.overdue),
               // TRANSLATORS: the number of overdue instalments, then the amount overdue for more than 90 days.
               trnf("{} instalment, over 90 days: {}", "{} instalments, over 90 days: {}", late, late,
                    whole(pay.total.aging[3] + pay.total.aging[4])),
               pay.total.overdue.cents > 0 ? "bad" : "");
    out += kpi(tr("Flagged risks"), std::to_string(risks.flagged),
               trf("of {} open risks, score {} or more", risks.risks.size(), risks.threshold), risks.flagged ? "warn" : "");
    out += kpi(tr("Stale alerts"), std::to_string(stale.alerts), trf("on {} open projects", stale.projects),
               stale.alerts ? "warn" : "");
    return out + "</div>\n";
}

// The few risks to talk about first: the highest scores, with project, owner and what is done.
std::string top_risks(const RiskRegister& r, const Process& process) {
    std::string out = "<h3>" + html_escape(tr("Highest scores")) + "</h3>\n";
    if (r.risks.empty()) return out + "<p class=\"empty\">" + html_escape(tr("No open risks.")) + "</p>\n";
    out += "<ol class=\"top\">\n";
    for (std::size_t i = 0; i < r.risks.size() && i < 5; ++i) {
        const RiskRow& row = r.risks[i];
        out += fmt::format("<li><span class=\"score{}\">{}</span><div><b>{}</b> · {}<br><span class=\"muted\">{} {} · {}{}</span></div></li>\n",
                           row.flagged ? " hot" : "", row.risk.score(), html_escape(row.risk.description),
                           html_escape(row.project.name), html_escape(item_value_label(process, "risks", "type", row.risk.type)),
                           html_escape(row.project.id),
                           html_escape(owner_label(process, row.owner).local()),
                           row.risk.mitigation.empty() ? "" : " · " + html_escape(row.risk.mitigation));
    }
    return out + "</ol>\n";
}

std::string flagged_risk(const std::vector<std::string>& row) { return !row.empty() && row[1] == "!" ? "flag" : ""; }
std::string long_overdue(const std::vector<std::string>& row) {
    return !row.empty() && (row.back() == tr(bucket_label(AgingBucket::up_to_180)) ||
                            row.back() == tr(bucket_label(AgingBucket::over_180)))
               ? "late"
               : "";
}

// The targets overlapping the window, each with the part of it the window holds.
std::string targets_section(const std::vector<TargetInWindow>& targets, const Process& process, const ReportContext& c) {
    Table t;
    t.columns = {{tr("who")}, {tr("period")}, {tr("target"), Align::right}, {tr("days in the window"), Align::right},
                 {tr("in the window"), Align::right}};
    for (const TargetInWindow& w : targets)
        t.rows.push_back({w.owner.empty() ? tr("team") : person_shown(process, w.owner), w.period.label,
                          format_money_in(w.amount, c.unit), trf("{} of {} days", w.days_inside, w.days),
                          format_money_in(w.share, c.unit)});
    std::string out = "<section id=\"targets\">\n" + heading(N_("Targets in the window"), "区间内的目标");
    // TRANSLATORS: the range of dates (describe_range), then the currency or unit.
    out += caption(trf("The targets of pipeline.yaml that share days with the window {}, per person and for the team, in {}: "
                       "each counts in proportion to the days of its period inside the window (one wholly inside counts whole)",
                       describe_range(c.window), money_unit_label(c.unit, c.currency)));
    return out + html_table(t) + "</section>\n";
}

}  // namespace

std::string render_html_report(const HtmlReport& page, const Process& process) {
    const ReportContext& c = page.context;
    const auto caption_of = [&](const Report& r) { return caption(report_caption(r, c)); };
    const Report* by_kind[std::variant_size_v<Report>] = {};
    for (const Report& r : page.reports) by_kind[static_cast<std::size_t>(report_kind(r))] = &r;
    for (const Report* r : by_kind)
        if (!r) return "<!DOCTYPE html>\n<p>" + html_escape(tr("The page needs one report of each kind.")) + "</p>\n";
    const auto report = [&](ReportKind k) -> const Report& { return *by_kind[static_cast<std::size_t>(k)]; };

    // TRANSLATORS: the range of dates (describe_range), today's date, the currency code.
    std::string meta = trf("Window {} · today {} · amounts in {}", describe_range(c.window), c.today.iso(), money_unit_label(c.unit, c.currency));
    // TRANSLATORS: appended to the line above: the date the projects were rebuilt as of.
    if (c.as_of) meta += trf(" · projects as of {}", c.as_of->iso());
    if (!c.filter.empty()) {
        std::string terms;
        for (const std::string& term : c.filter) terms += (terms.empty() ? "" : " ") + term;
        // TRANSLATORS: appended to the line above: the filter's terms as typed.
        meta += trf(" · filter: {}", terms);
    }

    // The page has always said zh-CN (what it shows of the repository is Chinese); its English
    // pages keep it, so that they stay the same.
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // TRANSLATORS: the repository folder's name.
    out += "<title>" + html_escape(trf("Sales review — {}", page.title)) + "</title>\n<style>" + kStyle +
           "</style>\n</head>\n<body>\n<main>\n";
    // In English the page's name in Chinese stands beside it; in Chinese it is said once.
    const std::string h1 =
        current_language() == Language::english
            ? "Sales review <span style=\"color:#6b7785;font-weight:400\">销售报表</span> — " + html_escape(page.title)
            : html_escape(trf("Sales review — {}", page.title));
    out += "<header class=\"page\">\n<h1>" + h1 + "</h1>\n<p class=\"meta\">" + html_escape(meta) + "</p>\n";
    if (!page.window_rule.empty()) out += "<p class=\"meta\">" + html_escape(page.window_rule) + "</p>\n";
    out += "</header>\n";
    out += kpis(page);

    out += "<section class=\"chart-section\" id=\"funnel\">\n" + heading(N_("Funnel"), "销售漏斗") + caption_of(report(ReportKind::funnel));
    out += "<div class=\"figure\">" + html::funnel_chart(get<Funnel>(page), process, page.context.unit) + "</div>\n";
    out += tables(report(ReportKind::funnel), process, c.unit) + "</section>\n";

    out += "<section class=\"chart-section\" id=\"forecast\">\n" + heading(N_("Forecast by month"), "月度预测");
    // TRANSLATORS: the range of dates (describe_range), then the currency code.
    out += caption(trf("Forecast by month of expected close (open) or closing (won), {}, in {}; weighted counts won "
                       "projects in full and open ones at their stage probability",
                       describe_range(c.window), money_unit_label(c.unit, c.currency)));
    out += "<div class=\"figure\">" + html::forecast_chart(page.by_month, c.window, c.unit) + "</div>\n";
    out += html_table(forecast_table(page.by_month, NumberStyle::for_people(c.unit))) + "</section>\n";
    if (!page.targets.empty()) out += targets_section(page.targets, process, c);

    if (!page.trend.empty()) {
        out += "<section class=\"chart-section\" id=\"trend\">\n" + heading(N_("Pipeline trend"), "管道趋势");
        // TRANSLATORS: {} is the currency or unit.
        out += caption(trf("The open pipeline as it stood at the end of each week, from the git history (pipeline trend), in {}",
                           money_unit_label(c.unit, c.currency)));
        out += "<div class=\"figure\">" + html::trend_chart(page.trend, c.unit) + "</div>\n</section>\n";
    }

    out += "<section id=\"scorecard\">\n" + heading(N_("Scorecard"), "销售业绩") + caption_of(report(ReportKind::scorecard));
    out += tables(report(ReportKind::scorecard), process, c.unit) + "</section>\n";

    out += "<section id=\"conversion\">\n" + heading(N_("Conversion"), "阶段转化") + caption_of(report(ReportKind::conversion));
    out += tables(report(ReportKind::conversion), process, c.unit) + "</section>\n";

    out += "<section id=\"payments\">\n" + heading(N_("Payments"), "回款") + caption_of(report(ReportKind::payments));
    out += "<div class=\"figure\">" + html::aging_chart(get<Payments>(page), page.context.unit) + "</div>\n";
    out += tables(report(ReportKind::payments), process, c.unit, long_overdue) + "</section>\n";

    out += "<section id=\"customers\">\n" + heading(N_("Customers"), "客户") + caption_of(report(ReportKind::customers));
    out += tables(report(ReportKind::customers), process, c.unit) + "</section>\n";

    out += "<section id=\"service\">\n" + heading(N_("Customer service"), "售后服务") + caption_of(report(ReportKind::service));
    out += tables(report(ReportKind::service), process, c.unit) + "</section>\n";

    out += "<section id=\"risks\">\n" + heading(N_("Risks"), "风险") + caption_of(report(ReportKind::risks));
    out += "<div class=\"side\"><div class=\"figure\">" + html::risk_matrix(get<RiskRegister>(page)) + "</div>\n";
    // TRANSLATORS: the score at which a risk is flagged.
    const std::string legend = trf("Each cell of the matrix counts the open risks of that likelihood (1–5, up) and impact "
                                   "(1–5, right); its small number is the score. Red cells are at or over the threshold of "
                                   "{}, orange at half of it or more, yellow at a quarter or more.",
                                   get<RiskRegister>(page).threshold);
    out += "<div class=\"grow\">" + top_risks(get<RiskRegister>(page), process) + "<p class=\"caption\">" +
           html_escape(legend) + "</p></div></div>\n";
    const auto risk_sections = report_sections(report(ReportKind::risks), process, NumberStyle::for_people(c.unit));
    out += "<h3>" + html_escape(risk_sections.front().title) + "</h3>\n" + html_table(risk_sections.front().table, flagged_risk);
    out += "</section>\n";

    out += "<section id=\"stale\">\n" + heading(N_("Stale projects"), "停滞预警") + caption_of(report(ReportKind::stale));
    out += tables(report(ReportKind::stale), process, c.unit) + "</section>\n";

    out += "<section id=\"sources\">\n" + heading(N_("Lead sources"), "线索渠道") + caption_of(report(ReportKind::sources));
    out += tables(report(ReportKind::sources), process, c.unit) + "</section>\n";

    out += "<section id=\"losses\">\n" + heading(N_("Losses"), "丢单分析") + caption_of(report(ReportKind::losses));
    out += tables(report(ReportKind::losses), process, c.unit) + "</section>\n";

    out += "<section id=\"calibration\">\n" + heading(N_("Stage probabilities"), "赢率校准") +
           caption_of(report(ReportKind::calibration));
    out += tables(report(ReportKind::calibration), process, c.unit) + "</section>\n";

    out += "<section id=\"budget\">\n" + heading(N_("Presales budgets"), "售前预算") + caption_of(report(ReportKind::budget));
    out += tables(report(ReportKind::budget), process, c.unit) + "</section>\n";

    out += "<section id=\"progress\">\n" + heading(N_("Monthly progress"), "项目进展月报") + caption_of(report(ReportKind::progress));
    out += tables(report(ReportKind::progress), process, c.unit) + "</section>\n";

    out += "<footer>pipeline " PIPELINE_VERSION " · " + html_escape(c.today.iso()) + " · " +
           html_escape(tr("definitions of every figure: pipeline(1), “pipeline report”")) + "</footer>\n";
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace pipeline
