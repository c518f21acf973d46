// Loading a repository from a FileSource: the steps of load_repository after the bytes are read.
#include <algorithm>
#include <mutex>

#include "load_steps.hpp"
#include "parallel.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/record_cache.hpp"
#include "pipeline/store/repository.hpp"

namespace fs = std::filesystem;

namespace pipeline {
namespace {

// The files `files` still misses that the source finds clean in the working tree, taken from
// the working tree's record cache where it holds them: a file `check` parsed is not parsed
// again for a revision that has the same bytes.
void take_from_working_tree(const FileSource& source, const LoadRequest& request, const CacheKey& key, FileRecords& files) {
    std::vector<std::string> paths;
    std::vector<std::size_t> at;
    std::vector<FileStamp> stamps;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files.cached[i]) continue;
        if (auto stamp = source.working_tree_stamp(files.paths[i])) {
            paths.push_back(files.paths[i]);
            at.push_back(i);
            stamps.push_back(*stamp);
        }
    }
    if (paths.empty()) return;
    FileRecords tree(std::move(paths));
    for (std::size_t k = 0; k < tree.size(); ++k) {
        tree.stamps[k] = stamps[k];
        tree.stamped[k] = 1;
    }
    std::size_t entries = 0;
    if (!read_record_cache(record_cache_file(request.root, request.options), key, tree, entries)) return;
    for (std::size_t k = 0; k < tree.size(); ++k) {
        if (!tree.cached[k]) continue;
        const std::size_t i = at[k];
        files.projects[i] = std::move(tree.projects[k]);
        files.findings[i] = std::move(tree.findings[k]);
        files.loaded[i] = tree.loaded[k];
        files.cached[i] = 1;
    }
}

}  // namespace

Repository load_repository_from(const FileSource& source, const LoadRequest& request) {
    Repository repo;
    repo.root = request.root;
    auto text = source.read("pipeline.yaml", kMaxProcessFileSize, repo.diagnostics);
    CacheKey key;
    if (text && request.use_cache) key = make_cache_key(*text, request.options);
    if (text && prepare_text(*text, "pipeline.yaml", repo.diagnostics))
        repo.process = load_process(*text, "pipeline.yaml", repo.diagnostics);
    if (!repo.process) return repo;
    FileRecords files(request.only.empty() ? source.project_files(repo.diagnostics) : request.only);
    const bool use_cache = request.use_cache && request.only.empty();
    const fs::path cache = revision_cache_file(request.root, request.options);
    bool rewrite = false;
    if (use_cache) {
        for (std::size_t i = 0; i < files.size(); ++i)
            if (auto stamp = source.content_stamp(files.paths[i])) {
                files.stamps[i] = *stamp;
                files.stamped[i] = 1;
            }
        std::size_t entries = 0;
        read_record_cache(cache, key, files, entries);
        const auto hits = static_cast<std::size_t>(std::count(files.cached.begin(), files.cached.end(), 1));
        // The cache holds the files of the revision written last and of others before it; the
        // two revisions of a diff differ in a few files, which are parsed again rather than the
        // whole cache rewritten twice a run (or git's index and the working tree's cache read for them).
        // When it missed many, the working tree's cache serves those it can and it is
        // rewritten: finding them there costs a look at each working file and at the index,
        // which a blob id in this cache spares the next run.
        rewrite = files.size() - hits > files.size() / 64 + 16;
        if (rewrite) take_from_working_tree(source, request, key, files);
    }
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!files.cached[i]) todo.push_back(i);
    // Each file's result at its index, findings merged in path order: the same whatever the
    // number of threads.
    const Process& process = *repo.process;
    const auto load_one = [&](std::size_t k, const FileSource& from) {
        const std::size_t i = todo[k];
        auto bytes = from.read(files.paths[i], process.rules.max_file_size, files.findings[i]);
        // A blob that could not be read (an object store in the middle of a repack, no file
        // handle left) is not what the file gives: it is never kept in the cache.
        if (!bytes) files.stamped[i] = 0;
        else load_file_bytes(*bytes, i, process, request.options, files);
    };
    if (source.reads_in_parallel()) {
        std::mutex shared;  // a thread that got no reader of its own reads through `source`, in turn
        parallel_for(
            todo.size(), [&] { return source.for_thread(); },
            [&](std::size_t k, std::unique_ptr<FileSource>& reader) {
                if (reader) return load_one(k, *reader);
                const std::lock_guard<std::mutex> lock(shared);
                load_one(k, source);
            });
    } else {
        for (std::size_t k = 0; k < todo.size(); ++k) load_one(k, source);
    }
    // Up to as many entries again of other revisions' blobs: a year of weekly history changes
    // a fraction of the files, and diff, trend and check --base then share one cache.
    if (rewrite) write_record_cache(cache, key, files, now_ns(), files.size());
    collect_records(files, repo);
    // The revision's customer master, as load_repository reads the working tree's.
    if (!request.read_customer_master) return repo;
    for (const std::string& rel : source.customer_files(repo.diagnostics))
        if (auto bytes = source.read(rel, process.rules.max_file_size, repo.diagnostics))
            load_customer_bytes(*bytes, rel, process, request.options, repo.customers, repo.diagnostics);
    resolve_customers(repo.projects, repo.customers);
    return repo;
}

}  // namespace pipeline
