// pipeline report KIND [FILTER...]: the reviews of sop.md §6–§8 — funnel, conversion, stale,
// risks, payments, scorecard, sources, losses — and `report html`, all of them on one page.
#include <filesystem>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "command.hpp"
#include "history_reports.hpp"
#include "pipeline/figures/as_of.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/html_report.hpp"
#include "pipeline/render/report_render.hpp"
#include "pipeline/store/atomic_write.hpp"
#include "query_options.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

struct ReportArgs {
    std::string kind;
    QueryOptions query;
    std::string period, from, to;
    std::string month;                  // progress: the month
    std::string since, every;           // the history reports' own
    std::string by;                     // customers, service: grade, size or industry
};

constexpr const char* kKindList =
    "funnel, conversion, stale, risks, payments, scorecard, sources, losses, calibration, budget, progress, customers, "
    "service, slippage, accuracy, html, xlsx";

// Without --period, --from or --to a report covers the calendar year holding today.
DateRange window_of(const ReportArgs& args, Date today) {
    const std::string period = args.period.empty() && args.from.empty() && args.to.empty()
                                   ? std::to_string(today.year())
                                   : args.period;
    auto range = make_range(period, args.from, args.to);
    if (auto* e = std::get_if<DateRangeError>(&range)) throw Failure(exit_status::usage, e->message);
    return std::get<DateRange>(range);
}

// report html without a window: what a weekly meeting looks at, this quarter and the next two.
DateRange meeting_window(Date today) {
    const int first_month = (today.month() - 1) / 3 * 3 + 1;
    const int end_month = first_month + 9;
    DateRange r;
    r.from = Date::from_ymd(today.year(), first_month, 1);
    r.to = Date::from_ymd(today.year() + (end_month - 1) / 12, (end_month - 1) % 12 + 1, 1);
    const int last = end_month - 3;  // the first month of the third quarter
    r.label = fmt::format("{}Q{}..{}Q{}", today.year(), (first_month - 1) / 3 + 1, today.year() + (last - 1) / 12,
                          ((last - 1) % 12) / 3 + 1);
    return r;
}

// The terms that keep the projects expected to close (or closed) in `window`.
Query closing_in(Query filter, const DateRange& window) {
    for (auto [comparison, day, op] : {std::tuple{Comparison::greater_equal, window.from, ">="}, std::tuple{Comparison::less, window.to, "<"}}) {
        if (!day) continue;
        QueryTerm t;
        t.field = QueryField::close;
        t.comparison = comparison;
        t.date = *day;
        t.value = day->iso();
        t.text = std::string("close") + op + t.value;
        filter.terms.push_back(std::move(t));
    }
    return filter;
}

// report progress covers one month: --month, else the month holding today.
DateRange month_of(const std::string& month, Date today) {
    const std::string m = month.empty() ? fmt::format("{:04}-{:02}", today.year(), today.month()) : month;
    const auto period = parse_period(m);
    if (!period || m.size() != 7)
        throw Failure(exit_status::usage, trf("--month takes a month such as 2026-11, not \"{}\"", month));
    auto range = make_range(m, "", "");
    if (auto* e = std::get_if<DateRangeError>(&range)) throw Failure(exit_status::usage, e->message);
    return std::get<DateRange>(range);
}

// Reports that read histories (reach dates, stays, cycles, the stage a project was lost in)
// also refuse histories out of order; funnel, risks and payments only need what files say now.
bool reads_history(const std::optional<ReportKind>& kind) {
    return !kind || !(*kind == ReportKind::funnel || *kind == ReportKind::risks || *kind == ReportKind::payments);
}

// A report's sheet: its title, the caption of its text, the rows --format csv writes.
Sheet report_sheet(ReportKind kind, const Report& report, const Process& process, ReportContext context) {
    context.unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
    return {tr(report_kind_title(kind)), {first_line(render_report_text(report, process, context))}, report_data(report, process)};
}

// report xlsx: a summary (the forecast of the window by quarter, with targets and coverage),
// then every report of report html, a sheet each.
Workbook report_workbook(const Context& ctx, const std::vector<Project>& projects, const Process& process,
                         const ReportRequest& request, const ReportContext& context) {
    Workbook book;
    const Forecast summary = forecast(projects, process, {{GroupKey::quarter}, request.window, request.filter});
    const ForecastContext fc{process.currency, context.as_of, context.filter, MoneyUnit::yuan, false};
    book.sheets.push_back({tr("Summary"), {forecast_caption(summary, fc)}, forecast_table(summary, NumberStyle::for_machines())});
    ReportRequest this_month = request;
    this_month.window = month_of("", request.today);
    for (ReportKind k : report_kinds()) {
        Report r = compute_report(k, projects, process, k == ReportKind::progress ? this_month : request);
        if (auto* g = std::get_if<Progress>(&r))
            if (!context.as_of)
                if (auto changes = month_changes(ctx, this_month.window)) add_figure_changes(*g, *changes);
        book.sheets.push_back(report_sheet(k, r, process, context));
    }
    return book;
}

int run_report(const ReportArgs& args, const Context& ctx) {
    if (is_history_report(args.kind))
        return run_history_report({args.kind, args.query, args.period, args.from, args.to, args.since, args.every}, ctx);
    if (!args.since.empty() || !args.every.empty())
        throw Failure(exit_status::usage, tr("--since goes with report slippage and --every with report accuracy"));
    const bool html = args.kind == "html";
    const bool book = args.kind == "xlsx";  // every report, a sheet each
    const std::optional<ReportKind> kind = parse_report_kind(args.kind);
    if (book) check_workbook_output(args.query);
    if (!html && !book && !kind) throw Failure(exit_status::usage, trf("unknown report \"{}\" (one of {})", args.kind, kKindList));
    if (html && args.query.output.empty())
        throw Failure(exit_status::usage, tr("report html writes a whole page: name the file with -o FILE (or -o - for stdout)"));
    check_bom(args.query);
    const bool progress = kind == ReportKind::progress;
    if (!args.month.empty() && !progress)
        throw Failure(exit_status::usage, tr("--month goes with report progress; the other reports take --period"));
    if (progress && (!args.period.empty() || !args.from.empty() || !args.to.empty()))
        throw Failure(exit_status::usage, tr("report progress covers one month: give it with --month M (default: this month)"));
    const bool by_customer = kind == ReportKind::customers || kind == ReportKind::service;
    if (!args.by.empty() && !by_customer)
        throw Failure(exit_status::usage, tr("--by goes with report customers and report service (grade, size or industry)"));
    const Date today = ctx.today();
    const bool own_window = args.period.empty() && args.from.empty() && args.to.empty();
    const DateRange window = progress ? month_of(args.month, today) : html && own_window ? meeting_window(today) : window_of(args, today);
    const std::optional<Date> as_of = parse_as_of(args.query);

    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Process& process = *repo.process;
    ReportRequest request{parse_filter(args.query, process), window, today, &repo.customers};
    if (!args.by.empty()) request.customers_by = *parse_customer_grouping(args.by);

    const Diagnostics errors =
        figure_errors(repo.diagnostics, repo.projects, process, today, as_of.has_value() || reads_history(kind));
    if (!errors.empty()) {
        print_error(render_diagnostics_text(errors, nullptr));
        const std::size_t n = errors.items().size();
        throw Failure(exit_status::findings,
                      trnf("no report: {} error above would make its figures wrong (pipeline check shows them with context)",
                           "no report: {} errors above would make its figures wrong (pipeline check shows them with context)",
                           n, n));
    }

    warn_on_customer_errors(repo.diagnostics);
    // Not a copy: a large repository's records are most of the memory a report takes.
    if (as_of) repo.projects = projects_as_of(repo.projects, *as_of, process);
    const std::vector<Project>& projects = repo.projects;
    const ReportContext context{process.currency, today,          as_of, window, args.query.filter, table_width(args.query),
                                display_unit(args.query, process)};
    if (html) {
        HtmlReport page;
        page.title = repo.root.filename().string();
        page.context = context;
        // The page's progress is this month's, whatever its window.
        ReportRequest this_month = request;
        this_month.window = month_of("", today);
        // The open pipeline of the page is the window's, in the cards, the funnel and the forecast
        // by month alike: the funnel counts the open projects expected to close in it.
        ReportRequest in_window = request;
        in_window.filter = closing_in(request.filter, window);
        page.window_rule = own_window ? tr("The window is this quarter and the next two; the open pipeline (cards, funnel, "
                                           "forecast) is the open projects expected to close in it")
                                      : tr("The open pipeline (cards, funnel, forecast) is the open projects expected to close "
                                           "in the window");
        for (ReportKind k : report_kinds())
            page.reports.push_back(compute_report(k, projects, process,
                                                  k == ReportKind::progress ? this_month
                                                  : k == ReportKind::funnel ? in_window
                                                                            : request));
        if (!as_of)
            if (auto changes = month_changes(ctx, this_month.window))
                add_figure_changes(std::get<Progress>(page.reports[static_cast<std::size_t>(ReportKind::progress)]), *changes);
        page.by_month = forecast(projects, process, {{GroupKey::month}, window, request.filter});
        page.targets = targets_in_window(process, window);
        if (!as_of) page.trend = weekly_trend(ctx, window, request.filter);
        write_output(args.query.output, render_html_report(page, process), ctx);
        keep_until_exit(std::move(repo.projects));
        return exit_status::ok;
    }
    if (book) {
        write_workbook(args.query, report_workbook(ctx, projects, process, request, context), ctx);
        keep_until_exit(std::move(repo.projects));
        return exit_status::ok;
    }
    Report report = compute_report(*kind, projects, process, request);
    // What git knows of the month: the amount and close changes of progress.
    if (auto* g = std::get_if<Progress>(&report))
        if (!as_of)
            if (auto changes = month_changes(ctx, window)) add_figure_changes(*g, *changes);
    if (args.query.format == "xlsx") {
        write_workbook(args.query, {{report_sheet(*kind, report, process, context)}}, ctx);
        keep_until_exit(std::move(repo.projects));
        return exit_status::ok;
    }
    std::string text;
    if (args.query.format == "json") text = render_report_json(report, process, context);
    else if (args.query.format == "markdown") text = render_report_markdown(report, process, context);
    else if (args.query.format == "csv") text = render_csv(report_data(report, process), args.query.bom);
    else text = render_report_text(report, process, context);
    write_output(args.query.output, text, ctx);
    keep_until_exit(std::move(repo.projects));
    return exit_status::ok;
}

}  // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand("report", tr("Reviews: funnel, conversion, stale, risks, payments, scorecard, sources, "
                                                    "losses, calibration, budget, progress, customers, service; slippage and accuracy "
                                                    "from the git history; "
                                                    "html for all of them on one page"));
    cmd->add_option("kind", args->kind, trf("The report: {}", kKindList))->type_name("KIND")->required();
    add_query_options(*cmd, args->query);
    cmd->add_option("--period", args->period, tr("The window: 2026, 2026Q4 or 2026-11 (default: the year holding today)"))
        ->type_name("P");
    cmd->add_option("--month", args->month, tr("progress: the month, such as 2026-11 (default: the month holding today)"))
        ->type_name("M");
    cmd->add_option("--from", args->from, tr("The window starts on DATE"))->type_name("DATE")->check(date_value());
    cmd->add_option("--to", args->to, tr("The window ends before DATE (the first day after it)"))->type_name("DATE")->check(date_value());
    cmd->add_option("--since", args->since, tr("slippage: read the commits from DATE on (default: the whole history)"))
        ->type_name("DATE")->check(date_value());
    cmd->add_option("--every", args->every, tr("accuracy: a point every week or month (default: week for a period up to a quarter)"))
        ->type_name("week|month")
        ->check(CLI::IsMember({"week", "month"}));
    cmd->add_option("--by", args->by, tr("customers, service: group the customers by grade, size or industry (default: grade)"))
        ->type_name("grade|size|industry")
        ->check(CLI::IsMember({"grade", "size", "industry"}));
    cmd->callback([args, cmd, &ctx] {
        if (args->kind == "html" && cmd->get_option("--format")->count() > 0)
            throw Failure(exit_status::usage, tr("report html writes HTML; --format does not apply"));
        if (args->kind == "xlsx" && cmd->get_option("--format")->count() > 0)
            throw Failure(exit_status::usage, tr("report xlsx writes a workbook; --format does not apply"));
        if (args->kind != "html" && args->kind != "xlsx") resolve_output_format(args->query);
        // A page or a workbook goes to a file of its kind (or one named otherwise: report.out).
        else format_for_output(args->query.output, args->kind, false, {args->kind == "html" ? "html" : "xlsx"}, false);
        ctx.exit_code = run_report(*args, ctx);
    });
}

}  // namespace pipeline::cli
