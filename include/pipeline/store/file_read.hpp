// Reading one file: its stamp, its bytes within a size limit, and a check that they are
// UTF-8 text before anything parses them. Failures are findings on the file's display path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <sys/stat.h>

#include "pipeline/base/diagnostic.hpp"

namespace pipeline {

// What identifies a file's content without reading it.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;          // set by the kernel on every change; users cannot set it
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// The stamp of `file` (symbolic links followed); nullopt when it cannot be looked at.
std::optional<FileStamp> file_stamp(const std::filesystem::path& file);

// The stamp of what fstat or stat returned.
FileStamp stamp_of(const struct stat& st);

// Reads a whole file into `text` (a buffer the caller may reuse), refusing more than
// `max_size` bytes. `stamp`, when given, receives the file's stamp taken before its bytes
// are read.
bool read_file_into(const std::filesystem::path& file, const std::string& display, std::size_t max_size,
                    std::string& text, Diagnostics& out, std::optional<FileStamp>* stamp = nullptr);

// Reads a whole file, refusing more than `max_size` bytes. Failures are findings on `display`.
std::optional<std::string> read_text_file(const std::filesystem::path& file, const std::string& display,
                                          std::size_t max_size, Diagnostics& out);

// Checks that `text` is UTF-8; strips a byte-order mark. A finding (rule "encoding") otherwise.
bool prepare_text(std::string& text, const std::string& display, Diagnostics& out);

}  // namespace pipeline
