// pipeline close ID --won|--lost|--abandoned: record the outcome of a project.
#include <memory>

#include "command.hpp"
#include "project_command.hpp"

namespace pipeline::cli {
namespace {

struct CloseArgs {
    std::string id, reason, approved_by;
    bool won = false, lost = false, abandoned = false, force = false;
    MoveOptions move;
};

int run_close(const CloseArgs& args, const Context& ctx) {
    if (args.won + args.lost + args.abandoned != 1)
        throw Failure(exit_status::usage, tr("close needs exactly one of --won, --lost, --abandoned"));
    OneProject one = open_project(ctx, args.id, true);
    const Project& p = project_to_change(one);
    CloseRequest request;
    request.outcome = args.won ? Status::won : args.lost ? Status::lost : Status::abandoned;
    request.date = date_or_today(ctx, args.move.date);
    request.by = who(one.process, args.move.by, p.owner, "--by");
    request.note = args.move.note;
    request.reason = args.reason;
    request.approved_by = roster_id(one.process, args.approved_by, "--approved-by");
    request.force = args.force;
    return carry_out("close", one, plan_close(p, one.process, ctx.today(), request), args.move);
}

}  // namespace

void setup_close(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<CloseArgs>();
    CLI::App* cmd = app.add_subcommand("close", tr("Close a project as won, lost or abandoned"));
    cmd->add_option("id", args->id, tr("Project id"))->required()->type_name("ID");
    cmd->add_flag("--won", args->won, tr("Won: needs the gates up to and including the final stage's (contract signed)"));
    cmd->add_flag("--lost", args->lost, tr("Lost to a competitor or cancelled by the customer (needs --reason)"));
    cmd->add_flag("--abandoned", args->abandoned, tr("Given up by us (needs --reason and --approved-by)"));
    cmd->add_option("--reason", args->reason, tr("Why it closed, recorded as close_reason"))->type_name("TEXT")->check(written_text());
    cmd->add_option("--approved-by", args->approved_by, tr("Who approved the termination (with --abandoned)"))->type_name("WHO")->check(written_text());
    cmd->add_flag("--force", args->force, tr("Close as won although gates do not hold (needs --reason; recorded)"));
    add_move_options(cmd, args->move);
    cmd->callback([args, &ctx] { ctx.exit_code = run_close(*args, ctx); });
}

}  // namespace pipeline::cli
