// pipeline diff [REV1 [REV2]] [FILTER...]: the forecast movement between two states of the repository.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "git_context.hpp"
#include "pipeline/figures/forecast_movement.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/movement_render.hpp"
#include "query_options.hpp"

namespace pipeline::cli {
namespace {

struct DiffArgs {
    std::vector<std::string> words;   // revisions and FILTER terms, in any order
    std::string since;
    std::vector<std::string> by;
    std::string period, from, to;
    QueryOptions query;               // filter, --format, --bom (no --as-of)
};

// A FILTER term starts with a field name and `:`, `<`, `>` or `=` (or `not:`); git forbids `:` in
// branch names, so a revision never looks like one.
bool is_filter_term(const std::string& word) {
    const std::size_t end = word.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
    return end != std::string::npos && end > 0 && std::string_view(":<>=").find(word[end]) != std::string_view::npos;
}

Commit last_before(const GitSource& git, Date since, const Commit& tip) {
    auto c = git.last_before(since, tip);
    if (auto* e = std::get_if<GitError>(&c)) throw Failure(exit_status::usage, trf("--since {}: {}", since.iso(), e->message));
    return std::get<Commit>(c);
}

// Which two states to compare; a `to` without a commit is the working tree.
std::pair<Revision, Revision> choose_states(const GitSource& git, const std::vector<std::string>& revisions,
                                            const std::optional<Date>& since) {
    if (revisions.size() > 2)
        throw Failure(exit_status::usage, trf("diff compares two revisions; \"{}\" is a third (filters look like "
                                                      "owner:zhang.san)", revisions[2]));
    if (revisions.size() == 1)
        if (auto range = git.resolve_range(revisions[0])) {
            if (auto* e = std::get_if<GitError>(&*range)) throw Failure(exit_status::usage, e->message);
            if (since) throw Failure(exit_status::usage, tr("--since names the first revision; give a range or --since, not both"));
            const CommitRange& r = std::get<CommitRange>(*range);
            return {r.from, r.to};
        }
    if (revisions.size() == 2) {
        if (since) throw Failure(exit_status::usage, tr("--since names the first revision; give two revisions or --since, not both"));
        return {{revisions[0], resolve_commit(git, revisions[0])}, {revisions[1], resolve_commit(git, revisions[1])}};
    }
    // The later state: REV2 when given with --since, else the working tree (HEAD in a bare repository).
    Revision later;
    if (since && revisions.size() == 1) later = {revisions[0], resolve_commit(git, revisions[0])};
    else if (git.bare()) later = {"HEAD", resolve_commit(git, "HEAD")};
    if (since) {
        const Commit tip = later.commit ? *later.commit : resolve_commit(git, "HEAD");
        return {{"", last_before(git, *since, tip)}, later};
    }
    if (git.bare() && revisions.empty())
        throw Failure(exit_status::usage, tr("a bare repository has no working tree: name the revisions (pipeline diff REV1 "
                                             "[REV2]) or use --since DATE"));
    const std::string first = revisions.empty() ? "HEAD" : revisions[0];
    return {{first, resolve_commit(git, first)}, later};
}

// The state's repository (the working tree as every command loads it); Failure(2) when its
// pipeline.yaml is unusable.
Repository load_state(const Context& ctx, const GitSource& git, const Revision& state) {
    if (!state.commit) return ctx.load({*git.working_root(), {}, {}});
    Repository repo = git.load(*state.commit, {}, !ctx.no_cache);
    if (!repo.process) {
        repo.diagnostics.sort();
        print_error(trf("at {}:\n{}", revision_label(state), render_diagnostics_text(repo.diagnostics, nullptr)));
        throw Failure(exit_status::usage, trf("pipeline.yaml is not usable at {}", revision_label(state)));
    }
    return repo;
}

int run_diff(DiffArgs args, const Context& ctx) {
    std::vector<std::string> revisions;
    for (const std::string& w : args.words) (is_filter_term(w) ? args.query.filter : revisions).push_back(w);
    std::optional<Date> since;
    if (!args.since.empty()) since = Date::parse(args.since);  // checked by date_value()
    check_bom(args.query);
    MovementRequest request;
    auto range = make_range(args.period, args.from, args.to);
    if (auto* e = std::get_if<DateRangeError>(&range)) throw Failure(exit_status::usage, e->message);
    request.range = std::get<DateRange>(range);

    const GitSource git = open_git(ctx);
    const auto [from, to] = choose_states(git, revisions, since);
    // The earlier state's records, and those the later one has alike (shared, not copied).
    Repository before = load_state(ctx, git, from);
    bool refused = false;
    const auto refuse_on_errors = [&](const Revision& state, const Repository& repo, const std::vector<std::string>* only = nullptr) {
        const Diagnostics errors = figure_errors(repo.diagnostics, repo.projects, *repo.process, ctx.today(), false, only);
        if (errors.empty()) return;
        print_error(trf("at {}:\n{}", revision_label(state), render_diagnostics_text(errors, nullptr)));
        refused = true;
    };
    refuse_on_errors(from, before);
    const Process earlier_process = *before.process;
    Repository after;
    std::vector<Project> earlier_own;    // the earlier records the later state does not share
    std::vector<std::string> changed;    // with `shared`: the files whose records differ
    bool shared = false;
    if (from.commit && to.commit) {
        // Two commits: the later one is the earlier moved forward by the files their trees differ in.
        after = std::move(before);
        RevisionStep step = git.advance(after, *from.commit, *to.commit);
        if (!after.process) after = load_state(ctx, git, to);  // says why pipeline.yaml is unusable there
        earlier_own = std::move(step.replaced);
        changed = std::move(step.paths);
        shared = !step.whole;
    } else {
        after = load_state(ctx, git, to);
        earlier_own = std::move(before.projects);
    }
    // The later state moved on from an earlier one without errors, under the same pipeline.yaml:
    // only the records of the files that changed can bring a project's own error.
    refuse_on_errors(to, after, shared && !refused ? &changed : nullptr);
    if (refused)
        throw Failure(exit_status::findings, tr("no diff: the errors above would make its figures wrong (pipeline check shows "
                                                "them with context)"));
    // The earlier side in path order: its own records merged with those it shares (both in path order).
    std::vector<const Project*> earlier;
    earlier.reserve(earlier_own.size() + (shared ? after.projects.size() : 0));
    auto own = earlier_own.begin();
    if (shared)
        for (const Project& p : after.projects) {
            if (std::binary_search(changed.begin(), changed.end(), p.path)) continue;
            for (; own != earlier_own.end() && own->path < p.path; ++own) earlier.push_back(&*own);
            earlier.push_back(&p);
        }
    for (; own != earlier_own.end(); ++own) earlier.push_back(&*own);

    request.by = parse_group_keys(args.by, *after.process);
    request.unit = movement_unit(request.by);
    const Query filter_before = filter_at(args.query, earlier_process, revision_label(from));
    const Query filter_after = filter_at(args.query, *after.process, revision_label(to));
    // Figures of two currencies never meet in one waterfall: the earlier side is valued in the
    // later base currency, at the later rates.
    Process valued_before = earlier_process;
    if (valued_before.currency != after.process->currency) {
        auto converted = in_later_currency(valued_before, *after.process, earlier);
        if (auto* e = std::get_if<std::string>(&converted)) throw Failure(exit_status::findings, trf("no diff: {}", *e));
        valued_before = std::move(std::get<Process>(converted));
    }
    const ForecastMovement movement =
        forecast_movement({std::move(earlier), valued_before, filter_before}, {after.projects, *after.process, filter_after}, request);
    if (!movement.balanced())
        throw std::logic_error("the waterfall does not add up; please report this with the two revisions");

    const MoneyUnit unit = display_unit(args.query, *after.process);
    const MovementContext context{after.process->currency, from, to, since, args.query.filter, request.by, request.range,
                                  request.unit, unit};
    const int width = table_width(args.query);
    const std::string& format = args.query.format;
    if (format == "xlsx") {
        MovementContext exact = context;
        exact.money_unit = MoneyUnit::yuan;  // the cells are exact amounts: so says the caption
        const std::string caption = movement_caption(exact, false);
        const Workbook book{{{tr("Movements"), {first_line(caption)}, movement_table(movement, *after.process, context, NumberStyle::for_machines())},
                             {tr("Weighted"), {first_line(caption)}, waterfall_table(movement, context)},
                             {tr("Open pipeline"), {first_line(caption)}, pipeline_waterfall_table(movement, context)}}};
        write_workbook(args.query, book, ctx);
    } else if (format == "json") {
        write_output(args.query.output, render_movement_json(movement, context), ctx);
    } else if (format == "csv") {
        write_output(args.query.output,
                     render_csv(movement_table(movement, *after.process, context, NumberStyle::for_machines()), args.query.bom), ctx);
    } else {
        const bool markdown = format == "markdown";
        auto render = [markdown, width](const Table& t) { return markdown ? render_markdown(t) : render_text(t, width); };
        std::string out = movement_caption(context, markdown) + "\n";
        if (movement.movements.empty()) out += tr("Nothing moved.\n\n");
        else out += render(movement_table(movement, *after.process, context, NumberStyle::for_people(unit))) + "\n";
        out += render(waterfall_table(movement, context)) + "\n";
        out += render(pipeline_waterfall_table(movement, context));
        write_output(args.query.output, out, ctx);
    }
    keep_until_exit(std::move(after.projects));
    keep_until_exit(std::move(earlier_own));
    return exit_status::ok;
}

}  // namespace

void setup_diff(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<DiffArgs>();
    CLI::App* cmd = app.add_subcommand("diff", tr("Forecast movement between two revisions: what moved, why, and a waterfall"));
    cmd->add_option("revisions", args->words,
                    tr("REV1 [REV2] (default: HEAD and the working tree; A..B, A...B) and filter terms such as owner:zhang.san"))
        ->type_name("REV|FILTER");
    cmd->add_option("--since", args->since, tr("Compare from the last commit on the first-parent line dated before DATE"))
        ->type_name("DATE")->check(date_value());
    cmd->add_option("--by", args->by, tr("Group the waterfall by one or two of month, quarter, year, owner, stage, customer, "
                                      "industry, customer_grade, size, category, source, importance"))
        ->type_name("KEY[,KEY]")
        ->expected(1)
        ->allow_extra_args(false)  // one word per --by (split at commas later): a filter term after it stays one
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--period", args->period, tr("Only projects whose date falls in P: 2026, 2026Q4 or 2026-11"))->type_name("P");
    cmd->add_option("--from", args->from, tr("Only dates on or after DATE"))->type_name("DATE")->check(date_value());
    cmd->add_option("--to", args->to, tr("Only dates before DATE (the first day after the range)"))->type_name("DATE")->check(date_value());
    add_table_options(*cmd, args->query);
    cmd->callback([args, &ctx] {
        resolve_output_format(args->query);
        ctx.exit_code = run_diff(*args, ctx);
    });
}

}  // namespace pipeline::cli
