// Reading the bytes of one file: a size limit, and UTF-8 checked before anything parses it.
#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

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

bool read_file_into(const fs::path& file, const std::string& display, std::size_t max_size, std::string& text,
                    Diagnostics& out, std::optional<FileStamp>* stamp) {
    text.clear();
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        out.error(display, {}, "io", fmt::format("cannot read the file: {}", std::error_code(errno, std::generic_category()).message()));
        return false;
    }
    struct stat st {};
    const bool stat_ok = ::fstat(fd, &st) == 0;
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
            out.error(display, {}, "io", "read error");
            ok = false;
            break;
        }
        if (n == 0) break;
        text.append(chunk, static_cast<std::size_t>(n));
        if (text.size() > max_size) {
            out.error(display, {}, "file-size",
                      fmt::format("the file is larger than {} bytes (rules.max_file_size); not read", max_size));
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

bool prepare_text(std::string& text, const std::string& display, Diagnostics& out) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 2) ok = c >= 0xC2;
        if (ok && n == 3) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok || c == 0) {
            int column = 1;
            for (std::size_t k = line_start; k < i; ++k)
                if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
            out.error(display, {line, column}, "encoding",
                      c == 0 ? std::string("the file holds a NUL byte; it is not a text file")
                             : fmt::format("byte 0x{:02X} is not UTF-8; save the file as UTF-8", c));
            return false;
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        }
        i += n;
    }
    return true;
}

}  // namespace pipeline
