// pipeline list: one project a line.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/table.hpp"

namespace pipeline::cli {
namespace {

struct ListArgs {
    std::string format = "text";
};

int run_list(const ListArgs& args, const Context& ctx) {
    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Process& process = *repo.process;
    Table table;
    table.columns = {{"id"}, {"stage"}, {"status"}, {"owner"}, {"amount", Align::right}, {"close"}, {"name"}};
    for (const Project& p : repo.projects) {
        const std::optional<Date> close = p.status == Status::open ? p.expected_close : p.closed_on;
        table.rows.push_back({p.id, p.stage >= 0 ? process.stages[p.stage].name : p.stage_text, status_id(p.status),
                              p.owner, format_money(p.amount), close ? close->iso() : "", p.name});
    }
    if (args.format == "csv") print(render_csv(table));
    else if (args.format == "markdown") print(render_markdown(table));
    else print(render_text(table));
    return exit_status::ok;
}

}  // namespace

void setup_list(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = app.add_subcommand("list", "List projects, one a line");
    cmd->add_option("--format", args->format, "Output format: text, markdown or csv")
        ->type_name("FORMAT")
        ->check(format_choice({"text", "markdown", "csv"}));
    cmd->callback([args, &ctx] { ctx.exit_code = run_list(*args, ctx); });
}

}  // namespace pipeline::cli
