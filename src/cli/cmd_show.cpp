// pipeline show ID: one project for a person — where it stands, what it is worth, and the
// checklist of the gate it must pass next.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/figures/project_view.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "project_command.hpp"
#include "query_options.hpp"

namespace pipeline::cli {
namespace {

struct ShowArgs {
    std::string id;
    std::string format = "text";
    std::string output;                 // -o FILE
};

int run_show(const ShowArgs& args, const Context& ctx) {
    OneProject one = open_project(ctx, args.id, false);
    const Date today = ctx.today();
    const Project& p = *one.project;
    if (!one.findings.empty()) {
        Diagnostics sorted = one.findings;
        sorted.sort();
        print_error(render_diagnostics_text(sorted, nullptr) +
                    trf("pipeline: {} has findings; what follows may be incomplete (pipeline check {})\n", one.path,
                                one.path));
    }
    const ProjectView view = view_project(p, one.process, today);
    write_output(args.output,
                 args.format == "json" ? render_show_json(p, view, one.process, today) : render_show_text(p, view, one.process, today),
                 ctx);
    return exit_status::ok;
}

}  // namespace

void setup_show(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ShowArgs>();
    CLI::App* cmd = app.add_subcommand("show", tr("Show one project: stage, value, the checklist of its next gate, risks, payments"));
    cmd->add_option("id", args->id, tr("Project id"))->required()->type_name("ID");
    cmd->add_option("--format", args->format, tr("Output format: text or json"))
        ->type_name("FORMAT")
        ->check(format_choice({"text", "json"}));
    add_output_option(*cmd, args->output);
    cmd->callback([args, cmd, &ctx] {
        args->format = format_for_output(args->output, args->format, cmd->count("--format") > 0, {"text", "json"});
        ctx.exit_code = run_show(*args, ctx);
    });
}

}  // namespace pipeline::cli
