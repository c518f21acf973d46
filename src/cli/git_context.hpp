// What diff and check --base share on the command line: the git repository of the pipeline
// and revisions, with git's failures turned into Failure(2).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "query_options.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/store/git_source.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline::cli {

// The git repository holding the pipeline, found from -C DIR or the current folder (in a bare
// repository DIR may go on into the tree: -C sales.git/team). See GitSource::open.
GitSource open_git(const Context& ctx);

// A revision as a commit; Failure(2) naming the revision when git does not know it.
Commit resolve_commit(const GitSource& git, const std::string& revision);

// The FILTER terms read against the pipeline.yaml of one revision (`where`: how people name it,
// "3f2a9c1", "HEAD~1 (3f2a9c1, 2026-11-16)"); Failure(2) pointing at the bad term.
Query filter_at(const QueryOptions& query, const Process& process, const std::string& where);

// The first-parent line of `tip` back to the last commit dated before `back_to` (every commit when nullopt);
// Failure(2) when git cannot read it.
std::vector<Commit> commit_line(const GitSource& git, const Commit& tip, std::optional<Date> back_to);

// The repository as it stood at the end of each of `points` (ascending): the state of the last
// commit of `line` dated on or before the point, read once and then moved forward by the files
// each step changes. `at` gets the point, the commit (nullptr before the first one) and the
// repository.
void walk_points(const GitSource& git, const std::vector<Commit>& line, const std::vector<Date>& points, bool use_cache,
                 const std::function<void(Date, const Commit*, const Repository&)>& at);

// check --base REV: compares `current` (the working tree) with the merge base of REV and
// HEAD and adds the base-* findings (pipeline(1), "pipeline check").
void add_base_findings(const Context& ctx, const std::string& revision, const Repository& current, bool strict,
                       bool whole_repository, Diagnostics& out);

}  // namespace pipeline::cli
