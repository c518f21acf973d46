// What the loaders of this folder (the working tree, git revisions) do alike once a file's
// bytes are in hand. Internal to src/store.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/store/record_cache.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline {

// The largest pipeline.yaml read, wherever it comes from (a project file has rules.max_file_size).
inline constexpr std::size_t kMaxProcessFileSize = 4u << 20;

// Loads `bytes`, the text of file `i` of `files`: its record (loaded[i]) and its findings.
void load_file_bytes(std::string& bytes, std::size_t i, const Process& process, const LoadOptions& options,
                     FileRecords& files);

// Moves the results into `repo`: findings in path order, projects without the files that failed.
void collect_records(FileRecords& files, Repository& repo);

// Loads `bytes`, the text of customer file `path`, into `customers` when it is one; findings to `out`.
void load_customer_bytes(std::string& bytes, const std::string& path, const Process& process, const LoadOptions& options,
                         std::vector<CustomerRecord>& customers, Diagnostics& out);

}  // namespace pipeline
