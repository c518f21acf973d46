#include "pipeline/repository.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "pipeline/record_cache.hpp"

namespace fs = std::filesystem;

namespace pipeline {

std::optional<fs::path> find_repository(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return std::nullopt;
    dir = dir.lexically_normal();
    while (true) {
        if (fs::is_regular_file(dir / "pipeline.yaml", ec)) return dir;
        if (!dir.has_relative_path()) return std::nullopt;
        fs::path parent = dir.parent_path();
        if (parent == dir) return std::nullopt;
        dir = parent;
    }
}

namespace {

bool is_project_file(const fs::path& p) {
    const auto ext = p.extension();
    return ext == ".yaml" || ext == ".yml";
}

bool inside(const fs::path& root_canonical, const fs::path& p) {
    if (root_canonical.empty()) return false;  // the root could not be resolved: trust nothing
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(p, ec);
    if (ec) return false;
    auto r = root_canonical.begin();
    auto t = target.begin();
    for (; r != root_canonical.end(); ++r, ++t)
        if (t == target.end() || *r != *t) return false;
    return true;
}

}  // namespace

bool inside_repository(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path root_canonical = fs::weakly_canonical(root, ec);
    return !ec && inside(root_canonical, file);
}

std::vector<std::string> list_project_files(const fs::path& root, Diagnostics& out) {
    std::vector<std::string> files;
    const fs::path projects = root / "projects";
    std::error_code ec;
    if (!fs::is_directory(projects, ec)) return files;
    fs::path root_canonical = fs::weakly_canonical(root, ec);
    if (ec) root_canonical.clear();
    if (!inside(root_canonical, projects)) {
        out.error("projects", {}, "symlink", "symbolic link leads out of the repository; not read");
        return files;
    }
    fs::recursive_directory_iterator it(projects, fs::directory_options::skip_permission_denied, ec), end;
    // Entries are projects/...: their path relative to the root is plain string work, which
    // matters with tens of thousands of files.
    const std::size_t prefix = projects.native().size();
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string& full = p.native();
        const std::string rel = "projects" + full.substr(prefix);
        const std::string_view name = std::string_view(full).substr(full.rfind('/') + 1);
        if (it->is_symlink(ec)) {
            if (!inside(root_canonical, p)) {
                if (is_project_file(p) || it->is_directory(ec))
                    out.error(rel, {}, "symlink", "symbolic link leads out of the repository; not read");
                continue;
            }
        }
        if (it->is_directory(ec)) {
            if (name.starts_with(".")) it.disable_recursion_pending();
            continue;
        }
        if (name.starts_with(".")) continue;
        if ((name.ends_with(".yaml") || name.ends_with(".yml")) && it->is_regular_file(ec)) files.push_back(rel);
    }
    if (ec) out.error("projects", {}, "io", fmt::format("cannot list project files: {}", ec.message()));
    std::sort(files.begin(), files.end());
    return files;
}

namespace {

// Reads a whole file into `text` (a buffer reused across files), refusing more than `max_size` bytes.
// `stamp`, when given, receives the file's stamp taken before its bytes are read.
bool read_file_into(const fs::path& file, const std::string& display, std::size_t max_size, std::string& text,
                    Diagnostics& out, std::optional<FileStamp>* stamp = nullptr) {
    text.clear();
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        out.error(display, {}, "io", fmt::format("cannot read the file: {}", std::error_code(errno, std::generic_category()).message()));
        return false;
    }
    struct stat st {};
    const bool stat_ok = ::fstat(fd, &st) == 0;
    if (stat_ok && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) <= max_size)
        text.reserve(static_cast<std::size_t>(st.st_size) + 1);
    if (stamp && stat_ok)
        *stamp = FileStamp{static_cast<std::uint64_t>(st.st_size),
                           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                           static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec,
                           static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
    bool ok = true;
    char chunk[65536];
    while (true) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            out.error(display, {}, "io", "read error");
            ok = false;
            break;
        }
        if (n == 0) break;
        text.append(chunk, static_cast<std::size_t>(n));
        if (text.size() > max_size) {
            out.error(display, {}, "file-size",
                      fmt::format("the file is larger than {} bytes (rules.max_file_size); not read", max_size));
            ok = false;
            break;
        }
    }
    ::close(fd);
    return ok;
}

}  // namespace

std::optional<std::string> read_text_file(const fs::path& file, const std::string& display, std::size_t max_size,
                                          Diagnostics& out) {
    std::string text;
    if (!read_file_into(file, display, max_size, text, out)) return std::nullopt;
    return text;
}

bool prepare_text(std::string& text, const std::string& display, Diagnostics& out) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 2) ok = c >= 0xC2;
        if (ok && n == 3) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok || c == 0) {
            int column = 1;
            for (std::size_t k = line_start; k < i; ++k)
                if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
            out.error(display, {line, column}, "encoding",
                      c == 0 ? std::string("the file holds a NUL byte; it is not a text file")
                             : fmt::format("byte 0x{:02X} is not UTF-8; save the file as UTF-8", c));
            return false;
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        }
        i += n;
    }
    return true;
}

namespace {

// pipeline.yaml's bytes; a symbolic link that leads out of the repository is refused.
std::optional<std::string> read_process_text(const fs::path& root, Diagnostics& out) {
    if (!inside_repository(root, root / "pipeline.yaml")) {
        out.error("pipeline.yaml", {}, "symlink", "symbolic link leads out of the repository; not read");
        return std::nullopt;
    }
    return read_text_file(root / "pipeline.yaml", "pipeline.yaml", 4u << 20, out);
}

}  // namespace

std::optional<Process> load_process_file(const fs::path& root, Diagnostics& out) {
    auto text = read_process_text(root, out);
    if (!text || !prepare_text(*text, "pipeline.yaml", out)) return std::nullopt;
    return load_process(*text, "pipeline.yaml", out);
}

namespace {

// Threads for loading: one per core, or PIPELINE_JOBS.
unsigned load_threads(std::size_t files) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (const char* env = std::getenv("PIPELINE_JOBS")) {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && n >= 1) threads = static_cast<unsigned>(std::min(n, 256L));
    }
    // A thread is worth starting for a few dozen files, not for one.
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, files / 32)));
}

// Runs per_item(i, state) for i in [0, n) on a fixed pool of threads, each taking the next
// index in turn; `state` (made once per thread by make_state) is scratch space such as a buffer.
// Results must land at their own index, so the outcome does not depend on timing.
template <class MakeState, class PerItem>
void parallel_for(std::size_t n, MakeState make_state, PerItem per_item) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        auto state = make_state();
        for (std::size_t i = next++; i < n; i = next++) per_item(i, state);
    };
    const unsigned threads = load_threads(n);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
}

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
        if (fd_ < 0 || ::fstatat(fd_, name, &st, 0) != 0) return file_stamp(root / rel);
        return FileStamp{static_cast<std::uint64_t>(st.st_size),
                         static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                         static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec,
                         static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
    }

private:
    std::string folder_;
    int fd_ = -1;
};

// Vectors grow by doubling while a file is read; a record kept for the whole run need not.
void compact(Project& p) {
    p.team.shrink_to_fit();
    p.contacts.shrink_to_fit();
    p.competitors.shrink_to_fit();
    p.risks.shrink_to_fit();
    p.activities.shrink_to_fit();
    p.history.shrink_to_fit();
    p.approvals.shrink_to_fit();
    p.payments.shrink_to_fit();
}

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
            if (!read || !prepare_text(buffer, path, out)) return;
            if (auto project = load_project(buffer, path, process, out, options)) {
                compact(*project);
                files.projects[i] = std::move(*project);
                files.loaded[i] = 1;
            }
        });
}

// Moves the results into `repo`: findings in path order, projects without the files that failed.
void collect(FileRecords& files, Repository& repo) {
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

// Files named one by one: those that lead out of the repository are findings, as in a listing.
std::vector<std::string> files_inside(const fs::path& root, const std::vector<std::string>& paths, Diagnostics& out) {
    std::vector<std::string> kept;
    for (const std::string& rel : paths) {
        if (inside_repository(root, root / rel)) kept.push_back(rel);
        else out.error(rel, {}, "symlink", "symbolic link leads out of the repository; not read");
    }
    return kept;
}

}  // namespace

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
    collect(files, repo);
    return repo;
}

std::string project_path_for(const fs::path& root, const std::string& id) {
    // The usual place first, so one project is found without listing the others.
    std::error_code ec;
    for (const char* ext : {".yaml", ".yml"})
        if (fs::is_regular_file(root / "projects" / (id + ext), ec)) return "projects/" + id + ext;
    // Then one folder down (projects/east/ID.yaml), still without listing every file.
    std::vector<std::string> folders;
    for (fs::directory_iterator it(root / "projects", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(".") && it->is_directory(ec) && !it->is_symlink(ec)) folders.push_back(name);
    }
    std::sort(folders.begin(), folders.end());
    for (const std::string& folder : folders)
        for (const char* ext : {".yaml", ".yml"})
            if (fs::is_regular_file(root / "projects" / folder / (id + ext), ec) &&
                !fs::is_symlink(root / "projects" / folder / (id + ext), ec))
                return "projects/" + folder + "/" + id + ext;
    Diagnostics ignored;
    for (const std::string& rel : list_project_files(root, ignored))
        if (fs::path(rel).stem() == id) return rel;
    return "projects/" + id + ".yaml";
}

}  // namespace pipeline
