// pipeline new ID: create projects/ID.yaml from a template, in the first stage.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/change/project_template.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/store/atomic_write.hpp"
#include "pipeline/store/repository.hpp"
#include "project_command.hpp"
#include "schema_files.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

struct NewArgs {
    std::string id, name, customer, owner, amount, currency, expected_close, industry, source, folder, date, by;
    std::string format = "text";
    bool dry_run = false;
};

// projects/FOLDER/ID.yaml: every part of FOLDER a plain name, like an id.
std::string new_path(const NewArgs& args) {
    std::string folder;
    if (!args.folder.empty()) {
        for (const auto& part : fs::path(args.folder)) {
            const std::string name = part.string();
            if (name.empty()) continue;
            if (!valid_project_id(name))
                throw Failure(exit_status::usage, trf("--folder {}: \"{}\" is not a plain folder name (letters, digits, "
                                                              "., _ and -; no \"..\")", args.folder, name));
            if (reserved_file_name(name))
                throw Failure(exit_status::usage, trf("--folder {}: \"{}\" is a name Windows keeps for a device (CON, NUL, COM1 ...): "
                                                      "the folder could not be checked out there", args.folder, name));
            folder += name + "/";
        }
    }
    return "projects/" + folder + args.id + ".yaml";
}

int run_new(const NewArgs& args, const Context& ctx) {
    if (!valid_project_id(args.id))
        throw Failure(exit_status::usage, trf("\"{}\" is not a project id: an id matches [A-Za-z0-9][A-Za-z0-9._-]* "
                                                      "(no separators, no \"..\")", args.id));
    if (reserved_file_name(args.id))
        throw Failure(exit_status::usage, trf("\"{}\" is a name Windows keeps for a device (CON, NUL, COM1 ...): its file "
                                              "could not be checked out there", args.id));
    const fs::path root = ctx.repository_root();
    const Process process = ctx.load_process(root);
    const std::string path = new_path(args);
    auto money = parse_money(args.amount);
    if (auto* e = std::get_if<ParseError>(&money))
        throw Failure(exit_status::usage, trf("--amount: \"{}\" {}", args.amount, e->message));
    NewProjectRequest request;
    request.id = args.id;
    request.name = args.name;
    request.customer = args.customer;
    request.owner = who(process, args.owner, "", "--owner");
    if (request.owner.empty()) throw Failure(exit_status::usage, tr("--owner is needed (or set PIPELINE_USER)"));
    request.by = who(process, args.by, request.owner, "--by");
    request.industry = args.industry;
    request.source = args.source;
    request.currency = args.currency;
    request.amount = std::get<Money>(money);
    request.expected_close = date_or_today(ctx, args.expected_close);
    request.date = date_or_today(ctx, args.date);
    if (has_schema(root, SchemaKind::project)) request.schema = schema_reference(path, SchemaKind::project);

    std::error_code ec;
    // From looking for the id to linking the new file, no other `pipeline new` of this
    // repository runs: two at once with one id in two folders would both find it free.
    std::optional<FolderLock> creating;
    if (!args.dry_run) {
        fs::create_directories(root / "projects", ec);
        auto lock = FolderLock::acquire(root / "projects", "projects/");
        if (auto* e = std::get_if<IoError>(&lock)) throw Failure(exit_status::findings, trf("{}; nothing written", e->message));
        creating.emplace(std::move(std::get<FolderLock>(lock)));
    }
    const std::string existing = project_path_for(root, args.id);
    if (fs::exists(root / existing, ec) || fs::exists(root / path, ec)) {
        const std::string found = fs::exists(root / existing, ec) ? existing : path;
        Refusal r{"exists", say("project {} already exists: {}; nothing written", args.id, found), {}, {}};
        return report_refusal("new", args.id, found, r, process, args.format);
    }
    if (!inside_repository(root, root / path))
        throw Failure(exit_status::findings,
                      trf("{}: a symbolic link on the way leads out of the repository; nothing written", path));
    auto planned = plan_new(request, process, ctx.today(), path);
    if (const Refusal* r = std::get_if<Refusal>(&planned)) return report_refusal("new", args.id, path, *r, process, args.format);
    const NewProject& created = std::get<NewProject>(planned);
    if (!args.dry_run) {
        fs::create_directories((root / path).parent_path(), ec);
        if (ec) throw Failure(exit_status::findings, trf("cannot create {}: {}", fs::path(path).parent_path().string(), ec.message()));
        if (auto error = create_file(root / path, created.text)) {
            std::string message = error->message;
            if (auto at = message.find((root / path).string()); at != std::string::npos)
                message.replace(at, (root / path).string().size(), path);
            throw Failure(exit_status::findings, message);
        }
    }
    print(args.format == "json" ? render_new_json(created.project, path, created.text, process, args.dry_run)
                                : render_new_text(created.project, path, created.text, process, args.dry_run));
    return exit_status::ok;
}

}  // namespace

void setup_new(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<NewArgs>();
    CLI::App* cmd = app.add_subcommand("new", tr("Create a project file in the first stage, with guidance for every field"));
    cmd->add_option("id", args->id, tr("Project id: [A-Za-z0-9][A-Za-z0-9._-]*"))->required()->type_name("ID");
    cmd->add_option("--name", args->name, tr("Project name"))->required()->type_name("TEXT")->check(written_text());
    cmd->add_option("--customer", args->customer, tr("Customer name"))->required()->type_name("TEXT")->check(written_text());
    cmd->add_option("--owner", args->owner, tr("Owner, a roster id or name (default: $PIPELINE_USER)"))->type_name("WHO")->check(written_text());
    cmd->add_option("--amount", args->amount, tr("Expected contract amount, e.g. 1280000 or 1280000.50"))
        ->required()
        ->type_name("AMOUNT");
    cmd->add_option("--currency", args->currency, tr("Currency of the amount (default: the base currency)"))->type_name("CODE")->check(written_text());
    cmd->add_option("--expected-close", args->expected_close, tr("Expected signing date"))->required()->type_name("DATE")->check(date_value());
    cmd->add_option("--industry", args->industry, tr("Customer industry"))->type_name("TEXT")->check(written_text());
    cmd->add_option("--source", args->source, tr("Lead source, e.g. 展会 (the first gate asks for it)"))->type_name("TEXT")->check(written_text());
    cmd->add_option("--folder", args->folder, tr("Sub-folder of projects/ to create the file in"))->type_name("DIR")->check(written_text());
    cmd->add_option("--date", args->date, tr("Date of the first history entry (default: today)"))->type_name("DATE")->check(date_value());
    cmd->add_option("--by", args->by, tr("Who records it (default: $PIPELINE_USER, else the owner)"))->type_name("WHO")->check(written_text());
    cmd->add_flag("--dry-run", args->dry_run, tr("Print the file instead of writing it"));
    cmd->add_option("--format", args->format, tr("Output format: text or json"))->type_name("FORMAT")->check(format_choice({"text", "json"}));
    cmd->callback([args, &ctx] { ctx.exit_code = run_new(*args, ctx); });
}

}  // namespace pipeline::cli
