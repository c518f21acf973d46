// Finding a pipeline repository and loading it into the model.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/store/file_read.hpp"

namespace pipeline {

// The folder holding pipeline.yaml: `start` or its nearest ancestor that has one.
std::optional<std::filesystem::path> find_repository(const std::filesystem::path& start);

// Project files (*.yaml, *.yml) under root/projects, relative to root, sorted.
// Symbolic links that lead out of the repository become findings, not files.
std::vector<std::string> list_project_files(const std::filesystem::path& root, Diagnostics& out);
// The same for the files under root/`top` (customers/ for the customer master).
std::vector<std::string> list_yaml_files(const std::filesystem::path& root, const std::string& top, Diagnostics& out);

// Whether `file` (which need not exist yet) is inside `root` once every symbolic link on the
// way is followed: a link that leads out of the repository is refused wherever it is.
bool inside_repository(const std::filesystem::path& root, const std::filesystem::path& file);

// Why `file` is not read as part of the repository: it is reached through symbolic links in a
// loop, or through one that leads out of it; nullopt when it is inside. The sentence ends
// "not read", for findings (a Text: English in JSON).
std::optional<Text> link_refusal(const std::filesystem::path& root, const std::filesystem::path& file);

// The finding's words for a link that leads out of the repository: a message id, English
// here; say(kLeadsOut) gives both languages.
inline constexpr const char* kLeadsOut = N_("symbolic link leads out of the repository; not read");

// The project files a load of the working tree listed, each with the stamp it had when it was
// read or looked up in the cache: what git's index is compared with, without a second look.
struct FileListing {
    std::vector<std::string> paths;     // relative to the root, sorted
    std::vector<FileStamp> stamps;
    std::vector<char> stamped;          // whether stamps[i] is known (a regular file this user may read)
};

struct Repository {
    std::filesystem::path root;
    std::optional<Process> process;     // nullopt: pipeline.yaml unusable (see diagnostics)
    std::vector<Project> projects;      // in path order
    std::vector<CustomerRecord> customers;  // the customer master (customers/**/*.yaml), in path order
    Diagnostics diagnostics;            // from loading: syntax, types, I/O
    std::optional<FileListing> listing; // with LoadRequest::keep_listing, from load_repository
};

struct LoadRequest {
    std::filesystem::path root;
    std::vector<std::string> only;      // relative paths; empty = every project file
    LoadOptions options;
    // Use the cache of loaded records under .pipeline/ (whole-repository loads only; see record_cache.hpp).
    bool use_cache = false;
    // Keep the listing of project files and their stamps (Repository::listing).
    bool keep_listing = false;
    // Read customers/ and resolve the projects' customers from it (load_repository_from only:
    // a step between revisions whose master did not change resolves from the one it has).
    bool read_customer_master = true;
};

// Loads pipeline.yaml and the project files. Never throws for bad input.
Repository load_repository(const LoadRequest& request);

// A place other than the file system that holds a repository's files (e.g. one git revision).
// Paths are relative to the repository root; failures are findings on that path.
class FileSource {
public:
    virtual ~FileSource() = default;
    // Project files under projects/, sorted, as list_project_files names them.
    virtual std::vector<std::string> project_files(Diagnostics& out) const = 0;
    // Customer files under customers/, sorted; called after project_files() and after the
    // project files are read.
    virtual std::vector<std::string> customer_files(Diagnostics&) const { return {}; }
    // The bytes of one file; a finding and nullopt when absent, unreadable or over `max_size`.
    virtual std::optional<std::string> read(const std::string& path, std::size_t max_size, Diagnostics& out) const = 0;
    // Whether project files may be read on several threads, each through a for_thread() source.
    virtual bool reads_in_parallel() const { return false; }
    // A source of the same files for one more thread to read project files through, after
    // project_files(); nullptr when none can be made (the thread then reads through this one,
    // one thread at a time).
    virtual std::unique_ptr<FileSource> for_thread() const { return nullptr; }
    // A stamp that names the bytes of a project file (a git blob's id), for the record cache;
    // nullopt when the source has none for it. Valid after project_files().
    virtual std::optional<FileStamp> content_stamp(const std::string&) const { return std::nullopt; }
    // The stamp of the working tree's file at `path` when it holds this source's bytes of it
    // (git's index shows it clean, at the same blob), so that what the working tree's record
    // cache holds for it serves here too; nullopt otherwise. Valid after project_files().
    virtual std::optional<FileStamp> working_tree_stamp(const std::string&) const { return std::nullopt; }
};

// load_repository over another source: the same steps (size limit, UTF-8, parse, type).
// `request.root` labels the result and, with `request.use_cache` and a source that gives
// content stamps, holds the cache of what its files gave (ROOT/.pipeline/revisions.cache);
// files it misses that the source finds clean in the working tree come from the working
// tree's cache (ROOT/.pipeline/records.cache) when it holds them.
Repository load_repository_from(const FileSource& source, const LoadRequest& request);

// Marks the documents of `p` whose path names no regular file inside the repository at `root`
// (Document::file_missing): the gate check `document` and pipeline check read the mark, and
// neither looks at the disk. load_repository does it for every project it loads.
void mark_document_files(const std::filesystem::path& root, Project& p);

// The customer files under root/customers, loaded in path order; findings for the bad ones.
std::vector<CustomerRecord> load_customer_master(const std::filesystem::path& root, const Process& process,
                                                 const LoadOptions& options, Diagnostics& out);

// Loads pipeline.yaml alone.
std::optional<Process> load_process_file(const std::filesystem::path& root, Diagnostics& out);

// The path of project `id`: an existing file whose stem is the id, or projects/ID.yaml.
// The id must be valid (no separators, no "..").
std::string project_path_for(const std::filesystem::path& root, const std::string& id);

}  // namespace pipeline
