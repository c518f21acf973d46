#include "pipeline/store/git_source.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>
#include <system_error>

#include <fmt/format.h>

#include "git_handles.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/record_cache.hpp"

namespace fs = std::filesystem;

namespace pipeline {

struct GitSource::State {
    git::Library library;  // first: initialised before and shut down after the handles
    git::RepositoryPtr repo;
    fs::path git_dir;
    std::optional<fs::path> working_root;
    std::string tree_path;
    bool bare = false;
    bool shallow = false;
};

namespace {

std::atomic<std::size_t> lookups{0};

// Counts one object looked up, or the trees a path walks through (one per folder and the entry).
int counted(int rc, std::size_t objects = 1) {
    lookups.fetch_add(objects, std::memory_order_relaxed);
    return rc;
}

std::size_t components(const std::string& path) { return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) + 1; }

bool is_project_name(std::string_view name) { return name.ends_with(".yaml") || name.ends_with(".yml"); }

std::string oid_text(const git_oid* oid) {
    char buffer[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buffer, sizeof buffer, oid);
    return buffer;
}

Commit describe(const git_commit* c) {
    Commit out;
    out.id = oid_text(git_commit_id(c));
    const char* summary = git_commit_summary(const_cast<git_commit*>(c));
    out.summary = summary ? summary : "";
    const git_signature* author = git_commit_author(c);
    out.author = author && author->name ? author->name : "";
    out.time = git_commit_time(c);
    out.offset_minutes = git_commit_time_offset(c);
    const std::int64_t local = out.time + std::int64_t{out.offset_minutes} * 60;
    const std::int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    out.date = Date::from_days(static_cast<std::int32_t>(days));
    return out;
}

// What to tell someone whose shallow clone lacks the history an answer needs: it ends the
// messages that take it, in parentheses (empty when the clone is whole).
std::string shallow_hint(bool shallow) {
    // TRANSLATORS: ends messages such as 'unknown revision "main~40"' when the git clone lacks history.
    return shallow ? tr(" (this clone is shallow: fetch more history with `git fetch --deepen=N` or `git fetch --unshallow`,"
                        " or check out with `fetch-depth: 0` in CI)")
                   : "";
}

std::string open_error(const fs::path& where, int rc) {
    if (rc == GIT_EOWNER)
        return trf("git refuses to read {0}: the folder belongs to another user (mark it safe with "
                   "`git config --global --add safe.directory {0}`)", where.string());
    // TRANSLATORS: {1} is libgit2's reason, in English.
    return trf("cannot open the git repository at {}: {}", where.string(), git::last_error().local());
}

// The tree of a commit, or why it cannot be read (a finding's words: a Text).
std::variant<git::TreePtr, Text> tree_of(git_repository* repo, const Commit& commit) {
    git_oid oid;
    if (git_oid_fromstr(&oid, commit.id.c_str()) != 0) return say("\"{}\" is not a commit id", commit.id);
    git_commit* c = nullptr;
    if (counted(git_commit_lookup(&c, repo, &oid)) != 0)
        // TRANSLATORS: {1} is libgit2's reason, in English.
        return say("cannot read commit {}: {}", commit.short_id(), git::last_error());
    git::CommitPtr owned(c);
    git_tree* t = nullptr;
    if (counted(git_commit_tree(&t, c)) != 0)
        // TRANSLATORS: {1} is libgit2's reason, in English.
        return say("cannot read the tree of commit {}: {}", commit.short_id(), git::last_error());
    return git::TreePtr(t);
}

// The sub-tree at `path` ("" = the tree itself); nullptr when there is none.
git::TreePtr subtree(git_repository* repo, const git_tree* tree, const std::string& path) {
    if (path.empty()) {
        git_tree* copy = nullptr;
        if (git_tree_dup(&copy, const_cast<git_tree*>(tree)) != 0) return nullptr;
        return git::TreePtr(copy);
    }
    git_tree_entry* e = nullptr;
    if (counted(git_tree_entry_bypath(&e, tree, path.c_str()), components(path)) != 0) return nullptr;
    git::TreeEntryPtr entry(e);
    if (git_tree_entry_type(e) != GIT_OBJECT_TREE) return nullptr;
    git_tree* t = nullptr;
    if (counted(git_tree_lookup(&t, repo, git_tree_entry_id(e))) != 0) return nullptr;
    return git::TreePtr(t);
}

bool holds_pipeline(const git_tree* tree) {
    const git_tree_entry* e = git_tree_entry_byname(tree, "pipeline.yaml");
    return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

// The folder of HEAD's tree holding pipeline.yaml, for a bare repository: the top, else the
// only one among the shallowest (three levels at most).
std::variant<std::string, GitError> discover_tree_path(git_repository* repo, const fs::path& git_dir) {
    git_object* head = nullptr;
    if (git_revparse_single(&head, repo, "HEAD^{tree}") != 0)
        return GitError{trf("the bare repository {} has no HEAD commit to find pipeline.yaml in", git_dir.string())};
    git::TreePtr top(reinterpret_cast<git_tree*>(head));
    if (holds_pipeline(top.get())) return std::string();
    std::vector<std::pair<std::string, git::TreePtr>> level;
    level.emplace_back("", std::move(top));
    for (int depth = 1; depth <= 3 && !level.empty(); ++depth) {
        std::vector<std::pair<std::string, git::TreePtr>> next;
        std::vector<std::string> found;
        for (const auto& [prefix, tree] : level) {
            for (std::size_t i = 0; i < git_tree_entrycount(tree.get()); ++i) {
                const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
                const std::string name = git_tree_entry_name(e);
                if (git_tree_entry_type(e) != GIT_OBJECT_TREE || name.starts_with(".")) continue;
                git_tree* t = nullptr;
                if (counted(git_tree_lookup(&t, repo, git_tree_entry_id(e))) != 0) continue;
                git::TreePtr child(t);
                if (holds_pipeline(child.get())) found.push_back(prefix + name + "/");
                next.emplace_back(prefix + name + "/", std::move(child));
            }
        }
        if (found.size() == 1) return found.front();
        if (found.size() > 1) {
            std::string list;
            for (const auto& f : found) list += (list.empty() ? "" : ", ") + f;
            return GitError{trf("HEAD of {0} holds several pipelines ({1}); name one: pipeline -C {0}/FOLDER ...",
                                git_dir.string(), list)};
        }
        level = std::move(next);
    }
    return GitError{trf("HEAD of the bare repository {} holds no pipeline.yaml", git_dir.string())};
}

// The bytes of blob `id` (project file `path` of `revision`), through `repo`.
std::optional<std::string> read_blob(git_repository* repo, const git_oid& id, const std::string& path,
                                     const std::string& revision, std::size_t max_size, Diagnostics& out) {
    git_blob* b = nullptr;
    if (counted(git_blob_lookup(&b, repo, &id)) != 0) {
        // TRANSLATORS: {0} is a commit: "3f2a9c1"; {1} libgit2's reason, in English.
        out.error(path, {}, "io", say("cannot read the file from {}: {}", revision, git::last_error()));
        return std::nullopt;
    }
    git::BlobPtr blob(b);
    const auto size = static_cast<std::size_t>(git_blob_rawsize(b));
    if (size > max_size) {
        out.error(path, {}, "file-size", too_large(path, max_size));
        return std::nullopt;
    }
    return std::string(static_cast<const char*>(git_blob_rawcontent(b)), size);
}

// The blob of each plain project file, found by the one walk of the tree that lists them:
// reading a file is then one object lookup, not a path walk from the root that re-reads
// folder trees of thousands of entries each time.
using BlobIndex = std::unordered_map<std::string, git_oid>;

// Guards the repository handle a TreeSource was made with: its own reads and those other
// threads hand to it.
std::mutex tree_handle_lock;

using IndexPtr = std::unique_ptr<git_index, git::Deleter<git_index, git_index_free>>;

// The repository's index and when it was written (git's racy rule needs it); nullopt when there
// is none to read.
struct OpenIndex {
    IndexPtr index;
    std::int64_t written_ns = 0;
};

std::optional<OpenIndex> open_index(git_repository* repo) {
    git_index* index = nullptr;
    if (git_repository_index(&index, repo) != 0) return std::nullopt;
    OpenIndex out{IndexPtr(index), 0};
    const char* file = git_index_path(index);
    const auto st = file ? file_stamp(file) : std::nullopt;
    if (!st) return std::nullopt;
    out.written_ns = st->mtime_ns;
    return out;
}

// Whether a working file of stamp `st` has the bytes of index entry `e`, as git tells it without
// reading the file: the stat data the index keeps (sizes, inodes and devices in 32 bits) agree,
// and the file was not changed in the second the index was written (git's racy rule: such a file
// may look clean when it is not).
bool clean_by_stat(const git_index_entry& e, const FileStamp& st, std::int64_t index_written_ns) {
    const auto ns = [](const git_index_time& t) { return std::int64_t{t.seconds} * 1'000'000'000 + t.nanoseconds; };
    const bool same = ns(e.mtime) == st.mtime_ns && ns(e.ctime) == st.ctime_ns &&
                      e.file_size == static_cast<std::uint32_t>(st.size) && e.ino == static_cast<std::uint32_t>(st.inode) &&
                      e.dev == static_cast<std::uint32_t>(st.device);
    return same && ns(e.mtime) < index_written_ns - 1'000'000'000;
}

// The files of the working tree that git's index shows unchanged since it recorded their blob:
// their bytes are that blob's, so what the working tree's record cache holds for them is what
// the blob gives. Read lazily, from one thread.
class CleanFiles {
public:
    CleanFiles(git_repository* repo, fs::path working_root, std::string tree_path)
        : repo_(repo), working_root_(std::move(working_root)), tree_path_(std::move(tree_path)) {}

    // The working file's stamp when it holds blob `id`; nullopt when it may not.
    std::optional<FileStamp> stamp(const std::string& path, const git_oid& id) const {
        if (!opened_) {
            opened_ = true;
            index_ = open_index(repo_);
        }
        if (!index_) return std::nullopt;
        const git_index_entry* e = git_index_get_bypath(index_->index.get(), (tree_path_ + path).c_str(), 0);
        if (!e || !git_oid_equal(&e->id, &id)) return std::nullopt;
        const auto st = file_stamp(working_root_ / path);
        if (!st || !clean_by_stat(*e, *st, index_->written_ns)) return std::nullopt;
        return st;
    }

private:
    git_repository* repo_;
    fs::path working_root_;
    std::string tree_path_;
    mutable bool opened_ = false;
    mutable std::optional<OpenIndex> index_;
};

// One revision's files, read from its tree.
class TreeSource : public FileSource {
public:
    TreeSource(git_repository* repo, fs::path git_dir, git::TreePtr root, std::string revision, const CleanFiles* clean = nullptr)
        : repo_(repo), git_dir_(std::move(git_dir)), root_(std::move(root)), revision_(std::move(revision)), clean_(clean) {}

    std::vector<std::string> project_files(Diagnostics& out) const override {
        std::vector<std::string> files;
        blobs_.clear();
        if (git::TreePtr projects = subtree(repo_, root_.get(), "projects")) collect(projects.get(), "projects/", files, out);
        std::sort(files.begin(), files.end());
        return files;
    }

    std::vector<std::string> customer_files(Diagnostics& out) const override {
        std::vector<std::string> files;
        if (git::TreePtr customers = subtree(repo_, root_.get(), "customers")) collect(customers.get(), "customers/", files, out);
        std::sort(files.begin(), files.end());
        return files;
    }

    std::optional<std::string> read(const std::string& path, std::size_t max_size, Diagnostics& out) const override {
        const std::lock_guard<std::mutex> lock(tree_handle_lock);
        if (auto it = blobs_.find(path); it != blobs_.end()) return read_blob(repo_, it->second, path, revision_, max_size, out);
        return read_by_path(path, max_size, out);
    }

    bool reads_in_parallel() const override { return true; }
    std::unique_ptr<FileSource> for_thread() const override;

    std::optional<FileStamp> content_stamp(const std::string& path) const override {
        auto it = blobs_.find(path);
        if (it == blobs_.end()) return std::nullopt;
        return blob_stamp(it->second.id);
    }

    std::optional<FileStamp> working_tree_stamp(const std::string& path) const override {
        auto it = blobs_.find(path);
        if (!clean_ || it == blobs_.end()) return std::nullopt;
        return clean_->stamp(path, it->second);
    }

    // pipeline.yaml, links and files named one by one: found from the root. The caller holds
    // tree_handle_lock.
    std::optional<std::string> read_by_path(const std::string& path, std::size_t max_size, Diagnostics& out) const {
        git_tree_entry* e = nullptr;
        if (counted(git_tree_entry_bypath(&e, root_.get(), path.c_str()), components(path)) != 0) {
            // TRANSLATORS: {} is a commit: "3f2a9c1".
            out.error(path, {}, "io", say("there is no such file in {}", revision_));
            return std::nullopt;
        }
        git::TreeEntryPtr entry(e);
        std::string target = path;
        if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
            auto resolved = link_target(path, git_tree_entry_id(e));
            if (!resolved) {
                out.error(path, {}, "symlink", say(kLeadsOut));
                return std::nullopt;
            }
            target = *resolved;
            if (counted(git_tree_entry_bypath(&e, root_.get(), target.c_str()), components(target)) != 0) {
                // TRANSLATORS: {0} is a path, {1} a commit: "3f2a9c1".
                out.error(path, {}, "io", say("the symbolic link leads to {}, which is not in {}", target, revision_));
                return std::nullopt;
            }
            entry.reset(e);
        }
        if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
            // TRANSLATORS: {} is a commit: "3f2a9c1".
            out.error(path, {}, "io", say("not a file in {}", revision_));
            return std::nullopt;
        }
        return read_blob(repo_, *git_tree_entry_id(e), path, revision_, max_size, out);
    }

    const BlobIndex& blobs() const { return blobs_; }
    const git_tree* root() const { return root_.get(); }
    const std::string& revision() const { return revision_; }
    const fs::path& git_dir() const { return git_dir_; }

private:
    void collect(const git_tree* tree, const std::string& prefix, std::vector<std::string>& files, Diagnostics& out) const {
        for (std::size_t i = 0; i < git_tree_entrycount(tree); ++i) {
            const git_tree_entry* e = git_tree_entry_byindex(tree, i);
            const std::string name = git_tree_entry_name(e);
            if (name.starts_with(".")) continue;
            const std::string rel = prefix + name;
            const git_filemode_t mode = git_tree_entry_filemode(e);
            if (mode == GIT_FILEMODE_TREE) {
                git_tree* t = nullptr;
                if (counted(git_tree_lookup(&t, repo_, git_tree_entry_id(e))) != 0) {
                    // TRANSLATORS: {0} is a commit: "3f2a9c1"; {1} libgit2's reason, in English.
                    out.error(rel, {}, "io", say("cannot read the folder from {}: {}", revision_, git::last_error()));
                    continue;
                }
                git::TreePtr child(t);
                collect(child.get(), rel + "/", files, out);
            } else if (mode == GIT_FILEMODE_LINK && is_project_name(name)) {
                if (link_target(rel, git_tree_entry_id(e))) files.push_back(rel);  // read by path
                else out.error(rel, {}, "symlink", say(kLeadsOut));
            } else if ((mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) && is_project_name(name)) {
                files.push_back(rel);
                blobs_.emplace(rel, *git_tree_entry_id(e));
            }
        }
    }

    // Where a symbolic link at `path` points, relative to the root; nullopt when outside it.
    std::optional<std::string> link_target(const std::string& path, const git_oid* blob_id) const {
        git_blob* b = nullptr;
        if (counted(git_blob_lookup(&b, repo_, blob_id)) != 0) return std::nullopt;
        git::BlobPtr blob(b);
        const std::string target(static_cast<const char*>(git_blob_rawcontent(b)), static_cast<std::size_t>(git_blob_rawsize(b)));
        if (target.empty() || fs::path(target).is_absolute()) return std::nullopt;
        const fs::path resolved = (fs::path(path).parent_path() / target).lexically_normal();
        if (resolved.empty() || *resolved.begin() == "..") return std::nullopt;
        return resolved.generic_string();
    }

    git_repository* repo_;
    fs::path git_dir_;
    git::TreePtr root_;
    std::string revision_;
    const CleanFiles* clean_;
    mutable BlobIndex blobs_;
};

// Project files of a TreeSource read on another thread: libgit2 handles are used by one
// thread at a time, so each thread opens the repository for itself. What the index lacks
// (links) goes to the tree source, one thread at a time.
class ThreadBlobSource : public FileSource {
public:
    ThreadBlobSource(git::RepositoryPtr repo, const TreeSource& tree) : repo_(std::move(repo)), tree_(tree) {}

    std::vector<std::string> project_files(Diagnostics&) const override { return {}; }

    std::optional<std::string> read(const std::string& path, std::size_t max_size, Diagnostics& out) const override {
        if (auto it = tree_.blobs().find(path); it != tree_.blobs().end())
            return read_blob(repo_.get(), it->second, path, tree_.revision(), max_size, out);
        const std::lock_guard<std::mutex> lock(tree_handle_lock);
        return tree_.read_by_path(path, max_size, out);
    }

private:
    git::RepositoryPtr repo_;
    const TreeSource& tree_;
};

// The tree of the pipeline root (`tree_path` of the commit's tree), or why there is none.
std::variant<git::TreePtr, Text> pipeline_tree(git_repository* repo, const std::string& tree_path, const Commit& commit) {
    auto tree = tree_of(repo, commit);
    if (auto* why = std::get_if<Text>(&tree)) return *why;
    git::TreePtr root = subtree(repo, std::get<git::TreePtr>(tree).get(), tree_path);
    // TRANSLATORS: {0} is a folder ("team/"), {1} a commit ("3f2a9c1").
    if (!root) return say("there is no folder {} in {}", tree_path, commit.short_id());
    return root;
}

std::unique_ptr<FileSource> TreeSource::for_thread() const {
    git_repository* r = nullptr;
    if (git_repository_open(&r, git_dir_.c_str()) != 0) return nullptr;
    return std::make_unique<ThreadBlobSource>(git::RepositoryPtr(r), *this);
}

}  // namespace

std::size_t git_object_lookups() { return lookups.load(std::memory_order_relaxed); }

std::string Revision::label() const {
    if (!commit) return N_("the working tree");
    if (given.empty() || commit->id.starts_with(given)) return fmt::format("{} ({})", commit->short_id(), commit->date.iso());
    return fmt::format("{} ({}, {})", given, commit->short_id(), commit->date.iso());
}

GitSource::GitSource(std::unique_ptr<State> state) : state_(std::move(state)) {}
GitSource::GitSource(GitSource&&) noexcept = default;
GitSource& GitSource::operator=(GitSource&&) noexcept = default;
GitSource::~GitSource() = default;

bool GitSource::bare() const { return state_->bare; }
bool GitSource::shallow() const { return state_->shallow; }
const std::optional<fs::path>& GitSource::working_root() const { return state_->working_root; }
const std::string& GitSource::tree_path() const { return state_->tree_path; }

std::variant<GitSource, GitError> GitSource::open(const fs::path& start) {
    auto state = std::make_unique<State>();
    std::error_code ec;
    fs::path existing = fs::absolute(start, ec).lexically_normal();
    if (!existing.has_filename() && existing.has_parent_path() && existing != existing.root_path())
        existing = existing.parent_path();
    // The part of `start` that does not exist on disk: a folder inside a bare repository's tree.
    fs::path rest;
    while (!fs::is_directory(existing, ec) && existing.has_relative_path()) {
        rest = rest.empty() ? existing.filename() : existing.filename() / rest;
        existing = existing.parent_path();
    }
    const std::optional<fs::path> root = rest.empty() ? find_repository(existing) : std::nullopt;
    const fs::path search_from = root ? *root : existing;
    git_repository* r = nullptr;
    if (const int rc = git_repository_open_ext(&r, search_from.c_str(), 0, nullptr); rc != 0) {
        if (rc != GIT_ENOTFOUND) return GitError{open_error(search_from, rc)};
        if (!root)
            return GitError{trf("no pipeline.yaml in {} or any folder above it, and no git repository there", start.string())};
        return GitError{trf("{} is not in a git repository: diff and check --base read earlier revisions from git",
                            root->string())};
    }
    state->repo.reset(r);
    state->git_dir = fs::path(git_repository_path(r)).lexically_normal();
    state->bare = git_repository_is_bare(r) == 1;
    state->shallow = git_repository_is_shallow(r) == 1;
    if (!state->bare) {
        if (!rest.empty()) return GitError{trf("{}: no such directory", start.string())};
        if (!root)
            return GitError{trf("no pipeline.yaml in {} or any folder above it (run `pipeline init` to create one)",
                                existing.string())};
        const char* workdir = git_repository_workdir(r);
        const fs::path inside = fs::weakly_canonical(*root, ec).lexically_relative(fs::weakly_canonical(workdir ? workdir : "", ec));
        if (inside.empty() || *inside.begin() == "..")
            return GitError{trf("{} is not inside the working tree of {}", root->string(), workdir ? workdir : "")};
        state->working_root = *root;
        state->tree_path = inside == "." ? "" : inside.generic_string() + "/";
    } else if (!rest.empty()) {
        const fs::path inside = rest.lexically_normal();
        if (*inside.begin() == "..") return GitError{trf("{}: not inside the repository", start.string())};
        state->tree_path = inside == "." ? "" : inside.generic_string() + "/";
    } else {
        auto found = discover_tree_path(r, state->git_dir);
        if (auto* e = std::get_if<GitError>(&found)) return std::move(*e);
        state->tree_path = std::get<std::string>(found);
    }
    return GitSource(std::move(state));
}

std::variant<Commit, GitError> GitSource::resolve(std::string_view revspec) const {
    if (revspec.empty()) return GitError{tr("an empty revision")};
    const std::string spec(revspec);
    git_object* o = nullptr;
    if (const int rc = git_revparse_single(&o, state_->repo.get(), spec.c_str()); rc != 0) {
        if (rc == GIT_EAMBIGUOUS) return GitError{trf("revision \"{}\" is ambiguous: give more of the hash", spec)};
        if (rc == GIT_EUNBORNBRANCH || (spec == "HEAD" && git_repository_head_unborn(state_->repo.get()) == 1))
            return GitError{tr("the git repository has no commit yet: commit the pipeline first")};
        if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
            // TRANSLATORS: {1} is empty, or a note in parentheses that the clone is shallow.
            return GitError{trf("unknown revision \"{}\"{}", spec, shallow_hint(state_->shallow))};
        // TRANSLATORS: {1} is libgit2's reason, in English.
        return GitError{trf("cannot resolve revision \"{}\": {}", spec, git::last_error().local())};
    }
    git::ObjectPtr object(o);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, o, GIT_OBJECT_COMMIT) != 0)
        return GitError{trf("revision \"{}\" is not a commit", spec)};
    git::ObjectPtr commit(peeled);
    return describe(reinterpret_cast<const git_commit*>(peeled));
}

std::optional<std::variant<CommitRange, GitError>> GitSource::resolve_range(std::string_view text) const {
    using Result = std::variant<CommitRange, GitError>;
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) return std::nullopt;
    const bool symmetric = text.substr(dots).starts_with("...");
    std::string left(text.substr(0, dots)), right(text.substr(dots + (symmetric ? 3 : 2)));
    if (left.empty()) left = "HEAD";
    if (right.empty()) right = "HEAD";
    auto from = resolve(left);
    if (auto* e = std::get_if<GitError>(&from)) return Result(std::move(*e));
    auto to = resolve(right);
    if (auto* e = std::get_if<GitError>(&to)) return Result(std::move(*e));
    if (symmetric) {
        from = merge_base(std::get<Commit>(from), std::get<Commit>(to));
        if (auto* e = std::get_if<GitError>(&from)) return Result(std::move(*e));
        left.clear();
    }
    return Result(CommitRange{{left, std::get<Commit>(from)}, {right, std::get<Commit>(to)}});
}

std::variant<Commit, GitError> GitSource::merge_base(const Commit& a, const Commit& b) const {
    git_oid oa, ob, base;
    if (git_oid_fromstr(&oa, a.id.c_str()) != 0 || git_oid_fromstr(&ob, b.id.c_str()) != 0)
        return GitError{tr("a commit id is not valid")};
    if (const int rc = git_merge_base(&base, state_->repo.get(), &oa, &ob); rc != 0) {
        if (rc == GIT_ENOTFOUND)
            // TRANSLATORS: {2} is empty, or a note in parentheses that the clone is shallow.
            return GitError{trf("commits {} and {} have no common ancestor{}", a.short_id(), b.short_id(),
                                shallow_hint(state_->shallow))};
        // TRANSLATORS: {2} is libgit2's reason, in English.
        return GitError{trf("cannot find the merge base of {} and {}: {}", a.short_id(), b.short_id(),
                            git::last_error().local())};
    }
    git_commit* c = nullptr;
    if (counted(git_commit_lookup(&c, state_->repo.get(), &base)) != 0)
        // TRANSLATORS: {2} is libgit2's reason, in English; {3} is empty, or a note in parentheses
        // that the clone is shallow.
        return GitError{trf("cannot read the merge base of {} and {}: {}{}", a.short_id(), b.short_id(),
                            git::last_error().local(), shallow_hint(state_->shallow))};
    git::CommitPtr owned(c);
    return describe(c);
}

std::variant<Commit, GitError> GitSource::last_before(Date date, const Commit& tip) const {
    git_oid oid;
    if (git_oid_fromstr(&oid, tip.id.c_str()) != 0) return GitError{tr("a commit id is not valid")};
    git_commit* c = nullptr;
    if (counted(git_commit_lookup(&c, state_->repo.get(), &oid)) != 0)
        return GitError{trf("cannot read commit {}: {}", tip.short_id(), git::last_error().local())};
    git::CommitPtr current(c);
    while (true) {
        Commit info = describe(current.get());
        if (info.date < date) return info;
        if (git_commit_parentcount(current.get()) == 0)
            return GitError{trf("no commit before {} on the first-parent line of {}: the first commit, {}, is of {}",
                                date.iso(), tip.short_id(), info.short_id(), info.date.iso())};
        git_commit* parent = nullptr;
        if (counted(git_commit_parent(&parent, current.get(), 0)) != 0)
            // TRANSLATORS: {3} is empty, or a note in parentheses that the clone is shallow.
            return GitError{trf("no commit before {} in the history available: it ends at {} of {}{}", date.iso(),
                                info.short_id(), info.date.iso(), shallow_hint(state_->shallow))};
        current.reset(parent);
    }
}

std::variant<std::vector<Commit>, GitError> GitSource::first_parent_line(const Commit& tip, std::optional<Date> back_to) const {
    git_oid oid;
    if (git_oid_fromstr(&oid, tip.id.c_str()) != 0) return GitError{tr("a commit id is not valid")};
    git_commit* c = nullptr;
    if (counted(git_commit_lookup(&c, state_->repo.get(), &oid)) != 0)
        return GitError{trf("cannot read commit {}: {}", tip.short_id(), git::last_error().local())};
    git::CommitPtr current(c);
    std::vector<Commit> line;
    while (true) {
        line.push_back(describe(current.get()));
        if (back_to && line.back().date < *back_to) break;
        git_commit* parent = nullptr;
        // The first commit, or the end of a shallow clone's history: the line starts here.
        if (git_commit_parentcount(current.get()) == 0 || counted(git_commit_parent(&parent, current.get(), 0)) != 0) break;
        current.reset(parent);
    }
    std::reverse(line.begin(), line.end());
    return line;
}

Repository GitSource::load(const Commit& commit, const LoadOptions& options, bool use_cache) const {
    LoadRequest request;
    request.root = state_->working_root ? *state_->working_root : state_->git_dir / state_->tree_path;
    request.options = options;
    // Nothing is written into a bare repository's folder.
    request.use_cache = use_cache && state_->working_root.has_value();
    auto root = pipeline_tree(state_->repo.get(), state_->tree_path, commit);
    if (auto* why = std::get_if<Text>(&root)) {
        Repository repo;
        repo.root = request.root;
        repo.diagnostics.error("pipeline.yaml", {}, "io", *why);
        return repo;
    }
    std::optional<CleanFiles> clean;
    if (request.use_cache) clean.emplace(state_->repo.get(), *state_->working_root, state_->tree_path);
    return load_repository_from(TreeSource(state_->repo.get(), state_->git_dir, std::get<git::TreePtr>(std::move(root)),
                                           commit.short_id(), clean ? &*clean : nullptr),
                                request);
}

namespace {

using DiffPtr = std::unique_ptr<git_diff, void (*)(git_diff*)>;

// What project_files and list_project_files list: under projects/, no hidden folder or file on
// the way, a YAML name.
bool is_listed_project_file(std::string_view path) {
    return path.starts_with("projects/") && path.find("/.") == std::string_view::npos && is_project_name(path);
}

// The project files a diff names (paths below `prefix`, the pipeline root, without it), sorted;
// nullopt when the difference needs the whole revision read: pipeline.yaml, the customer
// master (what its projects take from it), or a link.
std::optional<std::vector<std::string>> changed_project_files(const git_diff* d, const std::string& prefix) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < git_diff_num_deltas(d); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(d, i);
        for (const git_diff_file* f : {&delta->old_file, &delta->new_file}) {
            if (f->mode == 0) continue;  // absent on this side
            std::string_view path = f->path;
            if (!path.starts_with(prefix)) continue;
            path.remove_prefix(prefix.size());
            if (path == "pipeline.yaml" || path.starts_with("customers/")) return std::nullopt;
            if (!is_listed_project_file(path)) continue;
            if (f->mode == GIT_FILEMODE_LINK) return std::nullopt;
            paths.emplace_back(path);
        }
    }
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    return paths;
}

// Those of `paths` that are files of `tree`.
std::vector<std::string> files_of(const git_tree* tree, const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
        git_tree_entry* e = nullptr;
        if (counted(git_tree_entry_bypath(&e, tree, path.c_str()), components(path)) != 0) continue;  // not there
        git::TreeEntryPtr entry(e);
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) out.push_back(path);
    }
    return out;
}

// `into` with the records and findings of `paths` replaced by those of `read`; the records
// taken out, in path order.
std::vector<Project> replace_files(Repository& into, Repository& read, const std::vector<std::string>& paths) {
    const auto listed = [&](const std::string& path) { return std::binary_search(paths.begin(), paths.end(), path); };
    // One pass over records in path order: the replaced ones out, the read ones merged in.
    std::vector<Project> out, merged;
    merged.reserve(into.projects.size() + read.projects.size());
    auto next = read.projects.begin();
    for (Project& p : into.projects) {
        for (; next != read.projects.end() && next->path < p.path; ++next) merged.push_back(std::move(*next));
        (listed(p.path) ? out : merged).push_back(std::move(p));
    }
    for (; next != read.projects.end(); ++next) merged.push_back(std::move(*next));
    into.projects = std::move(merged);
    std::erase_if(into.diagnostics.items(), [&](const Diagnostic& d) { return listed(d.path); });
    for (Diagnostic& d : read.diagnostics.items())
        if (listed(d.path)) into.diagnostics.add(std::move(d));
    into.diagnostics.sort();
    return out;
}

// The project files whose bytes in the working tree (as `listing` has them) may differ from
// `tree`'s, sorted, told without looking at the files again: the tree against git's index
// (what is staged), then each index entry against the stamp the working tree's load took;
// files git does not track differ too. nullopt when pipeline.yaml or a link differs, or there
// is no index.
std::optional<std::vector<std::string>> working_differences(git_repository* repo, const std::string& prefix,
                                                            const fs::path& working_root, git_tree* tree,
                                                            const FileListing& listing) {
    auto index = open_index(repo);
    if (!index) return std::nullopt;
    // What is staged: the revision's tree against the index.
    git_diff_options diff_options = GIT_DIFF_OPTIONS_INIT;
    diff_options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    const std::string spec[] = {prefix + "pipeline.yaml", prefix + "projects"};
    const char* specs[] = {spec[0].c_str(), spec[1].c_str()};
    diff_options.pathspec = {const_cast<char**>(specs), 2};
    git_diff* d = nullptr;
    if (git_diff_tree_to_index(&d, repo, tree, index->index.get(), &diff_options) != 0) return std::nullopt;
    const DiffPtr diff(d, git_diff_free);
    auto differs = changed_project_files(d, prefix);
    if (!differs) return std::nullopt;

    // What is not: each index entry against the working file. A file whose stat data do not
    // show it clean is hashed: the same id, the same bytes. Its bytes as they are, without the
    // filters git may apply (line ends, attributes): loading each file's filters costs more than
    // the hash, and a file a filter changes only counts as differing, and is compared.
    const auto same_bytes = [&](const git_index_entry& e, std::string_view path, const FileStamp* st) {
        if (st && clean_by_stat(e, *st, index->written_ns)) return true;
        git_oid id;
        const fs::path file = working_root / path;
        return git_odb_hashfile(&id, file.c_str(), GIT_OBJECT_BLOB) == 0 && git_oid_equal(&id, &e.id);
    };
    const git_index_entry* config = git_index_get_bypath(index->index.get(), spec[0].c_str(), 0);
    const std::optional<FileStamp> config_stamp = file_stamp(working_root / "pipeline.yaml");
    if (!config || config->mode == GIT_FILEMODE_LINK || !same_bytes(*config, "pipeline.yaml", config_stamp ? &*config_stamp : nullptr))
        return std::nullopt;
    std::vector<char> tracked(listing.paths.size(), 0);
    const std::string projects = prefix + "projects/";
    std::size_t at = 0, next = 0;  // both are in path order: the next listed file is almost always the one
    if (git_index_find_prefix(&at, index->index.get(), projects.c_str()) == 0) {
        for (std::size_t n = git_index_entrycount(index->index.get()); at < n; ++at) {
            const git_index_entry* e = git_index_get_byindex(index->index.get(), at);
            std::string_view path = e->path;
            if (!path.starts_with(projects)) break;
            path.remove_prefix(prefix.size());
            if (!is_listed_project_file(path)) continue;
            if (e->mode == GIT_FILEMODE_LINK) return std::nullopt;
            std::size_t i = next;
            if (i >= listing.paths.size() || listing.paths[i] != path)
                i = static_cast<std::size_t>(std::lower_bound(listing.paths.begin(), listing.paths.end(), path) - listing.paths.begin());
            const bool listed = i < listing.paths.size() && listing.paths[i] == path;
            if (listed) {
                tracked[i] = 1;
                next = i + 1;
            }
            // An entry in conflict (stage 1 to 3), a file gone, or one that is not what git holds.
            if (GIT_INDEX_ENTRY_STAGE(e) != 0 || !listed || !listing.stamped[i] || !same_bytes(*e, path, &listing.stamps[i]))
                differs->emplace_back(path);
        }
    }
    // Files git does not track (new, untracked or ignored) differ from a revision that lacks them.
    for (std::size_t i = 0; i < listing.paths.size(); ++i)
        if (!tracked[i]) differs->push_back(listing.paths[i]);
    std::sort(differs->begin(), differs->end());
    differs->erase(std::unique(differs->begin(), differs->end()), differs->end());
    return differs;
}

}  // namespace

RevisionStep GitSource::advance(Repository& repo, const Commit& from, const Commit& to, const LoadOptions& options) const {
    const auto reload = [&] {
        RevisionStep step{{}, true, std::move(repo.projects)};
        repo = load(to, options);
        return step;
    };
    if (!repo.process) return reload();
    auto old_root = pipeline_tree(state_->repo.get(), state_->tree_path, from);
    auto new_root = pipeline_tree(state_->repo.get(), state_->tree_path, to);
    if (!std::holds_alternative<git::TreePtr>(old_root) || !std::holds_alternative<git::TreePtr>(new_root)) return reload();
    git_tree* new_tree = std::get<git::TreePtr>(new_root).get();
    git_diff_options diff_options = GIT_DIFF_OPTIONS_INIT;
    git_diff* d = nullptr;
    if (git_diff_tree_to_tree(&d, state_->repo.get(), std::get<git::TreePtr>(old_root).get(), new_tree, &diff_options) != 0)
        return reload();
    const DiffPtr diff(d, git_diff_free);
    auto changed = changed_project_files(d, "");
    if (!changed) return reload();
    RevisionStep step{std::move(*changed), false, {}};
    if (step.paths.empty()) return step;
    // The changed files that are still there, read from the later tree.
    LoadRequest request;
    request.root = repo.root;
    request.options = options;
    request.only = files_of(new_tree, step.paths);
    request.read_customer_master = false;  // unchanged (else the diff above asked for a reload)
    Repository read;
    if (!request.only.empty()) {
        read = load_repository_from(
            TreeSource(state_->repo.get(), state_->git_dir, std::get<git::TreePtr>(std::move(new_root)), to.short_id()), request);
        if (!read.process) return reload();
        resolve_customers(read.projects, repo.customers);
    }
    step.replaced = replace_files(repo, read, step.paths);
    return step;
}

std::optional<RevisionBeside> GitSource::read_beside(const Commit& commit, const Repository& working,
                                                     const LoadOptions& options) const {
    if (!state_->working_root || !working.listing || !working.process) return std::nullopt;
    auto root = pipeline_tree(state_->repo.get(), state_->tree_path, commit);
    if (!std::holds_alternative<git::TreePtr>(root)) return std::nullopt;
    auto tree = tree_of(state_->repo.get(), commit);
    if (!std::holds_alternative<git::TreePtr>(tree)) return std::nullopt;
    auto changed = working_differences(state_->repo.get(), state_->tree_path, *state_->working_root,
                                       std::get<git::TreePtr>(tree).get(), *working.listing);
    if (!changed) return std::nullopt;

    const TreeSource source(state_->repo.get(), state_->git_dir, std::get<git::TreePtr>(std::move(root)), commit.short_id());
    // The files taken from the working tree were resolved against its customer master: that
    // serves only when the revision's master has the same files with the same bytes.
    {
        Diagnostics ignored;
        const std::vector<std::string> revision_customers = source.customer_files(ignored);
        if (revision_customers.size() != working.customers.size()) return std::nullopt;
        for (std::size_t i = 0; i < revision_customers.size(); ++i) {
            if (working.customers[i].path.view() != revision_customers[i]) return std::nullopt;
            const auto theirs = source.read(revision_customers[i], working.process->rules.max_file_size, ignored);
            Diagnostics unread;
            const auto ours = read_text_file(*state_->working_root / revision_customers[i], revision_customers[i],
                                             working.process->rules.max_file_size, unread);
            if (!theirs || !ours || *theirs != *ours) return std::nullopt;
        }
    }
    RevisionBeside out;
    out.differing.root = *state_->working_root;
    // The revision's files among those that differ. Found by path when they are few; when many,
    // one walk of the tree lists their blobs (a path walk each would re-read the folders).
    Diagnostics listing;
    if (changed->size() > 256) source.project_files(listing);
    const std::vector<std::string> read = files_of(source.root(), *changed);
    if (read.empty()) {
        out.differing.process = *working.process;  // pipeline.yaml has the same bytes, so the same process
    } else {
        LoadRequest request;
        request.root = out.differing.root;
        request.options = options;
        request.only = read;
        request.read_customer_master = false;
        Repository loaded = load_repository_from(source, request);
        resolve_customers(loaded.projects, working.customers);
        if (!loaded.process) return std::nullopt;
        out.differing = std::move(loaded);
    }
    out.differs = std::move(*changed);
    return out;
}

}  // namespace pipeline
