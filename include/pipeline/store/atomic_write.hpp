// Writes that lose nothing: a change is written to a temporary file in the same folder,
// flushed to disk and renamed over the original, so a reader sees the old file or the
// new one, never a mix; the file's mode is kept. A file is locked while it is changed,
// and a change is refused when the file changed on disk since it was read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace pipeline {

// Why a file could not be opened, locked or written, in the reader's language: only the
// command layer shows it, as text.
struct IoError {
    std::string message;
};

// A file opened to be changed: locked against other writers, read whole.
class LockedFile {
public:
    // Opens `file`, takes an exclusive lock on it without waiting (flock(2): advisory, released
    // when the process ends) and reads it. Fails when another process holds the lock, when the
    // file is larger than `max_size`, or when it was replaced while being opened. Messages
    // name the file `display` (default: its path).
    static std::variant<LockedFile, IoError> open(const std::filesystem::path& file, std::size_t max_size,
                                                  const std::string& display = {});

    LockedFile(LockedFile&& other) noexcept;
    LockedFile& operator=(LockedFile&& other) noexcept;
    LockedFile(const LockedFile&) = delete;
    LockedFile& operator=(const LockedFile&) = delete;
    ~LockedFile();

    // The bytes as read.
    const std::string& bytes() const { return bytes_; }
    const std::filesystem::path& path() const { return path_; }

    // Replaces the file with `content` (temporary file, fsync, rename, fsync of the folder),
    // keeping its mode, and its owner and group as far as this user may set them. Refuses,
    // writing nothing, when the file on disk is no longer what was read (other bytes, size,
    // modification time or inode).
    std::optional<IoError> replace(std::string_view content);
    // After replace: what could not be kept ("it belonged to uid 1001; it is yours now"), or empty;
    // in the reader's language.
    const std::string& note() const { return note_; }

private:
    LockedFile() = default;
    int fd_ = -1;
    std::filesystem::path path_;   // the file itself (symbolic links resolved)
    std::string display_;          // its name in messages
    std::string bytes_;
    unsigned long long device_ = 0, inode_ = 0;
    long long size_ = 0, mtime_sec_ = 0, mtime_nsec_ = 0;
    unsigned mode_ = 0;
    unsigned owner_ = 0, group_ = 0;
    std::string note_;
};

// An exclusive lock on a folder (flock(2) on the folder itself), held while the object lives:
// what makes creating a project exclusive across the repository (pipeline new holds the lock
// of projects/ from looking for the id until the new file is linked).
class FolderLock {
public:
    // Waits for the lock; an error when the folder cannot be opened or locked.
    static std::variant<FolderLock, IoError> acquire(const std::filesystem::path& folder, const std::string& display);
    FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    FolderLock& operator=(FolderLock&&) = delete;
    FolderLock(const FolderLock&) = delete;
    ~FolderLock();

private:
    explicit FolderLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// Writes a file that must not exist yet: a temporary file, flushed, then linked to its name,
// which fails if the name was taken in the meantime. Mode: 0666 less the umask. `display`
// names the file in messages (default: its path).
std::optional<IoError> create_file(const std::filesystem::path& file, std::string_view content,
                                   const std::string& display = {});

// Writes a whole output file (a report, a schema) that may exist already: refused, writing
// nothing, when the name is anything but a regular file or absent (a folder, a device, a FIFO,
// a symbolic link); the old file is never read. A temporary file beside it is renamed over it,
// so a reader sees the old file or the new one; an existing file keeps its mode, a new one gets
// 0666 less the umask. `display` names the file in messages.
std::optional<IoError> write_output_file(const std::filesystem::path& file, std::string_view content,
                                         const std::string& display = {});

}  // namespace pipeline
