#include "git_context.hpp"

#include <fmt/format.h>

#include "pipeline/check/base_check.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {

GitSource open_git(const Context& ctx) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    const fs::path start = ctx.directory.empty()              ? cwd
                           : fs::path(ctx.directory).is_absolute() ? fs::path(ctx.directory)
                                                                    : cwd / ctx.directory;
    auto git = GitSource::open(start);
    if (auto* e = std::get_if<GitError>(&git)) throw Failure(exit_status::usage, e->message);
    return std::get<GitSource>(std::move(git));
}

Commit resolve_commit(const GitSource& git, const std::string& revision) {
    auto commit = git.resolve(revision);
    if (auto* e = std::get_if<GitError>(&commit)) throw Failure(exit_status::usage, e->message);
    return std::get<Commit>(commit);
}

Query filter_at(const QueryOptions& query, const Process& process, const std::string& where) {
    auto filter = parse_query(query.filter, process);
    if (auto* e = std::get_if<QueryError>(&filter))
        throw Failure(exit_status::usage, trf("{}\n(the filter is read against pipeline.yaml at {})", describe(*e), where));
    return std::get<Query>(std::move(filter));
}

std::vector<Commit> commit_line(const GitSource& git, const Commit& tip, std::optional<Date> back_to) {
    auto line = git.first_parent_line(tip, back_to);
    if (auto* e = std::get_if<GitError>(&line)) throw Failure(exit_status::usage, e->message);
    return std::get<std::vector<Commit>>(std::move(line));
}

void walk_points(const GitSource& git, const std::vector<Commit>& line, const std::vector<Date>& points, bool use_cache,
                 const std::function<void(Date, const Commit*, const Repository&)>& at) {
    Repository repo;
    std::ptrdiff_t current = -1;  // the index in `line` of the state `repo` holds
    std::ptrdiff_t last = -1;     // the newest commit dated on or before the point so far
    for (const Date point : points) {
        // The newest commit of a later point is never older: the search only goes forward.
        for (auto i = static_cast<std::ptrdiff_t>(line.size()) - 1; i > last; --i)
            if (line[static_cast<std::size_t>(i)].date <= point) {
                last = i;
                break;
            }
        if (last < 0) {
            at(point, nullptr, repo);
            continue;
        }
        const Commit& commit = line[static_cast<std::size_t>(last)];
        if (current < 0) repo = git.load(commit, {}, use_cache);
        else if (current != last) git.advance(repo, line[static_cast<std::size_t>(current)], commit);
        current = last;
        at(point, &commit, repo);
    }
}

void add_base_findings(const Context& ctx, const std::string& revision, const Repository& current, bool strict,
                       bool whole_repository, Diagnostics& out) {
    const GitSource git = open_git(ctx);
    const Commit given = resolve_commit(git, revision);
    const Commit head = resolve_commit(git, "HEAD");
    // What a merge request changes is relative to where its branch left the target.
    auto fork = git.merge_base(given, head);
    if (auto* e = std::get_if<GitError>(&fork)) throw Failure(exit_status::usage, trf("--base {}: {}", revision, e->message));
    const Commit& base = std::get<Commit>(fork);
    const Text label = base.id == given.id ? Text(Revision{revision, given}.label())
                                           : say("{} (merge base {}, {})", revision, base.short_id(), base.date.iso());
    // The files the change left alone are not read from git again, nor compared.
    std::optional<RevisionBeside> beside = whole_repository ? git.read_beside(base, current) : std::nullopt;
    Repository before = beside ? std::move(beside->differing) : git.load(base, {}, !ctx.no_cache);
    const std::vector<std::string>* differs = beside ? &beside->differs : nullptr;
    if (!before.process) {
        out.warning("pipeline.yaml", {}, "base-history",
                    say("pipeline.yaml is not usable at {}; the projects were not compared with it", label));
        return;
    }
    check_against_base(before, current.projects, *current.process, {ctx.today(), label, strict, whole_repository, differs}, out);
    leave_out_untouched_time_findings(before, current.projects, *current.process, out, differs);
    keep_until_exit(std::move(before.projects));
}

}  // namespace pipeline::cli
