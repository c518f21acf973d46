// pipeline forecast [FILTER...]: weighted forecast by period, owner and more, with targets.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/figures/as_of.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/forecast_render.hpp"
#include "query_options.hpp"

namespace pipeline::cli {
namespace {

struct ForecastArgs {
    QueryOptions query;
    std::vector<std::string> by;
    std::string period, from, to;
    std::string probabilities = "configured";
};

int run_forecast(const ForecastArgs& args, const Context& ctx) {
    ForecastRequest request;
    auto range = make_range(args.period, args.from, args.to);
    if (auto* e = std::get_if<DateRangeError>(&range)) throw Failure(exit_status::usage, e->message);
    request.range = std::get<DateRange>(range);
    const std::optional<Date> as_of = parse_as_of(args.query);
    check_bom(args.query);

    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Process& process = *repo.process;
    request.by = parse_group_keys(args.by, process);
    request.filter = parse_filter(args.query, process);

    const Diagnostics errors = figure_errors(repo.diagnostics, repo.projects, process, ctx.today(), as_of.has_value());
    if (!errors.empty()) {
        print_error(render_diagnostics_text(errors, nullptr));
        const std::size_t n = errors.items().size();
        throw Failure(exit_status::findings,
                      trnf("no forecast: {} error above would make its figures wrong (pipeline check shows them with context)",
                           "no forecast: {} errors above would make its figures wrong (pipeline check shows them with context)",
                           n, n));
    }

    warn_on_customer_errors(repo.diagnostics);
    std::vector<Project> projects = std::move(repo.projects);
    if (as_of) projects = projects_as_of(projects, *as_of, process);
    const bool realised = args.probabilities == "calibrated";
    // The team's rates: every project closed up to the forecast's day, whatever the filter.
    const Date day = as_of.value_or(ctx.today());
    const Process weighed = realised ? with_realised_probabilities(
                                           process, calibration_report(projects, process, {Query{}, DateRange{std::nullopt, day + 1, ""}, day}))
                                     : process;
    const Forecast f = forecast(projects, weighed, request);
    keep_until_exit(std::move(projects));
    const MoneyUnit unit = display_unit(args.query, process);
    const ForecastContext context{process.currency, as_of, args.query.filter, unit, realised};
    if (args.query.format == "xlsx") {
        ForecastContext exact = context;
        exact.unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
        const Sheet sheet{tr("Forecast"), {forecast_caption(f, exact)}, forecast_table(f, NumberStyle::for_machines())};
        write_workbook(args.query, {{sheet}}, ctx);
        return exit_status::ok;
    }
    std::string text;
    if (args.query.format == "json") text = render_forecast_json(f, context);
    else if (args.query.format == "table")
        text = forecast_caption(f, context) + "\n\n" +
               render_text(forecast_table(f, NumberStyle::for_people(unit)), table_width(args.query));
    else if (args.query.format == "markdown") text = render_markdown(forecast_table(f, NumberStyle::for_people(unit)));
    else text = render_csv(forecast_table(f, NumberStyle::for_machines()), args.query.bom);
    write_output(args.query.output, text, ctx);
    return exit_status::ok;
}

}  // namespace

void setup_forecast(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ForecastArgs>();
    CLI::App* cmd = app.add_subcommand("forecast", tr("Weighted forecast by period, owner and more, with targets"));
    add_query_options(*cmd, args->query);
    cmd->add_option("--probabilities", args->probabilities,
                    tr("Weigh with the stage probabilities of pipeline.yaml (configured, the default) or with those "
                       "the closed projects realised (calibrated; see report calibration)"))
        ->type_name("WHICH")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                return value == "configured" || value == "calibrated" ? "" : trf("\"{}\" is neither configured nor calibrated", value);
            },
            "configured|calibrated", "probabilities"));
    cmd->add_option("--by", args->by, tr("Group by one or two of month, quarter, year, owner, stage, customer, industry, "
                                      "customer_grade, size, category, source, importance"))
        ->type_name("KEY[,KEY]")
        ->expected(1)
        ->allow_extra_args(false)  // one word per --by (split at commas later): a filter term after it stays one
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--period", args->period, tr("Only the period P: 2026, 2026Q4 or 2026-11"))->type_name("P");
    cmd->add_option("--from", args->from, tr("Only dates on or after DATE"))->type_name("DATE")->check(date_value());
    cmd->add_option("--to", args->to, tr("Only dates before DATE (the first day after the range)"))->type_name("DATE")->check(date_value());
    cmd->callback([args, &ctx] {
        resolve_output_format(args->query);
        ctx.exit_code = run_forecast(*args, ctx);
    });
}

}  // namespace pipeline::cli
