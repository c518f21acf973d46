// pipeline init [DIR]: create a repository with the default process.
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/model/process.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

struct InitArgs {
    std::string directory = ".";
};

void write_new_file(const fs::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw Failure(exit_status::findings, fmt::format("cannot write {}", file.string()));
}

int run_init(const InitArgs& args, const Context& ctx) {
    const fs::path base = ctx.working_directory();
    const fs::path dir = (fs::path(args.directory).is_absolute() ? fs::path(args.directory) : base / args.directory).lexically_normal();
    std::error_code ec;
    if (fs::exists(dir / "pipeline.yaml", ec))
        throw Failure(exit_status::findings, fmt::format("{} already holds a pipeline.yaml; nothing written", dir.string()));
    fs::create_directories(dir / "projects", ec);
    if (!ec) fs::create_directories(dir / ".pipeline", ec);
    if (ec) throw Failure(exit_status::findings, fmt::format("cannot create {}: {}", dir.string(), ec.message()));
    write_new_file(dir / "pipeline.yaml", default_process_text());
    // .gitignore: add the cache folder, keeping whatever the file already says.
    const fs::path ignore = dir / ".gitignore";
    std::string existing;
    if (std::ifstream in{ignore, std::ios::binary}) existing.assign(std::istreambuf_iterator<char>(in), {});
    if (existing.find(".pipeline/") == std::string::npos) {
        if (!existing.empty() && existing.back() != '\n') existing += '\n';
        existing += "# pipeline's cache of loaded projects\n.pipeline/\n";
        write_new_file(ignore, existing);
    }
    print(fmt::format("initialised a pipeline repository in {}\n"
                      "  pipeline.yaml   the process: seven stages, gates, rules (edit people and targets)\n"
                      "  projects/       one YAML file per sales project (pipeline new ID)\n",
                      dir.string()));
    return exit_status::ok;
}

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<InitArgs>();
    CLI::App* cmd = app.add_subcommand("init", "Create pipeline.yaml with the default process, projects/ and .gitignore");
    cmd->add_option("dir", args->directory, "Folder to initialise (default: the current one)")->type_name("DIR");
    cmd->callback([args, &ctx] { ctx.exit_code = run_init(*args, ctx); });
}

}  // namespace pipeline::cli
