#include "project_command.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "pipeline/change/project_edit.hpp"
#include "pipeline/yaml/edit_diff.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/repository.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

void print_findings(const Diagnostics& findings) {
    Diagnostics sorted = findings;
    sorted.sort();
    print_error(render_diagnostics_text(sorted, nullptr));
}

}  // namespace

OneProject open_project(const Context& ctx, const std::string& id, bool to_change) {
    if (!valid_project_id(id))
        throw Failure(exit_status::usage, trf("\"{}\" is not a project id: an id matches [A-Za-z0-9][A-Za-z0-9._-]* "
                                                      "(no separators, no \"..\")", id));
    OneProject one;
    one.root = ctx.repository_root();
    one.process = ctx.load_process(one.root);
    one.path = project_path_for(one.root, id);
    const fs::path file = one.root / one.path;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw Failure(exit_status::usage, trf("no project {}: there is no projects/**/{}.yaml", id, id));
    if (auto why = link_refusal(one.root, file); why && *why != kLeadsOut)
        throw Failure(exit_status::usage, fmt::format("{}: {}", one.path, why->local()));
    if (!inside_repository(one.root, file))
        throw Failure(exit_status::findings,
                      trf("{} is a symbolic link that leads out of the repository; not read", one.path));
    std::optional<std::string> text;
    if (to_change) {
        auto locked = LockedFile::open(file, one.process.rules.max_file_size, one.path);
        if (auto* error = std::get_if<IoError>(&locked)) throw Failure(exit_status::findings, error->message);
        one.lock = std::move(std::get<LockedFile>(locked));
        text = one.lock->bytes();
    } else {
        text = read_text_file(file, one.path, one.process.rules.max_file_size, one.findings);
    }
    if (text) {
        one.bom = text->starts_with(kByteOrderMark);
        if (prepare_text(*text, one.path, one.findings)) {
            one.text = std::move(*text);
            one.project = load_project(one.text, one.path, one.process, one.findings);
            if (one.project) mark_document_files(one.root, *one.project);
            // What is shown names the customer as the master does; a change edits the file as it is.
            if (one.project && !to_change && !one.project->customer.id.empty()) {
                Diagnostics ignored;  // the master's own findings are check's
                std::vector<Project> just{std::move(*one.project)};
                resolve_customers(just, load_customer_master(one.root, one.process, {}, ignored));
                one.project = std::move(just.front());
            }
        }
    }
    if (!one.project) {
        print_findings(one.findings);
        throw Failure(exit_status::findings, trf("{} cannot be read as a project; fix the findings above", one.path));
    }
    return one;
}

void add_move_options(CLI::App* cmd, MoveOptions& o) {
    cmd->add_option("--date", o.date, tr("Date of the move (default: today)"))->type_name("DATE")->check(date_value());
    cmd->add_option("--by", o.by, tr("Who makes the move (default: $PIPELINE_USER, else the owner)"))->type_name("WHO")->check(written_text());
    cmd->add_option("--note", o.note, tr("Why, recorded in the history entry"))->type_name("TEXT")->check(written_text());
    cmd->add_flag("--dry-run", o.dry_run, tr("Show the change without writing it"));
    cmd->add_option("--format", o.format, tr("Output format: text or json"))->type_name("FORMAT")->check(format_choice({"text", "json"}));
}

Date date_or_today(const Context& ctx, const std::string& value) {
    return value.empty() ? ctx.today() : *Date::parse(value);  // checked by date_value()
}

std::string roster_id(const Process& process, const std::string& written, std::string_view what) {
    if (written.empty()) return written;
    std::optional<Text> problem;
    std::string id = process.person_id(written, Text(std::string(what)), problem);
    if (problem) throw Failure(exit_status::usage, problem->local());
    return id;
}

std::string who(const Process& process, const std::string& by, const std::string& fallback, std::string_view option) {
    if (!by.empty()) return roster_id(process, by, option);
    if (const char* user = std::getenv("PIPELINE_USER"); user && *user) {
        if (std::string problem = written_text_problem(user); !problem.empty())
            throw Failure(exit_status::usage, trf("PIPELINE_USER: {}", problem));
        return roster_id(process, user, "PIPELINE_USER");
    }
    return fallback;
}

const Project& project_to_change(const OneProject& one) {
    if (one.findings.has_errors()) {
        print_findings(one.findings);
        throw Failure(exit_status::findings,
                      trf("{} has errors; fix them before changing the project (pipeline check {})", one.path, one.path));
    }
    return *one.project;
}

int report_refusal(const std::string& command, const std::string& id, const std::string& path, const Refusal& r,
                   const Process& process, const std::string& format) {
    if (format == "json") print(render_refusal_json(command, id, path, r, process));
    else print_error("pipeline: " + render_refusal_text(r, process));
    return exit_status::findings;
}

int carry_out(const std::string& command, OneProject& one, const MoveResult& result, const MoveOptions& options) {
    const Project& before = *one.project;
    if (const Refusal* r = std::get_if<Refusal>(&result))
        return report_refusal(command, before.id, one.path, *r, one.process, options.format);
    const PlannedChange& change = std::get<PlannedChange>(result);
    EditResult edited = edit_project_text(one.text, one.path, one.process, change.edit, change.after);
    if (const EditError* e = std::get_if<EditError>(&edited))
        throw Failure(exit_status::findings, trf("cannot change {} safely: {}; nothing written", one.path, e->message));
    auto splices = plan_splices(one.text, change.edit);
    ChangeOutput out{command, &before, &change, one.path, options.dry_run,
                     diff_hunks(one.text, std::get<std::vector<Splice>>(splices))};
    const std::string bytes = (one.bom ? std::string(kByteOrderMark) : std::string()) + std::get<std::string>(edited);
    // Never a file that loading would refuse (too large, not UTF-8): the edit is refused instead.
    if (auto why = refused_text(bytes, one.process.rules.max_file_size))
        throw Failure(exit_status::findings, trf("cannot change {}: {}; nothing written", one.path, *why));
    if (!options.dry_run) {
        if (auto error = one.lock->replace(bytes)) throw Failure(exit_status::findings, error->message);
        if (!one.lock->note().empty()) print_error(fmt::format("pipeline: warning: {}: {}\n", one.path, one.lock->note()));
    }
    print(options.format == "json" ? render_change_json(out, one.process) : render_change_text(out, one.process));
    return exit_status::ok;
}

}  // namespace pipeline::cli
