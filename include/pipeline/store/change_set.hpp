// Several files changed as one change of the repository (customer extract; an import): each
// written safely (store/atomic_write.hpp), and when one cannot be written, those written before
// it are undone, so the repository is left as it was.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/store/atomic_write.hpp"

namespace pipeline {

struct FileChange {
    std::filesystem::path file;
    std::string display;                 // the file in messages (its path from the repository root)
    std::optional<std::string> before;   // the bytes read when the change was planned; nullopt for a new file
    std::string after;
};

// Writes the changes in order: a new file is created (with its folders) and fails if the name is
// taken; an existing one is locked and replaced, refused when it is no longer `before`. When one
// fails, the files written before it are undone (replaced ones written back, then new ones
// removed with the folders made for them) and the error says what failed and whether all was
// undone; when a replaced file cannot be put back, the new files stay, as it may name them.
std::optional<IoError> write_changes(const std::vector<FileChange>& changes, std::size_t max_size);

}  // namespace pipeline
