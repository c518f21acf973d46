#include "pipeline/store/atomic_write.hpp"

#include <chrono>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/store/file_read.hpp"

namespace fs = std::filesystem;

namespace pipeline {
namespace {

std::string last_error() { return std::strerror(errno); }

bool write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Reads from the current position to the end; nullopt on error or when over `max_size`.
std::optional<std::string> read_all(int fd, std::size_t max_size, bool& too_large) {
    std::string out;
    char buffer[65536];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::nullopt;
        }
        if (n == 0) return out;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > max_size) {
            too_large = true;
            return std::nullopt;
        }
    }
}

// Makes the rename itself durable.
void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// A temporary file next to `file`, hidden so that no listing of project files picks it up.
struct TempFile {
    std::string name;
    int fd = -1;
};

// ".NAME.tmp-", to which mkstemp adds six characters. A name too long for that within the
// 255 bytes a file name may have is cut (at a character) and a hash of the whole name added,
// so that two long names never share their temporary files.
std::string temp_prefix(const fs::path& file) {
    constexpr std::size_t kNameMax = 255, kAround = 1 + 5 + 6;  // ".", ".tmp-", XXXXXX
    std::string name = file.filename().string();
    if (name.size() + kAround > kNameMax) {
        std::uint32_t hash = 2166136261u;  // FNV-1a: the same in every build
        for (unsigned char c : name) hash = (hash ^ c) * 16777619u;
        std::size_t keep = kNameMax - kAround - 9;  // "~" and eight hex digits
        while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
        name = fmt::format("{}~{:08x}", name.substr(0, keep), hash);
    }
    return "." + name + ".tmp-";
}

// Messages name the file being written (`display`), not the temporary file, and say what
// became of it (`outcome`, a message id: the file is unchanged, or nothing was written).
std::variant<TempFile, IoError> make_temp(const fs::path& file, const std::string& display, const char* outcome) {
    TempFile t;
    t.name = (file.parent_path() / (temp_prefix(file) + "XXXXXX")).string();
    t.fd = ::mkstemp(t.name.data());
    if (t.fd < 0) {
        const std::string why = last_error();  // before anything else can change errno
        // TRANSLATORS: {1} is the system's reason, in English; {2} says what became of the file
        // ("the file is unchanged", "nothing written").
        return IoError{trf("cannot write {}: cannot create a temporary file beside it: {}; {}", display, why, tr(outcome))};
    }
    return t;
}

// Writes, sets the mode and flushes the temporary file; removes it on failure. Each step that
// fails has its own sentence.
std::optional<IoError> fill_temp(TempFile& t, std::string_view content, unsigned mode, const std::string& display,
                                 const char* outcome) {
    std::optional<IoError> error;
    auto failed = [&](const char* sentence) {
        const std::string why = last_error();  // before anything else can change errno
        error = IoError{trf(sentence, display, why, tr(outcome))};
    };
    // TRANSLATORS: {1} is the system's reason, in English; {2} says what became of the file
    // ("the file is unchanged", "nothing written").
    const char* const write_failed = N_("cannot write {}: {}; {}");
    if (!write_all(t.fd, content)) failed(write_failed);
    // TRANSLATORS: {1} is the system's reason, in English; {2} says what became of the file.
    else if (::fchmod(t.fd, static_cast<mode_t>(mode)) != 0) failed(N_("cannot write {}: cannot set the mode: {}; {}"));
    // TRANSLATORS: {1} is the system's reason, in English; {2} says what became of the file.
    else if (::fsync(t.fd) != 0) failed(N_("cannot write {}: flushing to disk failed: {}; {}"));
    if (::close(t.fd) != 0 && !error) failed(write_failed);
    t.fd = -1;
    if (error) ::unlink(t.name.c_str());
    return error;
}

// Temporary files of `file` left by a process that was killed while it wrote: only the
// holder of the file's lock writes them, so while the lock is held none is in use. Output
// files are written without a lock: there only those older than an hour are a dead writer's
// (a live one may be writing its own beside this one).
void remove_stale_temps(const fs::path& file, bool locked = true) {
    const std::string prefix = temp_prefix(file);
    const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
    std::error_code ec;
    for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) continue;
        std::error_code time_ec;
        if (!locked && !(fs::last_write_time(it->path(), time_ec) < an_hour_ago) ) continue;
        ::unlink(it->path().c_str());
    }
}

// Gives the temporary file the owner and group of the file it replaces, as far as this user may
// (root may both; the owner may pick one of its groups): what could not be kept, or "".
std::string keep_owner(const TempFile& t, unsigned owner, unsigned group) {
    struct stat st {};
    if (::fstat(t.fd, &st) != 0 || (st.st_uid == owner && st.st_gid == group)) return {};
    if (::fchown(t.fd, static_cast<uid_t>(owner), static_cast<gid_t>(group)) == 0) return {};
    if (st.st_gid != group && ::fchown(t.fd, static_cast<uid_t>(-1), static_cast<gid_t>(group)) == 0 && st.st_uid == owner)
        return {};
    if (st.st_uid != owner)
        return trf("it belonged to user {}; it belongs to you (user {}) now, as this user may not give files away",
                   owner, static_cast<unsigned>(st.st_uid));
    return trf("its group was {}; it is {} now", group, static_cast<unsigned>(st.st_gid));
}

// What became of the file, after a failure: message ids, translated where a message is made.
// TRANSLATORS: ends a message about a file that could not be written, after a semicolon.
constexpr const char* kUnchanged = N_("the file is unchanged");
// TRANSLATORS: ends a message about a file that could not be written, after a semicolon.
constexpr const char* kNothingWritten = N_("nothing written");

}  // namespace

std::variant<LockedFile, IoError> LockedFile::open(const fs::path& file, std::size_t max_size, const std::string& display) {
    std::string name = display;
    if (name.empty()) name = file.string();
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    if (ec) return IoError{trf("cannot open {}: {}", name, ec.message())};
    LockedFile f;
    f.path_ = real;
    f.display_ = name;
    f.fd_ = ::open(real.c_str(), O_RDONLY | O_CLOEXEC);
    if (f.fd_ < 0) return IoError{trf("cannot open {}: {}", name, last_error())};
    while (::flock(f.fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK)
            return IoError{trf("{} is being changed by another process (it holds the file's lock); try again", name)};
        return IoError{trf("cannot lock {}: {}", name, last_error())};
    }
    struct stat held {}, named {};
    if (::fstat(f.fd_, &held) != 0 || ::stat(real.c_str(), &named) != 0 || held.st_dev != named.st_dev ||
        held.st_ino != named.st_ino)
        return IoError{trf("{} was replaced by another process while it was being opened; try again", name)};
    bool too_large = false;
    auto bytes = read_all(f.fd_, max_size, too_large);
    if (!bytes)
        return IoError{too_large ? trf("{} is larger than {} bytes (rules.max_file_size)", name, max_size)
                                 : trf("cannot read {}: {}", name, last_error())};
    f.bytes_ = std::move(*bytes);
    f.device_ = held.st_dev;
    f.inode_ = held.st_ino;
    f.size_ = held.st_size;
    f.mtime_sec_ = held.st_mtim.tv_sec;
    f.mtime_nsec_ = held.st_mtim.tv_nsec;
    f.mode_ = held.st_mode & 07777;
    f.owner_ = held.st_uid;
    f.group_ = held.st_gid;
    return f;
}

LockedFile::LockedFile(LockedFile&& other) noexcept { *this = std::move(other); }

LockedFile& LockedFile::operator=(LockedFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
        path_ = std::move(other.path_);
        display_ = std::move(other.display_);
        bytes_ = std::move(other.bytes_);
        device_ = other.device_;
        inode_ = other.inode_;
        size_ = other.size_;
        mtime_sec_ = other.mtime_sec_;
        mtime_nsec_ = other.mtime_nsec_;
        mode_ = other.mode_;
        owner_ = other.owner_;
        group_ = other.group_;
        note_ = std::move(other.note_);
    }
    return *this;
}

LockedFile::~LockedFile() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

std::optional<IoError> LockedFile::replace(std::string_view content) {
    if (fd_ < 0) return IoError{tr("the file is not open")};
    struct stat now {};
    if (::stat(path_.c_str(), &now) != 0)
        return IoError{trf("{} is gone since it was read: {}; nothing written", display_, last_error())};
    const bool same = now.st_dev == device_ && now.st_ino == inode_ && now.st_size == size_ &&
                      now.st_mtim.tv_sec == mtime_sec_ && now.st_mtim.tv_nsec == mtime_nsec_;
    bool too_large = false;
    std::optional<std::string> current;
    if (same && ::lseek(fd_, 0, SEEK_SET) == 0) current = read_all(fd_, bytes_.size(), too_large);
    if (!same || !current || *current != bytes_)
        return IoError{trf("{} changed on disk since it was read; nothing written (run the command again)", display_)};
    remove_stale_temps(path_);
    auto temp = make_temp(path_, display_, kUnchanged);
    if (auto* error = std::get_if<IoError>(&temp)) return *error;
    TempFile& t = std::get<TempFile>(temp);
    note_ = keep_owner(t, owner_, group_);
    if (auto error = fill_temp(t, content, mode_, display_, kUnchanged)) return error;
    if (::rename(t.name.c_str(), path_.c_str()) != 0) {
        const std::string why = last_error();  // before anything else can change errno
        // TRANSLATORS: {1} is the system's reason, in English; {2} says what became of the file.
        IoError error{trf("cannot replace {}: {}; {}", display_, why, tr(kUnchanged))};
        ::unlink(t.name.c_str());
        return error;
    }
    sync_folder(path_.parent_path());
    return std::nullopt;
}

namespace {

unsigned default_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666u & ~static_cast<unsigned>(mask);
}

}  // namespace

std::optional<IoError> write_output_file(const fs::path& file, std::string_view content, const std::string& display) {
    const std::string name = display.empty() ? file.string() : display;
    unsigned mode = default_mode();
    struct stat st {};
    if (::lstat(file.c_str(), &st) == 0) {
        if (S_ISLNK(st.st_mode)) return IoError{trf("{} is a symbolic link; nothing written (name the file it leads to)", name)};
        // TRANSLATORS: {1} is what the file is: "it is a folder, not a file" (translated on its own).
        if (!S_ISREG(st.st_mode)) return IoError{trf("{}: {}; nothing written", name, not_a_regular_file(st).local())};
        mode = st.st_mode & 01777;  // a report is no program: set-user-id and set-group-id go
    } else if (errno != ENOENT) {
        return IoError{trf("cannot write {}: {}; nothing written", name, last_error())};
    }
    remove_stale_temps(file, false);
    auto temp = make_temp(file, name, kNothingWritten);
    if (auto* error = std::get_if<IoError>(&temp)) return *error;
    TempFile& t = std::get<TempFile>(temp);
    if (auto error = fill_temp(t, content, mode, name, kNothingWritten)) return error;
    if (::rename(t.name.c_str(), file.c_str()) != 0) {
        IoError error{trf("cannot write {}: {}; nothing written", name, last_error())};
        ::unlink(t.name.c_str());
        return error;
    }
    sync_folder(file.parent_path());
    return std::nullopt;
}

std::variant<FolderLock, IoError> FolderLock::acquire(const fs::path& folder, const std::string& display) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return IoError{trf("cannot open {}: {}", display, last_error())};
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        IoError error{trf("cannot lock {}: {}", display, last_error())};
        ::close(fd);
        return error;
    }
    return FolderLock(fd);
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
}

std::optional<IoError> create_file(const fs::path& file, std::string_view content, const std::string& display) {
    const std::string name = display.empty() ? file.string() : display;
    const unsigned mode = default_mode();
    auto temp = make_temp(file, name, kNothingWritten);
    if (auto* error = std::get_if<IoError>(&temp)) return *error;
    TempFile& t = std::get<TempFile>(temp);
    if (auto error = fill_temp(t, content, mode, name, kNothingWritten)) return error;
    const int linked = ::link(t.name.c_str(), file.c_str());
    const int link_errno = errno;
    ::unlink(t.name.c_str());
    if (linked == 0) {
        sync_folder(file.parent_path());
        return std::nullopt;
    }
    if (link_errno == EEXIST) return IoError{trf("{} already exists; nothing written", name)};
    if (link_errno != EPERM && link_errno != EOPNOTSUPP && link_errno != EXDEV)
        return IoError{trf("cannot create {}: {}; nothing written", name, std::strerror(link_errno))};
    // A file system without hard links: create the name exclusively and write in place.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0)
        return IoError{errno == EEXIST ? trf("{} already exists; nothing written", name)
                                       : trf("cannot create {}: {}", name, last_error())};
    const bool ok = write_all(fd, content) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(file.c_str());
        return IoError{trf("cannot write {}: {}", name, last_error())};
    }
    sync_folder(file.parent_path());
    return std::nullopt;
}

}  // namespace pipeline
