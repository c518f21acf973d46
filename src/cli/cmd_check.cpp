// pipeline check [PATH...]: validate pipeline.yaml and the project files.
#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "pipeline/check/customer_check.hpp"
#include "command.hpp"
#include "git_context.hpp"
#include "schema_files.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/render/diagnostic_render.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

struct CheckArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    bool strict = false;
    bool brief = false;
    std::string base;  // --base REV
};

// Source lines for excerpts, read once per file when a finding needs them.
class SourceCache {
public:
    explicit SourceCache(fs::path root) : root_(std::move(root)) {}
    std::optional<std::string> line(const std::string& path, int line) {
        auto it = files_.find(path);
        if (it == files_.end()) {
            std::vector<std::string> lines;
            std::ifstream in(root_ / path, std::ios::binary);
            std::string l;
            while (in && std::getline(in, l)) {
                if (!l.empty() && l.back() == '\r') l.pop_back();
                lines.push_back(l);
            }
            if (!lines.empty() && lines[0].starts_with("\xEF\xBB\xBF")) lines[0].erase(0, 3);
            it = files_.emplace(path, std::move(lines)).first;
        }
        if (line < 1 || static_cast<std::size_t>(line) > it->second.size()) return std::nullopt;
        return it->second[static_cast<std::size_t>(line - 1)];
    }

private:
    fs::path root_;
    std::map<std::string, std::vector<std::string>> files_;
};

// The files PATH arguments name, relative to the root: project files, and files of the
// customer master (under customers/).
struct NamedFiles {
    std::vector<std::string> projects, customers;
    std::vector<std::string> sorted;    // both, sorted: what findings and projects are looked up in

    bool has(std::string_view path) const { return std::binary_search(sorted.begin(), sorted.end(), path); }
};

bool in_customer_master(const std::string& rel) { return rel.starts_with("customers/"); }

// Turns PATH arguments (relative to the working directory) into paths relative to the root.
// What listing a folder finds in it (links out of the repository) goes to `listing`.
NamedFiles resolve_paths(const Context& ctx, const fs::path& root, const std::vector<std::string>& args,
                         Diagnostics& listing) {
    NamedFiles named;
    std::vector<std::string>& out = named.projects;
    const fs::path cwd = ctx.working_directory();
    for (const std::string& a : args) {
        fs::path full = (fs::path(a).is_absolute() ? fs::path(a) : cwd / a).lexically_normal();
        if (full.filename().empty() && full.has_relative_path()) full = full.parent_path();  // "dir/." or "dir/"
        const fs::path rel = full.lexically_relative(root);
        if (rel.empty() || rel.begin()->string() == "..")
            throw Failure(exit_status::usage, trf("{}: not inside the repository {}", a, root.string()));
        std::error_code ec;
        if (fs::is_directory(full, ec) && !inside_repository(root, full)) {
            out.push_back(rel.generic_string());  // a link out of the repository: a finding when loaded
        } else if (fs::is_directory(full, ec)) {
            // A folder reached through a link inside the repository is listed where it really is.
            const fs::path real = fs::canonical(full, ec).lexically_relative(fs::canonical(root, ec));
            const std::string where = ec || real.empty() ? rel.generic_string() : real.generic_string();
            const std::string prefix = where == "." ? "" : where + "/";
            Diagnostics found;
            for (const std::string& f : list_project_files(root, found))
                if (f.starts_with(prefix)) out.push_back(f);
            for (const std::string& f : list_yaml_files(root, "customers", found))
                if (f.starts_with(prefix)) named.customers.push_back(f);
            for (const Diagnostic& d : found.items())
                if (d.path.starts_with(prefix)) listing.add(d);
        } else if (rel.generic_string() != "pipeline.yaml") {
            if (!fs::exists(full, ec)) throw Failure(exit_status::usage, trf("{}: no such file", a));
            (in_customer_master(rel.generic_string()) ? named.customers : out).push_back(rel.generic_string());
        }
    }
    named.sorted = named.projects;
    named.sorted.insert(named.sorted.end(), named.customers.begin(), named.customers.end());
    std::sort(named.sorted.begin(), named.sorted.end());
    return named;
}

// What a check of named files reports: the findings on those files and on pipeline.yaml.
Diagnostics of_named(Diagnostics all, const NamedFiles& named) {
    Diagnostics out;
    for (Diagnostic& d : all.items())
        if (d.path == "pipeline.yaml" || d.path.empty() || named.has(d.path)) out.add(std::move(d));
    return out;
}

int run_check(const CheckArgs& args, const Context& ctx) {
    const fs::path root = ctx.repository_root();
    const Date today = ctx.today();
    Diagnostics listing;
    const NamedFiles named = resolve_paths(ctx, root, args.paths, listing);
    // A customer is checked against all the projects (its wins set its revisits), a project's
    // lead against the other projects: named files of the repository's folders load the whole
    // repository (through the cache), and the findings are narrowed to them after. Files
    // elsewhere are loaded alone, without the checks that need the rest.
    bool narrow = !args.paths.empty();
    if (narrow) {
        Diagnostics ignored;
        const std::vector<std::string> all = list_project_files(root, ignored);  // sorted
        for (const std::string& p : named.projects)
            if (!std::binary_search(all.begin(), all.end(), p)) narrow = false;
    }
    LoadRequest request{root, narrow ? std::vector<std::string>{} : named.projects, {args.strict}};
    request.use_cache = !ctx.no_cache;
    request.keep_listing = !args.base.empty();  // compared with git's index to tell what differs from the base
    // PATHs that name no project or customer file (pipeline.yaml, an empty folder) check pipeline.yaml alone.
    const bool only_config = !args.paths.empty() && named.projects.empty() && named.customers.empty();
    Repository repo;
    if (only_config) {
        repo.root = root;
        repo.process = load_process_file(root, repo.diagnostics);
    } else {
        repo = load_repository(request);
    }
    Diagnostics& findings = repo.diagnostics;
    std::size_t checked = repo.projects.size();
    if (repo.process && !only_config) {
        if (args.paths.empty()) {
            check_projects(repo.projects, *repo.process, {today}, findings);
        } else {
            checked = 0;
            for (const Project& p : repo.projects) {
                if (narrow && !named.has(p.path.view())) continue;
                check_project(p, *repo.process, {today}, findings);
                ++checked;
            }
        }
        if (args.paths.empty() || narrow) check_customers(repo.customers, repo.projects, *repo.process, today, findings);
        if (!args.base.empty()) add_base_findings(ctx, args.base, repo, args.strict, args.paths.empty(), findings);
    }
    if (!args.paths.empty()) findings = of_named(std::move(findings), named);
    findings.append(listing);
    if (repo.process && args.paths.empty()) add_schema_findings(root, *repo.process, findings);
    findings.sort();
    const std::size_t customers = only_config ? 0 : args.paths.empty() ? repo.customers.size() : named.customers.size();
    const CheckSummary summary{checked, customers, findings.count(Severity::error), findings.count(Severity::warning)};
    if (args.format == "json") {
        print(render_diagnostics_json(findings, summary));
    } else if (args.format == "github") {
        print(render_diagnostics_github(findings));
    } else {
        SourceCache cache(root);
        SourceLookup lookup = [&cache](const std::string& path, int line) { return cache.line(path, line); };
        print(render_diagnostics_text(findings, args.brief ? nullptr : &lookup));
        // TRANSLATORS: "3 projects checked: 1 error, 2 warnings"; the three parts are the messages below.
        const std::string what =
            summary.customers == 0
                ? trnf("{} project checked", "{} projects checked", summary.files, summary.files)
                // TRANSLATORS: "3 projects and 2 customers checked"; the two parts are the messages below.
                : trf("{} and {} checked", trnf("{} project", "{} projects", summary.files, summary.files),
                      trnf("{} customer", "{} customers", summary.customers, summary.customers));
        print(trf("{}: {}, {}\n", what,
                  trnf("{} error", "{} errors", summary.errors, summary.errors),
                  trnf("{} warning", "{} warnings", summary.warnings, summary.warnings)));
    }
    if (!repo.process)
        throw Failure(exit_status::usage, tr("pipeline.yaml is not usable; fix the findings above (no project was checked)"));
    keep_until_exit(std::move(repo));
    if (summary.errors > 0 || (args.strict && summary.warnings > 0)) return exit_status::findings;
    return exit_status::ok;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<CheckArgs>();
    CLI::App* cmd = app.add_subcommand("check", tr("Validate pipeline.yaml and every project file (or only PATHs)"));
    cmd->add_option("paths", args->paths, tr("Project files or folders to check"))->type_name("PATH");
    cmd->add_option("--format", args->format, tr("Output format: text, json or github"))
        ->type_name("FORMAT")
        ->check(format_choice({"text", "json", "github"}));
    cmd->add_flag("--strict", args->strict, tr("Report unknown keys; warnings fail the check"));
    cmd->add_flag("--brief", args->brief, tr("One line per finding, without source excerpts"));
    cmd->add_option("--base", args->base, tr("Also check every change since the merge base of REV and HEAD (merge requests)"))
        ->type_name("REV");
    cmd->callback([args, &ctx] { ctx.exit_code = run_check(*args, ctx); });
}

}  // namespace pipeline::cli
