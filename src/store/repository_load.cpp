// Loading a whole repository: pipeline.yaml, then every project file on all cores, through
// the record cache.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "pipeline/model/project_load.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/record_cache.hpp"
#include "pipeline/store/repository.hpp"
#include "load_steps.hpp"
#include "parallel.hpp"

namespace fs = std::filesystem;

namespace pipeline {

namespace {

// pipeline.yaml's bytes; a symbolic link that leads out of the repository is refused.
std::optional<std::string> read_process_text(const fs::path& root, Diagnostics& out) {
    if (auto why = link_refusal(root, root / "pipeline.yaml")) {
        out.error("pipeline.yaml", {}, "symlink", *why);
        return std::nullopt;
    }
    return read_text_file(root / "pipeline.yaml", "pipeline.yaml", kMaxProcessFileSize, out);
}

}  // namespace

std::optional<Process> load_process_file(const fs::path& root, Diagnostics& out) {
    auto text = read_process_text(root, out);
    if (!text || !prepare_text(*text, "pipeline.yaml", out)) return std::nullopt;
    return load_process(*text, "pipeline.yaml", out);
}

namespace {

// Stamps files through a handle on their folder, kept while the next file is in the same
// one: the kernel then resolves one name instead of the whole path.
class DirectoryHandle {
public:
    DirectoryHandle() = default;
    DirectoryHandle(DirectoryHandle&& o) noexcept : folder_(std::move(o.folder_)), fd_(std::exchange(o.fd_, -1)) {}
    DirectoryHandle& operator=(DirectoryHandle&&) = delete;
    ~DirectoryHandle() {
        if (fd_ >= 0) ::close(fd_);
    }
    std::optional<FileStamp> stamp(const fs::path& root, const std::string& rel) {
        const std::size_t slash = rel.rfind('/');
        const std::string_view folder = std::string_view(rel).substr(0, slash == std::string::npos ? 0 : slash);
        if (fd_ < 0 || folder != folder_) {
            if (fd_ >= 0) ::close(fd_);
            folder_ = folder;
            fd_ = ::open((root / folder_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        struct stat st {};
        const char* name = rel.c_str() + (slash == std::string::npos ? 0 : slash + 1);
        if (fd_ < 0 || ::fstatat(fd_, name, &st, 0) != 0)
            if (::stat((root / rel).c_str(), &st) != 0) return std::nullopt;
        // A file this user may not read is read (and refused) again, never served from the
        // cache that someone who could read it wrote.
        if (!may_read(st) || !S_ISREG(st.st_mode)) return std::nullopt;
        return stamp_of(st);
    }

private:
    std::string folder_;
    int fd_ = -1;
};

// Reads and loads the files at `todo` (indices into `files`).
void load_files(const fs::path& root, const Process& process, LoadOptions options, const std::vector<std::size_t>& todo,
                FileRecords& files) {
    parallel_for(
        todo.size(), [] { return std::string(); },
        [&](std::size_t k, std::string& buffer) {
            const std::size_t i = todo[k];
            const std::string& path = files.paths[i];
            Diagnostics& out = files.findings[i];
            std::optional<FileStamp> stamp;
            const bool read = read_file_into(root / path, path, process.rules.max_file_size, buffer, out, &stamp);
            files.stamped[i] = stamp.has_value();
            if (stamp) files.stamps[i] = *stamp;
            if (read) load_file_bytes(buffer, i, process, options, files);
        });
}

// Files named one by one: those that lead out of the repository are findings, as in a listing.
std::vector<std::string> files_inside(const fs::path& root, const std::vector<std::string>& paths, Diagnostics& out) {
    std::vector<std::string> kept;
    for (const std::string& rel : paths) {
        if (auto why = link_refusal(root, root / rel)) out.error(rel, {}, "symlink", *why);
        else kept.push_back(rel);
    }
    return kept;
}

}  // namespace

void load_file_bytes(std::string& bytes, std::size_t i, const Process& process, const LoadOptions& options,
                     FileRecords& files) {
    if (!prepare_text(bytes, files.paths[i], files.findings[i])) return;
    if (auto project = load_project(bytes, files.paths[i], process, files.findings[i], options)) {
        files.projects[i] = std::move(*project);
        files.loaded[i] = 1;
    }
}

// Moves the results into `repo`: findings in path order, projects without the files that failed.
void collect_records(FileRecords& files, Repository& repo) {
    for (Diagnostics& d : files.findings)
        for (Diagnostic& item : d.items()) repo.diagnostics.add(std::move(item));
    std::size_t kept = 0;
    for (std::size_t i = 0; i < files.projects.size(); ++i)
        if (files.loaded[i]) {
            if (kept != i) files.projects[kept] = std::move(files.projects[i]);
            ++kept;
        }
    files.projects.resize(kept);
    repo.projects = std::move(files.projects);
}

void mark_document_files(const fs::path& root, Project& p) {
    for (Document& d : p.documents) {
        if (d.path.empty()) continue;
        const fs::path file = root / d.path.str();
        std::error_code ec;
        d.file_missing = !valid_document_path(d.path.view()) || !inside_repository(root, file) || !fs::is_regular_file(file, ec);
    }
}

void load_customer_bytes(std::string& bytes, const std::string& path, const Process& process, const LoadOptions& options,
                         std::vector<CustomerRecord>& customers, Diagnostics& out) {
    if (!prepare_text(bytes, path, out)) return;
    if (auto c = load_customer(bytes, path, process, out, options)) customers.push_back(std::move(*c));
}

std::vector<CustomerRecord> load_customer_master(const fs::path& root, const Process& process, const LoadOptions& options,
                                                 Diagnostics& out) {
    std::vector<CustomerRecord> customers;
    for (const std::string& rel : list_yaml_files(root, "customers", out))
        if (auto text = read_text_file(root / rel, rel, process.rules.max_file_size, out))
            load_customer_bytes(*text, rel, process, options, customers, out);
    return customers;
}

// The customer master: few files, read each time (no cache); the projects that name one by id
// take what they leave out from it.
void load_customers(Repository& repo, const LoadOptions& options) {
    repo.customers = load_customer_master(repo.root, *repo.process, options, repo.diagnostics);
    resolve_customers(repo.projects, repo.customers);
}

Repository load_repository(const LoadRequest& request) {
    Repository repo;
    repo.root = request.root;
    const std::int64_t started = now_ns();  // before any file is stamped: the cache's racy rule
    const bool use_cache = request.use_cache && request.only.empty();
    auto process_text = read_process_text(request.root, repo.diagnostics);
    CacheKey key;
    if (process_text && use_cache) key = make_cache_key(*process_text, request.options);
    if (process_text && prepare_text(*process_text, "pipeline.yaml", repo.diagnostics))
        repo.process = load_process(*process_text, "pipeline.yaml", repo.diagnostics);
    if (!repo.process) return repo;

    FileRecords files(request.only.empty() ? list_project_files(request.root, repo.diagnostics)
                                           : files_inside(request.root, request.only, repo.diagnostics));
    std::vector<std::size_t> todo;
    bool rewrite = false;
    const fs::path cache = record_cache_file(request.root, request.options);
    if (use_cache) {
        parallel_for(
            files.size(), [] { return DirectoryHandle(); },
            [&](std::size_t i, DirectoryHandle& dir) {
                if (auto s = dir.stamp(request.root, files.paths[i])) {
                    files.stamps[i] = *s;
                    files.stamped[i] = 1;
                }
            });
        std::size_t entries = 0;
        const bool valid = read_record_cache(cache, key, files, entries);
        const auto hits = static_cast<std::size_t>(std::count(files.cached.begin(), files.cached.end(), 1));
        rewrite = !valid || hits != entries || hits != files.size();
    }
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!files.cached[i]) todo.push_back(i);
    load_files(request.root, *repo.process, request.options, todo, files);
    if (rewrite) write_record_cache(cache, key, files, started);
    if (request.keep_listing && request.only.empty())
        repo.listing = FileListing{std::move(files.paths), std::move(files.stamps), std::move(files.stamped)};
    collect_records(files, repo);
    for (Project& p : repo.projects) mark_document_files(repo.root, p);
    load_customers(repo, request.options);
    return repo;
}

}  // namespace pipeline
