// Reading a pipeline repository straight from git objects (libgit2): no checkout, no
// `git` subprocess. Works in a working tree, a bare clone and a shallow clone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline {

// Why git could not answer, for people ("unknown revision \"mian\""), in the reader's language:
// only the command layer shows it, as text.
struct GitError {
    std::string message;
};

// A commit a revision argument resolved to.
struct Commit {
    std::string id;            // 40 hex digits
    std::string summary;       // first line of the message
    std::string author;        // the author's name
    std::int64_t time = 0;     // committer time, seconds since the epoch
    int offset_minutes = 0;    // the committer's time zone
    Date date;                 // committer date in the committer's time zone
    std::string short_id() const { return id.substr(0, 7); }
};

// A revision beside the working tree: what it has that differs, and the files it has alike.
struct RevisionBeside {
    Repository differing;              // its process, and its records and findings of the files that differ
    std::vector<std::string> differs;  // the project files that differ (sorted): every other file of the
                                       // working tree has the revision's bytes, and was not read
};

// One state of the repository as a command names it.
struct Revision {
    std::string given;             // as given ("HEAD~1", "origin/main"); empty when found otherwise (--since)
    std::optional<Commit> commit;  // nullopt: the working tree
    // "HEAD~1 (3f2a9c1, 2026-11-16)", "3f2a9c1 (2026-11-16)", "the working tree": English, for
    // JSON; text output shows tr("the working tree") for the working tree.
    std::string label() const;
};

// Two revisions of a range argument: "A..B" (A and B) or "A...B" (their merge base, given as
// "", and B). An empty side is HEAD, as in git.
struct CommitRange {
    Revision from, to;
};

// What GitSource::advance read again to turn one revision's repository into the next one's.
struct RevisionStep {
    std::vector<std::string> paths;  // project files added, changed or removed, sorted
    bool whole = false;              // every file was read again (pipeline.yaml or a link changed)
    std::vector<Project> replaced;   // the earlier revision's records of `paths` (of every file when whole)
};

// The git objects this process has looked up so far: commits, trees (each folder a path walks
// through counts) and blobs. Reading a revision costs one lookup per folder and per file read;
// the tests and bench/ hold it to that. Tree-to-tree diffs (advance) are libgit2's own and not counted.
std::size_t git_object_lookups();

class GitSource {
public:
    // Finds the git repository and the pipeline in it from folder `start`:
    // - a working tree: the pipeline root is the nearest folder at or above `start` holding
    //   pipeline.yaml (as for every command); the git repository is the one containing it.
    // - a bare repository (`start` inside it): the pipeline root is the tree path that follows
    //   the bare repository's folder in `start` (-C sales.git/team), else the top of the tree
    //   when HEAD's tree holds pipeline.yaml there, else the only folder of HEAD's tree that
    //   holds one (the shallowest).
    static std::variant<GitSource, GitError> open(const std::filesystem::path& start);

    GitSource(GitSource&&) noexcept;
    GitSource& operator=(GitSource&&) noexcept;
    ~GitSource();

    bool bare() const;
    bool shallow() const;
    // The pipeline root on disk; nullopt in a bare repository.
    const std::optional<std::filesystem::path>& working_root() const;
    // The pipeline root inside the tree: "" for the top, else "folder/" with a slash.
    const std::string& tree_path() const;

    // Any revision git understands: a branch, tag, hash, HEAD~2, origin/main, main@{1}.
    std::variant<Commit, GitError> resolve(std::string_view revspec) const;
    // "A..B" or "A...B"; nullopt when `text` is no range.
    std::optional<std::variant<CommitRange, GitError>> resolve_range(std::string_view text) const;
    // The best common ancestor of two commits (what a merge request changes is relative to it).
    std::variant<Commit, GitError> merge_base(const Commit& a, const Commit& b) const;
    // The newest commit on the first-parent line of `tip` whose committer date (in the
    // committer's time zone) is before `date`.
    std::variant<Commit, GitError> last_before(Date date, const Commit& tip) const;
    // The first-parent line of `tip`, oldest first: back to the newest commit dated before
    // `back_to` (included: the state as it stood at that date), or to the first commit (or
    // where a shallow clone's history ends) when there is none or `back_to` is nullopt.
    std::variant<std::vector<Commit>, GitError> first_parent_line(const Commit& tip, std::optional<Date> back_to) const;

    // The repository as of `commit`, loaded as load_repository loads the working tree;
    // `process` is nullopt when pipeline.yaml is missing or unusable there (see diagnostics).
    // With `use_cache` and a working tree, what each file gave is kept in and taken from
    // .pipeline/revisions.cache by path and blob id, so an unchanged file is parsed once.
    Repository load(const Commit& commit, const LoadOptions& options = {}, bool use_cache = false) const;
    // Turns `repo`, the repository as of `from` (from load or an earlier advance), into the
    // repository as of `to` by reading only the project files a tree-to-tree diff of the two
    // names; the whole revision when pipeline.yaml or a symbolic link changed, or `repo` has no
    // process. The result equals load(to, options).
    RevisionStep advance(Repository& repo, const Commit& from, const Commit& to, const LoadOptions& options = {}) const;
    // The revision `commit` beside the working tree, `working` as load_repository gave it (with
    // keep_listing): which project files differ is told by git's index — the revision's tree
    // against the index, and the index's stat data against the stamps the load took, as git
    // tells a clean file — and only those are read from the revision. nullopt when that cannot
    // be told — a bare repository, no listing, pipeline.yaml or a link differs, no index — and
    // load() is the way.
    std::optional<RevisionBeside> read_beside(const Commit& commit, const Repository& working,
                                              const LoadOptions& options = {}) const;

private:
    struct State;
    explicit GitSource(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace pipeline
