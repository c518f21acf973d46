// pipeline import FILE --map MAP: the rows of a CRM export or a spreadsheet become project
// files (and customer files, when the repository keeps a customer master), all or none.
#include <algorithm>
#include <filesystem>
#include <memory>

#include "command.hpp"
#include "held_signals.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/change/project_import.hpp"
#include "pipeline/check/customer_check.hpp"
#include "pipeline/model/import_map.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/import_render.hpp"
#include "pipeline/store/atomic_write.hpp"
#include "pipeline/store/change_set.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/table_read.hpp"
#include "project_command.hpp"
#include "schema_files.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

// An export is read whole: past this it is no export of a sales team.
constexpr std::size_t kMaxExportSize = 256u << 20;

struct ImportArgs {
    std::string file, map, folder, date, by, encoding, sheet;
    std::string customer_prefix = "C-";
    std::string format = "text";
    bool dry_run = false, skip_bad = false;
};

fs::path resolved(const Context& ctx, const std::string& path) {
    const fs::path p(path);
    return p.is_absolute() ? p : ctx.working_directory() / p;
}

// projects/FOLDER/: every part of FOLDER a plain name, like an id.
std::string folder_of(const std::string& folder) {
    std::string out = "projects/";
    for (const auto& part : fs::path(folder)) {
        const std::string name = part.string();
        if (name.empty()) continue;
        if (!valid_project_id(name))
            throw Failure(exit_status::usage, trf("--folder {}: \"{}\" is not a plain folder name (letters, digits, "
                                                  "., _ and -; no \"..\")", folder, name));
        if (reserved_file_name(name))
            throw Failure(exit_status::usage, trf("--folder {}: \"{}\" is a name Windows keeps for a device (CON, NUL, COM1 ...): "
                                                  "the folder could not be checked out there", folder, name));
        out += name + "/";
    }
    return out;
}

// The map or the export cannot be read: its findings (as JSON on stdout with --format json, like
// every other outcome of an import), then the message.
// Whether the repository keeps a customer master: new customers get files there.
bool request_customer_master(const fs::path& root) {
    std::error_code ec;
    return fs::is_directory(root / "customers", ec);
}

void stop_with(const Diagnostics& problems, const std::string& message, const ImportArgs& args) {
    ImportPlan failed;
    for (const Diagnostic& d : problems.items())
        if (d.severity == Severity::error) failed.problems.add(d);
    failed.problems.sort();
    failed.fatal = true;
    if (args.format == "json") print(render_import_json(failed, args.file, "", args.dry_run, false));
    else print_error(render_diagnostics_text(failed.problems, nullptr));
    throw Failure(exit_status::findings, message);
}

int run_import(const ImportArgs& args, const Context& ctx) {
    const fs::path root = ctx.repository_root();
    const std::string folder = folder_of(args.folder);
    std::optional<TextEncoding> encoding;
    if (!args.encoding.empty() && !(encoding = parse_text_encoding(args.encoding)))
        throw Failure(exit_status::usage, trf("--encoding {}: none of auto, utf-8, gb18030 (gbk)", args.encoding));
    if (!valid_project_id(args.customer_prefix + "0001"))
        throw Failure(exit_status::usage, trf("--customer-prefix {}: the ids made from it would not be valid customer ids "
                                              "(letters, digits, ., _ and -, starting with a letter or digit)", args.customer_prefix));
    const Process process = ctx.load_process(root);

    Diagnostics reading;
    const auto map_text = read_text_file(resolved(ctx, args.map), args.map, process.rules.max_file_size, reading);
    if (!map_text) stop_with(reading, tr("the map cannot be read; nothing imported"), args);
    std::string map_bytes = *map_text;
    if (!prepare_text(map_bytes, args.map, reading)) stop_with(reading, tr("the map cannot be read; nothing imported"), args);
    const auto map = load_import_map(map_bytes, args.map, process, reading);
    if (!map) stop_with(reading, tr("the map has errors; nothing imported"), args);

    const auto bytes = read_text_file(resolved(ctx, args.file), args.file, kMaxExportSize, reading);
    if (!bytes) stop_with(reading, tr("the export cannot be read; nothing imported"), args);
    std::optional<ReadTable> table;
    const std::string extension = [&] {
        return ascii_lower(fs::path(args.file).extension().string());
    }();
    if (looks_like_xlsx(*bytes) || extension == ".xlsx")
        table = read_xlsx_table(*bytes, args.file, args.sheet.empty() ? map->sheet : args.sheet, reading);
    else
        table = read_csv_table(*bytes, args.file, encoding ? *encoding : map->encoding, reading);
    if (!table) stop_with(reading, tr("the export cannot be read; nothing imported"), args);

    // No `pipeline new`, extract or other import runs from reading the repository to writing it.
    std::error_code ec;
    std::optional<FolderLock> lock;
    if (!args.dry_run) {
        fs::create_directories(root / "projects", ec);
        auto locked = FolderLock::acquire(root / "projects", "projects/");
        if (auto* e = std::get_if<IoError>(&locked)) throw Failure(exit_status::findings, trf("{}; nothing written", e->message));
        lock.emplace(std::move(std::get<FolderLock>(locked)));
    }
    Repository repo = ctx.load({root, {}, {}});
    // New customers are made beside the master's files: a master that does not load would be
    // written over or named wrongly (as customer extract refuses it, so does the import).
    Diagnostics master, checked;
    if (request_customer_master(root)) check_customers(repo.customers, repo.projects, process, ctx.today(), checked);
    for (const Diagnostics* findings : {&repo.diagnostics, &checked})
        for (const Diagnostic& d : findings->items())
            if (d.severity == Severity::error && (d.path == "customers" || d.path.starts_with("customers/"))) master.add(d);
    if (!master.empty()) stop_with(master, tr("the customer master has errors; fix them first; nothing imported"), args);
    ImportBase base;
    base.projects = &repo.projects;
    base.customers = &repo.customers;
    Diagnostics listing;
    for (const std::string& f : list_project_files(root, listing)) base.files.insert(f);
    if (fs::is_directory(root / "customers", ec))
        for (const std::string& f : list_yaml_files(root, "customers", listing)) base.customer_files.insert(f);

    ImportRequest request;
    request.source = args.file;
    request.source_name = fs::path(args.file).filename().string();
    request.map_source = args.map;
    request.folder = folder;
    request.date = date_or_today(ctx, args.date);
    request.today = ctx.today();
    request.by = args.by.empty() ? "" : who(process, args.by, "", "--by");
    if (!request.by.empty() && !process.person(request.by))
        throw Failure(exit_status::usage, trf("--by {}: not on the roster of pipeline.yaml (people)", args.by));
    if (has_schema(root, SchemaKind::project)) request.schema = schema_reference(folder + "x.yaml", SchemaKind::project);
    request.customer_master = request_customer_master(root);
    request.customer_prefix = args.customer_prefix;
    request.skip_bad = args.skip_bad;
    if (request.date > request.today)
        throw Failure(exit_status::usage, trf("--date {} is after today ({})", request.date.iso(), request.today.iso()));
    for (const std::string& written : {folder, std::string("customers/")})
        if (!inside_repository(root, root / written))
            throw Failure(exit_status::findings, trf("{}: a symbolic link on the way leads out of the repository; nothing written", written));

    ImportPlan plan = plan_import(*table, *map, process, request, base);
    for (const Diagnostic& d : reading.items())
        if (d.severity == Severity::warning) plan.problems.add(d);  // of reading the export (an encoding in doubt)
    const bool json = args.format == "json";
    if (!plan.writable(args.skip_bad)) {
        if (json) print(render_import_json(plan, args.file, table->encoding, args.dry_run, false));
        else print_error(render_diagnostics_text(plan.problems, nullptr));
        if (plan.fatal) {
            const bool map_wrong = std::any_of(plan.problems.items().begin(), plan.problems.items().end(),
                                               [&](const Diagnostic& d) { return d.path == args.map; });
            throw Failure(exit_status::findings, map_wrong ? tr("the map has errors; nothing imported")
                                                           : tr("the export does not fit the map; nothing imported"));
        }
        if (plan.rows == 0) throw Failure(exit_status::findings, trf("{} has a header but no rows; nothing imported", args.file));
        if (plan.projects.empty() && args.skip_bad) throw Failure(exit_status::findings, tr("no row is good; nothing imported"));
        if (plan.rows == 1) throw Failure(exit_status::findings, tr("the export's one row has errors; nothing imported"));
        // The count of rows with errors picks the verb; "rows" is plural either way (1 of 3 rows has).
        throw Failure(exit_status::findings,
                      trnf("{} of {} rows has errors; nothing imported (--skip-bad imports the others)",
                           "{} of {} rows have errors; nothing imported (--skip-bad imports the others)", plan.bad_lines.size(),
                           plan.bad_lines.size(), plan.rows));
    }
    if (!json && !plan.problems.empty()) print_error(render_diagnostics_text(plan.problems, nullptr));

    std::vector<FileChange> changes;
    for (const ImportedCustomer& c : plan.customers) {
        if (auto why = refused_text(c.text, process.rules.max_file_size))
            throw Failure(exit_status::findings, trf("cannot write {}: {}; nothing written", c.path, *why));
        changes.push_back({root / c.path, c.path, std::nullopt, c.text});
    }
    for (const ImportedProject& p : plan.projects) changes.push_back({root / p.path, p.path, std::nullopt, p.text});
    if (!args.dry_run) {
        std::optional<IoError> error;
        {
            const HeldSignals held;  // an interrupt waits until the change is whole, or undone
            error = write_changes(changes, process.rules.max_file_size);
        }
        if (error) throw Failure(exit_status::findings, error->message);
    }
    print(json ? render_import_json(plan, args.file, table->encoding, args.dry_run, true) : render_import_text(plan, args.file, args.dry_run));
    return exit_status::ok;
}

}  // namespace

void setup_import(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "import", tr("Create projects from a CRM export or a spreadsheet (CSV or .xlsx), through a map of its columns"));
    cmd->add_option("file", args->file, tr("The export: .csv (UTF-8 or GB18030/GBK) or .xlsx"))->required()->type_name("FILE")->check(written_text());
    cmd->add_option("--map", args->map, tr("The map: which column holds which field, the export's stages and people (see examples/import/)"))
        ->required()
        ->type_name("MAP.yaml")
        ->check(written_text());
    cmd->add_flag("--dry-run", args->dry_run, tr("Show the files the import would create; write nothing"));
    cmd->add_flag("--skip-bad", args->skip_bad, tr("Import the good rows and list the others with their errors"));
    cmd->add_option("--folder", args->folder, tr("Sub-folder of projects/ to create the files in"))->type_name("DIR")->check(written_text());
    cmd->add_option("--date", args->date, tr("The day of the import, written in each history entry (default: today)"))
        ->type_name("DATE")
        ->check(date_value());
    cmd->add_option("--by", args->by, tr("Who records the import, a roster id or name"))->type_name("WHO")->check(written_text());
    cmd->add_option("--encoding", args->encoding, tr("CSV encoding: auto, utf-8 or gb18030 (default: the map's, else auto)"))
        ->type_name("ENCODING")
        ->check(format_choice({"auto", "utf-8", "gb18030", "gbk"}));
    cmd->add_option("--sheet", args->sheet, tr("The sheet of an .xlsx workbook (default: the map's, else the first)"))
        ->type_name("NAME")
        ->check(written_text());
    cmd->add_option("--customer-prefix", args->customer_prefix,
                    tr("How the ids made for new customers begin (default C-: C-0001, C-0002, ...)"))
        ->type_name("PREFIX")
        ->check(written_text());
    cmd->add_option("--format", args->format, tr("Output format: text or json"))->type_name("FORMAT")->check(format_choice({"text", "json"}));
    cmd->callback([args, &ctx] { ctx.exit_code = run_import(*args, ctx); });
}

}  // namespace pipeline::cli
