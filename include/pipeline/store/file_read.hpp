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

// Whether this process may read a file of this owner, group and mode (its effective user and
// groups; root reads everything). From a stat already taken, without another system call.
bool may_read(const struct stat& st);

// "it is a FIFO (named pipe), not a regular file", ...: why a file of this type is not read.
// These sentences are Texts: findings carry them to JSON in English.
Text not_a_regular_file(const struct stat& st);

// "the file is larger than N bytes (rules.max_file_size); not read" (pipeline.yaml's own limit
// for it).
Text too_large(const std::string& display, std::size_t max_size);

// Why open(2) failed, for people: a loop of symbolic links is named as one (the system's
// other reasons are in English).
Text open_failure(int error);

// Reads a whole file into `text` (a buffer the caller may reuse), refusing more than
// `max_size` bytes. `stamp`, when given, receives the file's stamp taken before its bytes
// are read.
bool read_file_into(const std::filesystem::path& file, const std::string& display, std::size_t max_size,
                    std::string& text, Diagnostics& out, std::optional<FileStamp>* stamp = nullptr);

// Reads a whole file, refusing more than `max_size` bytes. Failures are findings on `display`.
std::optional<std::string> read_text_file(const std::filesystem::path& file, const std::string& display,
                                          std::size_t max_size, Diagnostics& out);

// Why a load would refuse `text` as a whole (larger than `max_size`, a NUL byte, not UTF-8):
// a sentence, or nullopt when it would read it. What a command writes is checked with it first.
// A Text: a refusal carries it to JSON in English.
std::optional<Text> refused_text(std::string_view text, std::size_t max_size);

// Checks that `text` is UTF-8; strips a byte-order mark. A finding (rule "encoding") otherwise.
bool prepare_text(std::string& text, const std::string& display, Diagnostics& out);

}  // namespace pipeline
