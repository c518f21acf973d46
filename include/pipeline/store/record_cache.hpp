// The cache of loaded project records under .pipeline/: what loading gave for each project
// file (the record and its findings), so an unchanged file need not be read and parsed again.
//
// It can never serve stale data. An entry is used only when its file's path, size,
// modification and change times (nanoseconds), inode and device all match, and when both
// times are older than the moment its load began less the timestamp granularity (git's
// "racy" rule: an edit within the same tick could leave every stamp unchanged). The whole
// cache is keyed by the exact bytes of pipeline.yaml, the load options, the format and the
// build of the program; a file that is foreign, truncated or corrupt (magic, version,
// checksums) is ignored and rebuilt, never trusted. See pipeline(1), FILES.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/model/project_load.hpp"

namespace pipeline {

// What the cache is valid for, besides each file's stamp.
struct CacheKey {
    std::string build;                  // program version and the identity of its executable
    std::uint64_t process_hash = 0;     // of pipeline.yaml's exact bytes
    std::uint64_t process_size = 0;
    bool strict = false;                // LoadOptions::strict
};

CacheKey make_cache_key(std::string_view process_text, const LoadOptions& options);

// The project files of one load, by index in path order, and what loading each gave.
struct FileRecords {
    std::vector<std::string> paths;     // relative to the root, sorted
    std::vector<FileStamp> stamps;      // each file's stamp, taken before its bytes were read
    std::vector<char> stamped;          // whether stamps[i] is known
    std::vector<Project> projects;      // valid where loaded[i]
    std::vector<Diagnostics> findings;  // what loading the file reported
    std::vector<char> loaded;           // the file gave a project record
    std::vector<char> cached;           // taken from the cache, not read

    explicit FileRecords(std::vector<std::string> sorted_paths);
    std::size_t size() const { return paths.size(); }
};

// The cache file for a repository root and these options: ROOT/.pipeline/records[-strict].cache.
std::filesystem::path record_cache_file(const std::filesystem::path& root, const LoadOptions& options);

// The cache of records read from git revisions, keyed by each file's path and blob id
// (a content stamp: see FileSource::content_stamp): ROOT/.pipeline/revisions[-strict].cache.
std::filesystem::path revision_cache_file(const std::filesystem::path& root, const LoadOptions& options);

// The stamp of a git blob for the cache: the first 16 bytes of its id (a blob id names its
// content), no size and no times, so that it is never "racy".
FileStamp blob_stamp(const unsigned char (&id)[20]);

// Fills every file of `records` that has a trusted entry (stamps[i] must be set) and marks it
// cached. Returns false, with nothing filled, when the cache is absent, foreign or damaged.
// `entries` receives the number of entries the cache holds.
bool read_record_cache(const std::filesystem::path& file, const CacheKey& key, FileRecords& records,
                       std::size_t& entries);

// Writes every stamped file of `records` (a temporary file renamed over `file`). `started_ns`:
// the time, before any file was stamped, that the racy rule compares against. `keep`: the
// entries of the cache already there that `records` does not hold (the blobs of other
// revisions) are carried over when there are at most this many, so that commands reading
// different revisions do not rewrite it by turns; more, and it starts anew. Returns false
// when it could not be written (a missing or read-only folder): the cache is then simply not used.
bool write_record_cache(const std::filesystem::path& file, const CacheKey& key, const FileRecords& records,
                        std::int64_t started_ns, std::size_t keep = 0);

// The current time in nanoseconds since the epoch (the clock file times are set from).
std::int64_t now_ns();


}  // namespace pipeline
