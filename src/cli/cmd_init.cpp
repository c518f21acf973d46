// pipeline init [DIR]: create a repository with the default process.
#include <memory>
#include <optional>

#include <sys/stat.h>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/store/atomic_write.hpp"
#include "pipeline/store/file_read.hpp"
#include "schema_files.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

struct InitArgs {
    std::string directory = ".";
    std::optional<std::string> process;  // --process NAME: a shape of examples/processes/; none: the default
};

// The text of the process init writes: the default, commented in the reader's language, or a
// ready shape of the manuals by name.
std::string_view process_text(const std::optional<std::string>& name) {
    if (!name) return default_process_text(current_language());
    for (const ProcessShape& shape : process_shapes())
        if (shape.name == *name) return shape.text;
    std::vector<std::string> names;
    for (const ProcessShape& shape : process_shapes()) names.emplace_back(shape.name);
    throw Failure(exit_status::usage, trf("unknown process \"{}\"; the processes are {}", *name, join(names)));
}

// What is at `path` without following a link: nothing, a regular file, or something else.
enum class Found { nothing, file, folder, link, other };

Found look(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return Found::nothing;
    if (S_ISLNK(st.st_mode)) return Found::link;
    if (S_ISREG(st.st_mode)) return Found::file;
    if (S_ISDIR(st.st_mode)) return Found::folder;
    return Found::other;
}

[[noreturn]] void refuse(const std::string& message) { throw Failure(exit_status::findings, trf("{}; nothing written", message)); }

int run_init(const InitArgs& args, const Context& ctx) {
    // Messages name paths as the user gave the folder.
    auto shown = [&](std::string_view name) {
        return (args.directory == "." ? fs::path(name) : fs::path(args.directory) / name).lexically_normal().string();
    };
    const fs::path base = ctx.working_directory();
    const fs::path dir = (fs::path(args.directory).is_absolute() ? fs::path(args.directory) : base / args.directory).lexically_normal();
    // Everything that could stop init is looked at before anything is written.
    switch (look(dir / "pipeline.yaml")) {
        case Found::nothing: break;
        case Found::link: refuse(trf("{} is a symbolic link; init does not write through links", shown("pipeline.yaml")));
        default: refuse(trf("{} already exists", shown("pipeline.yaml")));
    }
    const fs::path ignore = dir / ".gitignore";
    const Found ignore_kind = look(ignore);
    if (ignore_kind == Found::link) refuse(trf("{} is a symbolic link; init does not write through links", shown(".gitignore")));
    if (ignore_kind != Found::nothing && ignore_kind != Found::file) refuse(trf("{} is not a regular file", shown(".gitignore")));
    for (const char* folder : {"projects", ".pipeline", "schemas"}) {
        const Found f = look(dir / folder);
        if (f == Found::link)
            refuse(trf("{} is a symbolic link; make it a folder of the repository (or remove it)", shown(folder)));
        if (f != Found::nothing && f != Found::folder) refuse(trf("{} exists and is not a folder", shown(folder)));
    }
    std::string existing;
    if (ignore_kind == Found::file) {
        Diagnostics read;
        auto text = read_text_file(ignore, shown(".gitignore"), 1u << 20, read);
        if (!text)
            refuse(read.items().empty() ? trf("cannot read {}", shown(".gitignore"))
                                        : fmt::format("{}: {}", shown(".gitignore"), read.items().front().shown_message()));
        existing = std::move(*text);
    }
    Diagnostics ignored;
    const std::string_view chosen = process_text(args.process);
    const std::optional<Process> process = load_process(chosen, "pipeline.yaml", ignored);
    if (!process) throw std::logic_error("the default process does not load");

    std::error_code ec;
    for (const char* folder : {"projects", ".pipeline"}) {
        fs::create_directories(dir / folder, ec);
        if (ec) refuse(trf("cannot create {}: {}", shown(folder), ec.message()));
    }
    const std::string text = "# yaml-language-server: $schema=" + schema_reference("pipeline.yaml", SchemaKind::config) + "\n" +
                             std::string(chosen);
    if (auto error = create_file(dir / "pipeline.yaml", text)) throw Failure(exit_status::findings, error->message);
    for (SchemaKind kind : {SchemaKind::project, SchemaKind::config})
        if (auto error = write_schema(dir, kind, *process)) throw Failure(exit_status::findings, *error);
    // .gitignore: add the cache folder, keeping whatever the file already says.
    if (existing.find(".pipeline/") == std::string::npos) {
        if (!existing.empty() && existing.back() != '\n') existing += '\n';
        existing += "# pipeline's cache of loaded projects\n.pipeline/\n";
        if (auto error = write_output_file(ignore, existing, shown(".gitignore"))) throw Failure(exit_status::findings, error->message);
    }
    if (args.process) {
        // TRANSLATORS: {0} the folder, {1} the name of a ready process (examples/processes/NAME).
        print(trf("initialised a pipeline repository in {0} with the process {1}\n"
                  "  pipeline.yaml   the process {1} of the manuals (edit people and targets)\n"
                  "  projects/       one YAML file per sales project (pipeline new ID)\n"
                  "  schemas/        JSON Schemas for editors (pipeline schema --write renews them)\n",
                  args.directory == "." ? dir.string() : args.directory, *args.process));
        return exit_status::ok;
    }
    print(trf("initialised a pipeline repository in {}\n"
              "  pipeline.yaml   the process: seven stages, gates, rules (edit people and targets)\n"
              "  projects/       one YAML file per sales project (pipeline new ID)\n"
              "  schemas/        JSON Schemas for editors (pipeline schema --write renews them)\n",
              args.directory == "." ? dir.string() : args.directory));
    return exit_status::ok;
}

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<InitArgs>();
    CLI::App* cmd = app.add_subcommand("init", tr("Create pipeline.yaml with the default process, projects/, schemas/ and .gitignore"));
    cmd->add_option("dir", args->directory, tr("Folder to initialise (default: the current one)"))->type_name("DIR");
    cmd->add_option("--process", args->process,
                    tr("Start from a ready process of the manuals: sop-lifecycle, generic-seven or presales-six"))
        ->type_name("NAME");
    cmd->callback([args, &ctx] { ctx.exit_code = run_init(*args, ctx); });
}

}  // namespace pipeline::cli
