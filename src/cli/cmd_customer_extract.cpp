// pipeline customer extract: the customers written into projects move into the customer master,
// and the projects refer to them by id; every other byte of the project files stays.
#include <filesystem>
#include <memory>
#include <set>


#include <fmt/format.h>

#include "command.hpp"
#include "held_signals.hpp"
#include "query_options.hpp"
#include "pipeline/change/customer_extract.hpp"
#include "pipeline/check/customer_check.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/extract_render.hpp"
#include "pipeline/store/change_set.hpp"
#include "pipeline/store/file_read.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

struct ExtractArgs {
    QueryOptions query;
    std::vector<std::string> ids;       // NAME=ID
    std::string prefix = "C-";
    std::string format = "text";
    bool dry_run = false;
};

ExtractRequest request_of(const ExtractArgs& args) {
    ExtractRequest r;
    r.prefix = args.prefix;
    for (const std::string& pair : args.ids) {
        const std::size_t eq = pair.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
            throw Failure(exit_status::usage, trf("--id {}: write the customer's name, '=' and its id (--id 海川学院=HZ-HCXY)", pair));
        const auto [at, added] = r.ids.emplace(pair.substr(0, eq), pair.substr(eq + 1));
        if (!added && at->second != pair.substr(eq + 1))
            throw Failure(exit_status::usage, trf("--id {}: {} is given the id {} already", pair, at->first, at->second));
    }
    return r;
}

// Prints the errors `which` selects and stops, when there are any.
template <class Which>
void stop_on_errors(const Diagnostics& all, Which which, const std::string& message) {
    Diagnostics errors;
    for (const Diagnostic& d : all.items())
        if (d.severity == Severity::error && which(d)) errors.add(d);
    if (errors.items().empty()) return;
    errors.sort();
    print_error(render_diagnostics_text(errors, nullptr));
    throw Failure(exit_status::findings, message);
}

int run_extract(const ExtractArgs& args, const Context& ctx) {
    const fs::path root = ctx.repository_root();
    request_of(args);  // the options' form first, before anything is read
    std::error_code ec;
    if (fs::exists(fs::symlink_status(root / "customers", ec)) && !fs::is_directory(root / "customers", ec))
        throw Failure(exit_status::findings, tr("customers is not a folder; the customer master lives in the folder customers/"));
    if (!inside_repository(root, root / "customers"))
        throw Failure(exit_status::findings, trf("{}: a symbolic link on the way leads out of the repository; nothing written", "customers/"));
    // No other extract, and no `pipeline new`, runs from reading the projects to writing them.
    std::optional<FolderLock> lock;
    if (!args.dry_run && fs::is_directory(root / "projects", ec)) {
        auto locked = FolderLock::acquire(root / "projects", "projects/");
        if (auto* e = std::get_if<IoError>(&locked)) throw Failure(exit_status::findings, trf("{}; nothing written", e->message));
        lock.emplace(std::move(std::get<FolderLock>(locked)));
    }
    Repository repo = ctx.load({root, {}, {}});
    const Process& process = *repo.process;
    // The master written into must be sound (as check sees it: ids unique and equal to their
    // file names), and every project file must load: one that does not may embed a customer.
    Diagnostics master;
    check_customers(repo.customers, repo.projects, process, ctx.today(), master);
    master.append(repo.diagnostics);
    stop_on_errors(master, [](const Diagnostic& d) { return d.path == "customers" || d.path.starts_with("customers/"); },
                   tr("the customer master has errors; fix them first (pipeline check); nothing written"));
    std::set<std::string_view> loaded;
    for (const Project& p : repo.projects) loaded.insert(p.path.view());
    stop_on_errors(repo.diagnostics,
                   [&](const Diagnostic& d) {
                       return (d.path == "projects" || d.path.starts_with("projects/")) && !loaded.contains(d.path);
                   },
                   tr("some project files do not load, and their customers cannot be extracted; fix them first "
                      "(pipeline check); nothing written"));
    const Query filter = parse_filter(args.query, process);
    std::vector<ProjectText> texts;
    std::vector<bool> bom;
    Diagnostics read_errors;
    for (const Project& p : repo.projects) {
        if (!p.customer.id.empty() || p.customer.name.empty() || !matches(filter, p, process)) continue;
        auto text = read_text_file(root / p.path.str(), p.path.str(), process.rules.max_file_size, read_errors);
        if (!text) continue;
        bom.push_back(text->starts_with(kByteOrderMark));
        texts.push_back({p.path.str(), bom.back() ? text->substr(kByteOrderMark.size()) : std::move(*text)});
    }
    if (read_errors.has_errors()) {
        print_error(render_diagnostics_text(read_errors, nullptr));
        throw Failure(exit_status::findings, tr("nothing written"));
    }
    ExtractRequest request = request_of(args);
    for (const Project& p : repo.projects)
        for (const CompactString* id : {&p.customer.id, &p.lead.from_customer})
            if (!id->empty()) request.ids_in_use.insert(id->str());
    ExtractPlan plan = plan_customer_extract(texts, repo.customers, process, request);
    if (!plan.option_problems.empty()) {
        for (std::size_t i = 0; i + 1 < plan.option_problems.size(); ++i) print_error("pipeline: " + plan.option_problems[i] + "\n");
        throw Failure(exit_status::usage, plan.option_problems.back());
    }
    if (plan.problems.has_errors()) {
        print_error(render_diagnostics_text(plan.problems, nullptr));
        throw Failure(exit_status::findings, tr("nothing written"));
    }
    if (plan.customers.empty()) {
        if (args.format == "json") print(render_extract_json(plan, args.dry_run));
        else print(std::string(tr("no project writes its customer in itself; nothing to extract")) + "\n");
        return exit_status::ok;
    }
    std::vector<FileChange> changes;
    for (const ExtractedCustomer& c : plan.customers) {
        if (c.path.empty()) continue;
        if (auto why = refused_text(c.text, process.rules.max_file_size))
            throw Failure(exit_status::findings, trf("cannot write {}: {}; nothing written", c.path, *why));
        changes.push_back({root / c.path, c.path, std::nullopt, c.text});
    }
    for (const ProjectRewrite& r : plan.projects) {
        const bool with_bom = bom[static_cast<std::size_t>(
            std::find_if(texts.begin(), texts.end(), [&](const ProjectText& t) { return t.path == r.path; }) - texts.begin())];
        const std::string mark = with_bom ? std::string(kByteOrderMark) : std::string();
        // Never a file that loading would refuse (too large, not UTF-8).
        if (auto why = refused_text(mark + r.after, process.rules.max_file_size))
            throw Failure(exit_status::findings, trf("cannot change {}: {}; nothing written", r.path, *why));
        changes.push_back({root / r.path, r.path, mark + r.before, mark + r.after});
    }
    if (!args.dry_run) {
        std::optional<IoError> error;
        {
            const HeldSignals held;  // an interrupt waits until the change is whole, or undone
            error = write_changes(changes, process.rules.max_file_size);
        }
        if (error) throw Failure(exit_status::findings, error->message);
    }
    print(args.format == "json" ? render_extract_json(plan, args.dry_run) : render_extract_text(plan, args.dry_run));
    return exit_status::ok;
}

}  // namespace

void add_customer_extract(CLI::App& customer, Context& ctx) {
    auto args = std::make_shared<ExtractArgs>();
    CLI::App* cmd = customer.add_subcommand(
        "extract", tr("Move the customers written into projects into the customer master; the projects then name them by id"));
    cmd->add_option("filter", args->query.filter, tr("Filter terms: only the projects they select (owner:zhang.san, region:华东)"))
        ->type_name("FILTER");
    cmd->add_option("--id", args->ids, tr("The id for the customer of this name (repeatable; names given one id become one customer)"))
        ->type_name("NAME=ID")
        ->check(written_text());
    cmd->add_option("--prefix", args->prefix, tr("How the ids made for the other customers begin (default C-: C-0001, C-0002, ...)"))
        ->type_name("PREFIX")
        ->check(written_text());
    cmd->add_flag("--dry-run", args->dry_run, tr("Show the new customer files and the changed lines; write nothing"));
    cmd->add_option("--format", args->format, tr("Output format: text or json"))
        ->type_name("FORMAT")
        ->check(format_choice({"text", "json"}));
    cmd->callback([args, &ctx] { ctx.exit_code = run_extract(*args, ctx); });
}

}  // namespace pipeline::cli
