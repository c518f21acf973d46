// pipeline advance ID: move a project to its next stage (or --to one), through its gates.
#include <memory>

#include "command.hpp"
#include "project_command.hpp"

namespace pipeline::cli {
namespace {

struct AdvanceArgs {
    std::string id, to, reason;
    bool force = false;
    MoveOptions move;
};

int run_advance(const AdvanceArgs& args, const Context& ctx) {
    OneProject one = open_project(ctx, args.id, true);
    const Project& p = project_to_change(one);
    AdvanceRequest request;
    request.to = args.to;
    request.date = date_or_today(ctx, args.move.date);
    request.by = who(one.process, args.move.by, p.owner, "--by");
    request.note = args.move.note;
    request.force = args.force;
    request.force_reason = args.reason;
    return carry_out("advance", one, plan_advance(p, one.process, ctx.today(), request), args.move);
}

}  // namespace

void setup_advance(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<AdvanceArgs>();
    CLI::App* cmd = app.add_subcommand("advance", tr("Move a project to its next stage, or --to another, if the gates allow"));
    cmd->add_option("id", args->id, tr("Project id"))->required()->type_name("ID");
    cmd->add_option("--to", args->to, tr("Target stage, by id or display name (default: the next stage)"))->type_name("STAGE")->check(written_text());
    cmd->add_flag("--force", args->force, tr("Move although gates do not hold (needs --reason; recorded)"));
    cmd->add_option("--reason", args->reason, tr("Why the gate is overridden (with --force)"))->type_name("TEXT")->check(written_text());
    add_move_options(cmd, args->move);
    cmd->callback([args, &ctx] { ctx.exit_code = run_advance(*args, ctx); });
}

}  // namespace pipeline::cli
