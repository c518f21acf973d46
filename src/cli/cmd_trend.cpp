// pipeline trend [FILTER...] --every week|month --from D --to D [--by KEY]: the pipeline as it
// stood at each point, from the repository's git history.
#include <memory>
#include <optional>

#include "command.hpp"
#include "git_context.hpp"
#include "pipeline/figures/history.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/history_render.hpp"
#include "query_options.hpp"

namespace pipeline::cli {
namespace {

// More points than this is a mistake (a --from decades back), not a chart.
constexpr std::size_t kMaxPoints = 1000;

struct TrendArgs {
    QueryOptions query;
    std::string every = "week";
    std::string from, to;
    std::string by;
};

// --by for a trend: one of category, owner, stage.
std::vector<GroupKey> trend_group(const std::string& by, const Process& process) {
    if (by.empty()) return {};
    if (by != "category" && by != "owner" && by != "stage")
        throw Failure(exit_status::usage, trf("trend groups --by category, owner or stage, not \"{}\"", by));
    return parse_group_keys({by}, process);
}

int run_trend(const TrendArgs& args, const Context& ctx) {
    check_bom(args.query);
    const Every every = *parse_every(args.every);  // checked by the option
    const Date today = ctx.today();
    const Date to = args.to.empty() ? today : *Date::parse(args.to);
    // 12 steps back by default: a quarter of weeks, a year of months.
    Date from = to;
    if (args.from.empty()) for (int i = 0; i < 12; ++i) from = step_back(from, every);
    else from = *Date::parse(args.from);
    if (to < from) throw Failure(exit_status::usage, trf("--from {} is after --to {}", from.iso(), to.iso()));
    const auto points = points_between(from, to, every, kMaxPoints);
    if (!points)
        throw Failure(exit_status::usage, trf("from {} to {} every {} is more than {} points: choose a shorter span or --every month",
                                              from.iso(), to.iso(), args.every, kMaxPoints));

    const GitSource git = open_git(ctx);
    const Commit tip = resolve_commit(git, "HEAD");
    const std::vector<Commit> line = commit_line(git, tip, points->front());
    std::vector<TrendPoint> out;
    std::optional<Process> last_process;  // money is shown in the latest point's currency and unit
    std::vector<GroupKey> by;
    walk_points(git, line, *points, !ctx.no_cache, [&](Date point, const Commit* commit, const Repository& repo) {
        TrendPoint p;
        std::optional<TrendRequest> request;
        if (commit && repo.process) {
            // Each point is read against its own pipeline.yaml: the stages and names it had then.
            by = trend_group(args.by, *repo.process);
            request = TrendRequest{by, filter_at(args.query, *repo.process, commit->short_id())};
            p = trend_point(repo.projects, *repo.process, *request, point);
            last_process = *repo.process;
            p.errors = figure_errors(repo.diagnostics, repo.projects, *repo.process, today, false).items().size();
        } else if (commit) {
            p.has_state = true;
            p.errors = 1;
        }
        p.date = point;
        p.won_from = step_back(point, every) + 1;
        if (commit) {
            p.commit = commit->id;
            p.author = commit->author;
            p.commit_date = commit->date;
        }
        out.push_back(std::move(p));
        // The last point's state knows every win up to it, those recorded after their day too.
        if (request && point == points->back()) add_won(out, repo.projects, *repo.process, *request);
    });
    if (!last_process)
        throw Failure(exit_status::usage, trf("no point from {} to {} has a commit with a usable pipeline.yaml before it (the "
                                              "history starts at {} of {})",
                                              from.iso(), to.iso(), line.front().short_id(), line.front().date.iso()));
    const TrendContext context{{last_process->currency, today, args.query.filter, display_unit(args.query, *last_process), tip.id,
                                git.shallow()},
                               every, from, to, by};
    const std::string& format = args.query.format;
    if (format == "xlsx") {
        TrendContext exact = context;
        exact.history.unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
        const Sheet sheet{tr("Trend"), {first_line(trend_caption(out, exact, false))}, trend_table(out, exact, NumberStyle::for_machines())};
        write_workbook(args.query, {{sheet}}, ctx);
        return exit_status::ok;
    }
    std::string text;
    if (format == "json") text = render_trend_json(out, context);
    else if (format == "csv") text = render_csv(trend_table(out, context, NumberStyle::for_machines()), args.query.bom);
    else {
        const bool markdown = format == "markdown";
        text = trend_caption(out, context, markdown) + "\n" +
               render_table(trend_table(out, context, NumberStyle::for_people(context.history.unit)), args.query);
    }
    write_output(args.query.output, text, ctx);
    return exit_status::ok;
}

}  // namespace

void setup_trend(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<TrendArgs>();
    CLI::App* cmd = app.add_subcommand("trend", tr("The pipeline as it stood every week or month, from the git history"));
    cmd->add_option("filter", args->query.filter, tr("Filter terms such as owner:zhang.san stage:tender amount>1000000 (see FILTERS)"))
        ->type_name("FILTER");
    cmd->add_option("--every", args->every, tr("One point every week or month (default: week)"))
        ->type_name("week|month")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                return parse_every(value) ? "" : trf("\"{}\" is not week or month", value);
            },
            "", "every"));
    cmd->add_option("--from", args->from, tr("The first point (default: 12 weeks or months before --to)"))
        ->type_name("DATE")->check(date_value());
    cmd->add_option("--to", args->to, tr("The last point (default: today)"))->type_name("DATE")->check(date_value());
    cmd->add_option("--by", args->by, tr("Rows per category, owner or stage at each point"))->type_name("KEY");
    add_table_options(*cmd, args->query);
    cmd->callback([args, &ctx] {
        resolve_output_format(args->query);
        ctx.exit_code = run_trend(*args, ctx);
    });
}

}  // namespace pipeline::cli
