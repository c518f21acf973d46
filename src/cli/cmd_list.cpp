// pipeline list [FILTER...]: one project a line.
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/figures/as_of.hpp"
#include "pipeline/render/list_render.hpp"
#include "query_options.hpp"

namespace pipeline::cli {
namespace {

int run_list(QueryOptions& args, const Context& ctx) {
    resolve_output_format(args);
    const std::optional<Date> as_of = parse_as_of(args);
    check_bom(args);
    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Process& process = *repo.process;
    const Query query = parse_filter(args, process);
    std::vector<Project> projects = std::move(repo.projects);
    if (as_of) projects = projects_as_of(projects, *as_of, process);
    std::erase_if(projects, [&](const Project& p) { return !matches(query, p, process); });
    if (args.format == "xlsx") {
        const Sheet sheet{tr("Projects"), {}, project_list_table(projects, process, true, display_unit(args, process))};
        write_workbook(args, {{sheet}}, ctx);
    } else {
        write_output(args.output,
                     args.format == "json"
                         ? render_project_list_json(projects, process, as_of, args.filter)
                         : render_table(project_list_table(projects, process, args.format == "csv", display_unit(args, process)),
                                        args),
                     ctx);
    }
    // The list shows what could be read; a file that could not is worth a word.
    if (repo.diagnostics.has_errors())
        print_error(fmt::format("pipeline: warning: {}\n", tr("some project files have errors and may be missing or incomplete "
                                                             "here; run `pipeline check`")));
    keep_until_exit(std::move(projects));
    return exit_status::ok;
}

}  // namespace

void setup_list(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<QueryOptions>();
    CLI::App* cmd = app.add_subcommand("list", tr("List projects, one a line"));
    add_query_options(*cmd, *args);
    cmd->callback([args, &ctx] { ctx.exit_code = run_list(*args, ctx); });
}

}  // namespace pipeline::cli
