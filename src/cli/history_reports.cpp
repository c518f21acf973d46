#include "history_reports.hpp"

#include <algorithm>

#include "git_context.hpp"
#include "pipeline/figures/history.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/history_render.hpp"

namespace pipeline::cli {

namespace {

Repository usable_at(const GitSource& git, const Commit& commit, bool use_cache) {
    Repository repo = git.load(commit, {}, use_cache);
    if (!repo.process) throw Failure(exit_status::usage, trf("pipeline.yaml is not usable at {}", commit.short_id()));
    return repo;
}

int run_slippage(const HistoryReportArgs& args, const Context& ctx) {
    std::optional<Date> since;
    if (!args.since.empty()) since = Date::parse(args.since);  // checked by the option
    const GitSource git = open_git(ctx);
    const Commit tip = resolve_commit(git, "HEAD");
    const std::vector<Commit> line = commit_line(git, tip, since);
    Repository repo = usable_at(git, line.front(), !ctx.no_cache);
    SlippageLedger ledger;
    ledger.start(repo.projects, *repo.process);
    for (std::size_t k = 1; k < line.size(); ++k) {
        const RevisionStep step = git.advance(repo, line[k - 1], line[k]);
        ledger.count_commit();
        if (!repo.process) continue;  // a commit whose pipeline.yaml is broken: nothing to compare
        for (const Project& p : repo.projects)
            if (step.whole || std::binary_search(step.paths.begin(), step.paths.end(), p.path))
                ledger.observe(p, *repo.process, line[k].id, line[k].author, line[k].date);
    }
    if (!repo.process) repo = usable_at(git, tip, false);
    const Process& process = *repo.process;
    const Slippage slippage = ledger.finish(repo.projects, process, filter_at(args.query, process, tip.short_id()));
    const HistoryContext context{process.currency, ctx.today(), args.query.filter, display_unit(args.query, process), tip.id,
                                 git.shallow()};
    if (args.query.format == "xlsx") {
        HistoryContext exact = context;
        exact.unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
        const std::vector<std::string> caption{first_line(slippage_caption(slippage, exact, line.front(), false))};
        write_workbook(args.query,
                       {{{tr("Slippage"), caption, slippage_moves_table(slippage, NumberStyle::for_machines())}}}, ctx);
        return exit_status::ok;
    }
    std::string text;
    if (args.query.format == "json") {
        text = render_slippage_json(slippage, context, since);
    } else if (args.query.format == "csv") {
        text = render_csv(slippage_moves_table(slippage, NumberStyle::for_machines()), args.query.bom);
    } else {
        const NumberStyle style = NumberStyle::for_people(context.unit);
        const bool markdown = args.query.format == "markdown";
        text = slippage_caption(slippage, context, line.front(), markdown) + "\n";
        if (!slippage.projects.empty())
            text += render_table(slippage_table(slippage, process, style), args.query) + "\n" +
                    render_table(slippage_moves_table(slippage, style), args.query);
    }
    write_output(args.query.output, text, ctx);
    return exit_status::ok;
}

// The quarter before the one holding `today`: the last period whose outcome is known.
std::string previous_quarter(Date today) {
    const int index = today.year() * 4 + today.quarter() - 1 - 1;
    return std::to_string(index / 4) + "Q" + std::to_string(index % 4 + 1);
}

int run_accuracy(const HistoryReportArgs& args, const Context& ctx) {
    const Date today = ctx.today();
    const std::string period_text =
        args.period.empty() && args.from.empty() && args.to.empty() ? previous_quarter(today) : args.period;
    auto range = make_range(period_text, args.from, args.to);
    if (auto* e = std::get_if<DateRangeError>(&range)) throw Failure(exit_status::usage, e->message);
    Accuracy accuracy;
    accuracy.period = std::get<DateRange>(range);
    if (!accuracy.period.bounded()) throw Failure(exit_status::usage, tr("report accuracy needs a period with both ends: --period P, or --from and --to"));
    const Date start = *accuracy.period.from, end = *accuracy.period.to;
    accuracy.period_over = end <= today;
    // Points as far before the period as it is long, up to its end (or today).
    Every every = end - start > 92 ? Every::month : Every::week;
    if (!args.every.empty()) every = *parse_every(args.every);  // checked by the option
    Date first = start;
    for (Date d = start + (start - end); first > d;) first = step_back(first, every);
    const Date last = std::min(end, today);
    auto points = points_between(first, last, every, 1000);
    if (!points || points->empty()) throw Failure(exit_status::usage, tr("report accuracy: no point to read the forecast at"));

    const GitSource git = open_git(ctx);
    const Commit tip = resolve_commit(git, "HEAD");
    // What was won: the latest state, the working tree where there is one.
    const Repository latest = git.working_root() ? ctx.load({*git.working_root(), {}, {}, !ctx.no_cache})
                                                 : usable_at(git, tip, false);
    const Process& process = *latest.process;
    accuracy.actual = won_in(latest.projects, process, filter_at(args.query, process, tip.short_id()), accuracy.period);

    const std::vector<Commit> line = commit_line(git, tip, points->front());
    walk_points(git, line, *points, !ctx.no_cache, [&](Date point, const Commit* commit, const Repository& repo) {
        AccuracyPoint p;
        p.date = point;
        if (commit && repo.process) {
            p = accuracy_point(repo.projects, *repo.process, filter_at(args.query, *repo.process, commit->short_id()), accuracy.period, point);
            p.errors = figure_errors(repo.diagnostics, repo.projects, *repo.process, today, false).items().size();
        }
        if (commit) {
            p.has_state = true;
            p.commit = commit->id;
        }
        accuracy.points.push_back(std::move(p));
    });

    const HistoryContext context{process.currency, today, args.query.filter, display_unit(args.query, process), tip.id,
                                 git.shallow()};
    if (args.query.format == "xlsx") {
        HistoryContext exact = context;
        exact.unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
        const std::vector<std::string> caption{first_line(accuracy_caption(accuracy, exact, false))};
        write_workbook(args.query, {{{tr("Forecast accuracy"), caption, accuracy_table(accuracy, NumberStyle::for_machines())}}}, ctx);
        return exit_status::ok;
    }
    std::string text;
    if (args.query.format == "json") text = render_accuracy_json(accuracy, context);
    else if (args.query.format == "csv") text = render_csv(accuracy_table(accuracy, NumberStyle::for_machines()), args.query.bom);
    else {
        const bool markdown = args.query.format == "markdown";
        text = accuracy_caption(accuracy, context, markdown) + "\n" +
               render_table(accuracy_table(accuracy, NumberStyle::for_people(context.unit)), args.query);
    }
    write_output(args.query.output, text, ctx);
    return exit_status::ok;
}

}  // namespace

std::vector<TrendPoint> weekly_trend(const Context& ctx, const DateRange& window, const Query& filter) {
    const Date today = ctx.today();
    if (!window.from) return {};
    const Date to = window.to ? std::min(*window.to + -1, today) : today;
    const auto points = to < *window.from ? std::nullopt : points_between(*window.from, to, Every::week, 1000);
    if (!points || points->empty()) return {};
    auto opened = GitSource::open(ctx.working_directory());
    if (!std::holds_alternative<GitSource>(opened)) return {};
    const GitSource& git = std::get<GitSource>(opened);
    auto tip = git.resolve("HEAD");
    if (!std::holds_alternative<Commit>(tip)) return {};
    auto line = git.first_parent_line(std::get<Commit>(tip), points->front());
    if (!std::holds_alternative<std::vector<Commit>>(line) || std::get<std::vector<Commit>>(line).size() < 2) return {};
    std::vector<TrendPoint> out;
    walk_points(git, std::get<std::vector<Commit>>(line), *points, !ctx.no_cache, [&](Date point, const Commit* commit, const Repository& repo) {
        TrendPoint p;
        // The filter as the working tree reads it; a point whose pipeline.yaml lacks what it names shows nothing.
        if (commit && repo.process) p = trend_point(repo.projects, *repo.process, {{}, filter}, point);
        p.date = point;
        p.won_from = step_back(point, Every::week) + 1;
        out.push_back(std::move(p));
    });
    return out;
}

std::optional<std::vector<FigureChange>> month_changes(const Context& ctx, const DateRange& month) {
    if (!month.from || !month.to) return std::nullopt;
    auto opened = GitSource::open(ctx.working_directory());
    if (!std::holds_alternative<GitSource>(opened)) return std::nullopt;
    const GitSource& git = std::get<GitSource>(opened);
    std::vector<FigureChange> out;
    auto tip = git.resolve("HEAD");
    if (!std::holds_alternative<Commit>(tip)) return out;  // no commit yet: nothing changed
    const Date last = std::min(*month.to + -1, ctx.today());
    if (last < *month.from) return out;
    // The state at the end of the day before the month, then at the end of each of its days.
    std::vector<Date> points;
    for (Date d = *month.from + -1; d <= last; d = d + 1) points.push_back(d);
    auto line = git.first_parent_line(std::get<Commit>(tip), points.front());
    if (!std::holds_alternative<std::vector<Commit>>(line)) return out;
    std::optional<std::pair<std::vector<Project>, Process>> previous;
    const Commit* shown = nullptr;
    walk_points(git, std::get<std::vector<Commit>>(line), points, !ctx.no_cache, [&](Date point, const Commit* commit, const Repository& repo) {
        if (commit == shown && previous) return;  // no commit that day
        shown = commit;
        if (!commit || !repo.process) {
            previous.reset();
            return;
        }
        if (previous) {
            for (FigureChange& c : figure_changes(previous->first, previous->second, repo.projects, *repo.process, point))
                out.push_back(std::move(c));
        }
        previous.emplace(repo.projects, *repo.process);
    });
    return out;
}

bool is_history_report(const std::string& kind) { return kind == "slippage" || kind == "accuracy"; }

int run_history_report(const HistoryReportArgs& args, const Context& ctx) {
    check_bom(args.query);
    if (!args.query.as_of.empty())
        throw Failure(exit_status::usage, trf("report {} reads the states from git; --as-of does not apply", args.kind));
    if (args.kind == "slippage") {
        if (!args.period.empty() || !args.from.empty() || !args.to.empty() || !args.every.empty())
            throw Failure(exit_status::usage, tr("report slippage reads the commits since --since DATE (default: all); "
                                                 "--period, --from, --to and --every do not apply"));
        return run_slippage(args, ctx);
    }
    if (!args.since.empty())
        throw Failure(exit_status::usage, tr("report accuracy reads the forecast at points before and in --period; --since does not apply"));
    return run_accuracy(args, ctx);
}

}  // namespace pipeline::cli
