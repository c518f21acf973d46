// Reading the bytes of one file: a size limit, and UTF-8 checked before anything parses it.
#include <algorithm>
#include <cerrno>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "pipeline/base/text.hpp"

#include "pipeline/store/file_read.hpp"

namespace fs = std::filesystem;

namespace pipeline {

namespace {
std::int64_t to_ns(const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }
}  // namespace

FileStamp stamp_of(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_size), to_ns(st.st_mtim), to_ns(st.st_ctim),
            static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::optional<FileStamp> file_stamp(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return stamp_of(st);
}

Text not_a_regular_file(const struct stat& st) {
    if (S_ISDIR(st.st_mode)) return say("it is a folder, not a file");
    if (S_ISFIFO(st.st_mode)) return say("it is a FIFO (named pipe), not a regular file");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return say("it is a device, not a regular file");
    if (S_ISSOCK(st.st_mode)) return say("it is a socket, not a regular file");
    return say("it is not a regular file");
}

Text too_large(const std::string& display, std::size_t max_size) {
    // pipeline.yaml has a limit of its own; a project file has rules.max_file_size.
    if (display == "pipeline.yaml")
        return say("the file is larger than {} bytes, the most pipeline.yaml may be; not read", max_size);
    return say("the file is larger than {} bytes (rules.max_file_size); not read", max_size);
}

Text open_failure(int error) {
    if (error == ELOOP) return say("the symbolic links lead in a loop");
    return system_error_text(error);
}

bool may_read(const struct stat& st) {
    static const uid_t uid = ::geteuid();
    static const std::vector<gid_t> groups = [] {
        std::vector<gid_t> g(static_cast<std::size_t>(std::max(0, ::getgroups(0, nullptr))));
        g.resize(static_cast<std::size_t>(std::max(0, ::getgroups(static_cast<int>(g.size()), g.data()))));
        g.push_back(::getegid());
        return g;
    }();
    if (uid == 0) return true;
    if (st.st_uid == uid) return st.st_mode & S_IRUSR;
    if (std::find(groups.begin(), groups.end(), st.st_gid) != groups.end()) return st.st_mode & S_IRGRP;
    return st.st_mode & S_IROTH;
}

bool read_file_into(const fs::path& file, const std::string& display, std::size_t max_size, std::string& text,
                    Diagnostics& out, std::optional<FileStamp>* stamp) {
    text.clear();
    // Non-blocking, so that opening a FIFO does not wait for a writer; fstat then tells what it is.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        // TRANSLATORS: {} is why: "the symbolic links lead in a loop", or the system's reason in English.
        out.error(display, {}, "io", say("cannot read the file: {}", open_failure(errno)));
        return false;
    }
    struct stat st {};
    const bool stat_ok = ::fstat(fd, &st) == 0;
    if (stat_ok && !S_ISREG(st.st_mode)) {
        ::close(fd);
        // TRANSLATORS: {} is what the file is: "it is a folder, not a file" (translated on its own).
        out.error(display, {}, "io", say("{}; not read", not_a_regular_file(st)));
        return false;
    }
    if (stat_ok && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) <= max_size)
        text.reserve(static_cast<std::size_t>(st.st_size) + 1);
    if (stamp && stat_ok)
        *stamp = stamp_of(st);
    bool ok = true;
    char chunk[65536];
    while (true) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            out.error(display, {}, "io", say("read error"));
            ok = false;
            break;
        }
        if (n == 0) break;
        text.append(chunk, static_cast<std::size_t>(n));
        if (text.size() > max_size) {
            out.error(display, {}, "file-size", too_large(display, max_size));
            ok = false;
            break;
        }
    }
    ::close(fd);
    return ok;
}

std::optional<std::string> read_text_file(const fs::path& file, const std::string& display, std::size_t max_size,
                                          Diagnostics& out) {
    std::string text;
    if (!read_file_into(file, display, max_size, text, out)) return std::nullopt;
    return text;
}

namespace {
bool misleading_text(std::string_view text, const std::string& display, Diagnostics& out);
}  // namespace

std::optional<Text> refused_text(std::string_view text, std::size_t max_size) {
    if (text.size() > max_size)
        // TRANSLATORS: this and the two below say why a file a command would write is refused; "it" is the file.
        return say("it would be {} bytes, more than rules.max_file_size ({})", text.size(), max_size);
    if (text.find('\0') != std::string_view::npos) return say("it would hold a NUL byte");
    if (auto at = invalid_utf8(text))
        return say("byte 0x{:02X} of it would not be UTF-8", static_cast<unsigned char>(text[*at]));
    // What loading would call misleading (a byte-order mark past the start, CR alone, NEL).
    Diagnostics found;
    if (misleading_text(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text, "", found)) {
        const Diagnostic& d = found.items().front();
        return Text(d.message, d.shown_message());
    }
    return std::nullopt;
}

namespace {

// The 1-based line and character column of byte `at`.
Position position_at(std::string_view text, std::size_t at) {
    const std::size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    int column = 1;
    for (std::size_t k = line_start; k < at; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
    return {line, column};
}

// Text that is UTF-8 but that YAML would read otherwise than it looks: a byte-order mark past
// the start, CR line ends without LF, NEL (which YAML 1.1 takes for a line end), a no-break
// space in a line's indentation. A finding for the first of them, or false.
bool misleading_text(std::string_view text, const std::string& display, Diagnostics& out) {
    if (auto bom = text.find("\xEF\xBB\xBF"); bom != std::string_view::npos) {
        out.error(display, position_at(text, bom), "encoding",
                  say("a byte-order mark (U+FEFF) inside the file; remove it (only the very start may have one)"));
        return true;
    }
    for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1))
        if (cr + 1 >= text.size() || text[cr + 1] != '\n') {
            out.error(display, position_at(text, cr), "encoding",
                      say("a line ends with CR alone (old Mac line ends); save the file with LF or CRLF line ends"));
            return true;
        }
    if (auto nel = text.find("\xC2\x85"); nel != std::string_view::npos) {
        out.error(display, position_at(text, nel), "encoding",
                  say("the character U+0085 (NEL), which YAML reads as a line end; remove it"));
        return true;
    }
    for (std::size_t nbsp = text.find("\xC2\xA0"); nbsp != std::string_view::npos; nbsp = text.find("\xC2\xA0", nbsp + 2)) {
        const std::size_t line_start = nbsp == 0 ? 0 : text.rfind('\n', nbsp - 1) + 1;
        if (text.substr(line_start, nbsp - line_start).find_first_not_of(" \xC2\xA0") == std::string_view::npos) {
            out.error(display, position_at(text, nbsp), "syntax",
                      say("a no-break space (U+00A0) in the indentation; indent with plain spaces"));
            return true;
        }
    }
    return false;
}

}  // namespace

bool prepare_text(std::string& text, const std::string& display, Diagnostics& out) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    const std::size_t nul = text.find('\0');
    const auto bad = invalid_utf8(text);
    if (!bad && nul == std::string::npos) return !misleading_text(text, display, out);
    const std::size_t at = std::min(bad.value_or(text.size()), nul);
    out.error(display, position_at(text, at), "encoding",
              at == nul ? say("the file holds a NUL byte; it is not a text file")
                        : say("byte 0x{:02X} is not UTF-8; save the file as UTF-8", static_cast<unsigned char>(text[at])));
    return false;
}

}  // namespace pipeline
