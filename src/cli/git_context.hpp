// What diff and check --base share on the command line: the git repository of the pipeline
// and revisions, with git's failures turned into Failure(2).
#pragma once

#include <string>

#include "command.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/store/git_source.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline::cli {

// The git repository holding the pipeline, found from -C DIR or the current folder (in a bare
// repository DIR may go on into the tree: -C sales.git/team). See GitSource::open.
GitSource open_git(const Context& ctx);

// A revision as a commit; Failure(2) naming the revision when git does not know it.
Commit resolve_commit(const GitSource& git, const std::string& revision);

// check --base REV: compares `current` (the working tree) with the merge base of REV and
// HEAD and adds the base-* findings (pipeline(1), "pipeline check").
void add_base_findings(const Context& ctx, const std::string& revision, const Repository& current, bool strict,
                       bool whole_repository, Diagnostics& out);

}  // namespace pipeline::cli
