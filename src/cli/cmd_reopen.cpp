// pipeline reopen ID --note TEXT: open a closed project again, in the stage it closed from.
#include <memory>

#include "command.hpp"
#include "project_command.hpp"

namespace pipeline::cli {
namespace {

struct ReopenArgs {
    std::string id, expected_close;
    MoveOptions move;
};

int run_reopen(const ReopenArgs& args, const Context& ctx) {
    OneProject one = open_project(ctx, args.id, true);
    const Project& p = project_to_change(one);
    ReopenRequest request;
    request.date = date_or_today(ctx, args.move.date);
    request.by = who(one.process, args.move.by, p.owner, "--by");
    request.note = args.move.note;
    if (!args.expected_close.empty()) request.expected_close = date_or_today(ctx, args.expected_close);
    return carry_out("reopen", one, plan_reopen(p, one.process, ctx.today(), request), args.move);
}

}  // namespace

void setup_reopen(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ReopenArgs>();
    CLI::App* cmd = app.add_subcommand("reopen", tr("Open a closed project again (needs --note)"));
    cmd->add_option("id", args->id, tr("Project id"))->required()->type_name("ID");
    cmd->add_option("--expected-close", args->expected_close, tr("New expected close date (needed when the file has none)"))
        ->type_name("DATE")->check(date_value());
    add_move_options(cmd, args->move);
    cmd->callback([args, &ctx] { ctx.exit_code = run_reopen(*args, ctx); });
}

}  // namespace pipeline::cli
