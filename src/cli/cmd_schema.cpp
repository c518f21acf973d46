// pipeline schema [project|config] [--write]: the JSON Schemas editors validate and complete with.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "schema_files.hpp"

namespace pipeline::cli {
namespace {

struct SchemaArgs {
    std::string kind;  // empty: project (or both with --write)
    bool write = false;
};

int run_schema(const SchemaArgs& args, const Context& ctx) {
    const std::filesystem::path root = ctx.repository_root();
    const Process process = ctx.load_process(root);
    std::vector<SchemaKind> kinds;
    if (args.kind != "config") kinds.push_back(SchemaKind::project);
    if (args.kind == "config" || (args.kind.empty() && args.write)) kinds.push_back(SchemaKind::config);
    if (!args.write) {
        print(schema_text(kinds.front(), process));
        return exit_status::ok;
    }
    for (SchemaKind kind : kinds) {
        if (auto error = write_schema(root, kind, process)) throw Failure(exit_status::findings, *error);
        print(trf("wrote {}\n", schema_path(kind)));
    }
    return exit_status::ok;
}

}  // namespace

void setup_schema(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<SchemaArgs>();
    CLI::App* cmd = app.add_subcommand("schema", tr("Print the JSON Schema of project files or of pipeline.yaml, or write both for editors"));
    cmd->add_option("kind", args->kind, tr("project (the default) or config"))
        ->type_name("KIND")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                return value == "project" || value == "config" ? "" : trf("unknown schema \"{}\" (project or config)", value);
            },
            "", "schema kind"));
    cmd->add_flag("--write", args->write, tr("Write the schemas into schemas/ of the repository (both, unless KIND is given)"));
    cmd->callback([args, &ctx] { ctx.exit_code = run_schema(*args, ctx); });
}

}  // namespace pipeline::cli
