#include "pipeline/store/record_cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/store/record_codec.hpp"
#include "record_bytes.hpp"

namespace fs = std::filesystem;

namespace pipeline {
namespace {

using cache_bytes::Reader;
using cache_bytes::Writer;

constexpr char kMagic[8] = {'P', 'L', 'R', 'C', 'A', 'C', 'H', 'E'};
// Files changed this close to the start of a load may have changed again within the same
// timestamp tick without any stamp showing it; such entries are read again. One second is
// coarser than the tick of any file system with change times.
constexpr std::int64_t kGranularityNs = 1'000'000'000;
constexpr std::uint32_t kMaxBlock = 256u << 20;

// A fast 64-bit checksum (not cryptographic): detects damaged or truncated blocks.
std::uint64_t checksum(std::string_view s) {
    constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xBF58476D1CE4E5B9ull;
    std::uint64_t a = k1 ^ s.size(), b = k2;
    std::size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
        std::uint64_t w1, w2;
        std::memcpy(&w1, s.data() + i, 8);
        std::memcpy(&w2, s.data() + i + 8, 8);
        a = ((a ^ w1) * k2);
        a = (a << 31) | (a >> 33);
        b = ((b ^ w2) * k1);
        b = (b << 29) | (b >> 35);
    }
    std::uint64_t tail[2] = {0, 0};
    std::memcpy(tail, s.data() + i, s.size() - i);
    a = ((a ^ tail[0]) * k2);
    b = ((b ^ tail[1]) * k1);
    std::uint64_t h = a ^ ((b << 32) | (b >> 32));
    h ^= h >> 31;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 29;
    return h;
}

// ---- The file: magic, then blocks of [u32 size][u64 checksum][payload] ----

class FileOut {
public:
    explicit FileOut(int fd) : fd_(fd) { buffer_.reserve(kBuffer); }
    void write(std::string_view bytes) {
        if (buffer_.size() + bytes.size() > kBuffer) flush();
        if (bytes.size() > kBuffer) put(bytes);
        else buffer_.append(bytes);
    }
    void block(std::string_view payload) {
        char head[12];
        const auto size = static_cast<std::uint32_t>(payload.size());
        const std::uint64_t sum = checksum(payload);
        std::memcpy(head, &size, 4);
        std::memcpy(head + 4, &sum, 8);
        write({head, sizeof head});
        write(payload);
    }
    bool finish() {
        flush();
        return ok_;
    }

private:
    static constexpr std::size_t kBuffer = 1 << 20;
    void flush() {
        put(buffer_);
        buffer_.clear();
    }
    void put(std::string_view bytes) {
        while (ok_ && !bytes.empty()) {
            const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) ok_ = false;
            else bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    int fd_;
    std::string buffer_;
    bool ok_ = true;
};

class FileIn {
public:
    explicit FileIn(int fd) : fd_(fd) {}
    bool read(char* out, std::size_t n) {
        while (n > 0) {
            if (pos_ == end_ && !refill()) return false;
            const std::size_t k = std::min(n, end_ - pos_);
            std::memcpy(out, buffer_.data() + pos_, k);
            pos_ += k;
            out += k;
            n -= k;
        }
        return true;
    }
    // The next block's payload, checked against its checksum; false at the end or when damaged.
    bool block(std::string& payload) {
        char head[12];
        if (!read(head, sizeof head)) return false;
        std::uint32_t size;
        std::uint64_t sum;
        std::memcpy(&size, head, 4);
        std::memcpy(&sum, head + 4, 8);
        if (size > kMaxBlock) return false;
        payload.resize(size);
        return read(payload.data(), size) && checksum(payload) == sum;
    }
    bool at_end() {
        return pos_ == end_ && !refill();
    }

private:
    bool refill() {
        if (buffer_.empty()) buffer_.resize(1 << 20);
        while (true) {
            const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            pos_ = 0;
            end_ = static_cast<std::size_t>(n);
            return true;
        }
    }
    int fd_;
    std::string buffer_;
    std::size_t pos_ = 0, end_ = 0;
};

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&& o) noexcept : fd_(o.release()) {}
    Fd& operator=(Fd&& o) noexcept {
        if (this != &o) {
            if (fd_ >= 0) ::close(fd_);
            fd_ = o.release();
        }
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

std::int64_t to_ns(const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

// The version, and the size and modification time of the running executable: a rebuilt
// program never trusts what an older build wrote. The language too: findings are kept as
// they were worded.
std::string build_identity() {
    static const std::string id = [] {
        std::string s = std::string("pipeline ") + PIPELINE_VERSION;
        struct stat st {};
        if (::stat("/proc/self/exe", &st) == 0)
            s += " " + std::to_string(st.st_size) + " " + std::to_string(to_ns(st.st_mtim));
        return s;
    }();
    return current_language() == Language::english ? id : id + " zh";
}

std::string header_payload(const CacheKey& key, std::int64_t started_ns, std::uint64_t entries) {
    std::string out;
    Writer w(out);
    w.u64(record_format());
    w(key.build);
    w.u64(key.process_hash);
    w.u64(key.process_size);
    w(key.strict);
    w.i64(started_ns);
    w.u64(entries);
    return out;
}

// The cache lives in ROOT/.pipeline only when that is a folder of the repository itself: a
// link there could lead anywhere, and nothing is read or written outside the repository.
bool real_folder(const fs::path& folder) {
    std::error_code ec;
    return fs::symlink_status(folder, ec).type() == fs::file_type::directory;
}

// The temporary files of writers that were killed (FILE.tmp<pid> of a process that is gone).
void remove_stale_temporaries(const fs::path& file) {
    const std::string prefix = file.filename().string() + ".tmp";
    std::error_code ec;
    for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(digits));
        if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
    }
}

}  // namespace

std::int64_t now_ns() {
    struct timespec t {};
    ::clock_gettime(CLOCK_REALTIME, &t);
    return to_ns(t);
}

CacheKey make_cache_key(std::string_view process_text, const LoadOptions& options) {
    return {build_identity(), checksum(process_text), process_text.size(), options.strict};
}

FileRecords::FileRecords(std::vector<std::string> sorted_paths)
    : paths(std::move(sorted_paths)),
      stamps(paths.size()),
      stamped(paths.size(), 0),
      projects(paths.size()),
      findings(paths.size()),
      loaded(paths.size(), 0),
      cached(paths.size(), 0) {}

fs::path record_cache_file(const fs::path& root, const LoadOptions& options) {
    return root / ".pipeline" / (options.strict ? "records-strict.cache" : "records.cache");
}

fs::path revision_cache_file(const fs::path& root, const LoadOptions& options) {
    return root / ".pipeline" / (options.strict ? "revisions-strict.cache" : "revisions.cache");
}

FileStamp blob_stamp(const unsigned char (&id)[20]) {
    FileStamp s;
    std::memcpy(&s.inode, id, 8);
    std::memcpy(&s.device, id + 8, 8);
    return s;
}

namespace {

// An open cache file positioned after its header, when it is one this program wrote for `key`.
struct OpenCache {
    Fd fd{-1};
    std::unique_ptr<FileIn> in;
    std::int64_t started_ns = 0;
    std::uint64_t count = 0;
};

std::optional<OpenCache> open_cache(const fs::path& file, const CacheKey& key) {
    if (!real_folder(file.parent_path())) return std::nullopt;
    OpenCache c;
    c.fd = Fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (c.fd.get() < 0) return std::nullopt;
    // Only a regular file this user wrote: another user's cache could hold records of files
    // this one may not read, or records that no file says.
    struct stat st {};
    if (::fstat(c.fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) return std::nullopt;
    c.in = std::make_unique<FileIn>(c.fd.get());
    char magic[sizeof kMagic];
    std::string payload;
    if (!c.in->read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || !c.in->block(payload))
        return std::nullopt;
    Reader header(payload);
    if (header.u64() != record_format()) return std::nullopt;
    CacheKey stored;
    header(stored.build);
    stored.process_hash = header.u64();
    stored.process_size = header.u64();
    header(stored.strict);
    c.started_ns = header.i64();
    c.count = header.u64();
    if (!header.ok() || !header.at_end() || stored.build != key.build || stored.process_hash != key.process_hash ||
        stored.process_size != key.process_size || stored.strict != key.strict)
        return std::nullopt;
    return c;
}

// The path and stamp an entry starts with.
bool read_entry_head(Reader& r, std::string& path, FileStamp& stamp) {
    r(path);
    stamp.size = r.u64();
    stamp.mtime_ns = r.i64();
    stamp.ctime_ns = r.i64();
    stamp.inode = r.u64();
    stamp.device = r.u64();
    return r.ok();
}

}  // namespace

bool read_record_cache(const fs::path& file, const CacheKey& key, FileRecords& records, std::size_t& entries) {
    entries = 0;
    auto cache = open_cache(file, key);
    if (!cache) return false;
    FileIn& in = *cache->in;
    const std::int64_t started_ns = cache->started_ns;
    auto forget = [&records] {
        for (std::size_t i = 0; i < records.size(); ++i)
            if (records.cached[i]) {
                records.projects[i] = Project{};
                records.findings[i] = Diagnostics{};
                records.loaded[i] = records.cached[i] = 0;
            }
        return false;
    };
    // Entries and records.paths are both in path order: one merge. A path may have several
    // entries (the blobs of several revisions), one of which the record's stamp may match.
    std::size_t next = 0;
    std::string previous, payload;
    for (std::uint64_t e = 0; e < cache->count; ++e) {
        if (!in.block(payload)) return forget();
        Reader r(payload);
        std::string path;
        FileStamp stamp;
        if (!read_entry_head(r, path, stamp) || (e > 0 && path < previous)) return forget();
        while (next < records.size() && records.paths[next] < path) ++next;
        previous = std::move(path);
        if (next == records.size() || records.paths[next] != previous) continue;
        const std::size_t i = next;
        const bool racy = stamp.mtime_ns >= started_ns - kGranularityNs || stamp.ctime_ns >= started_ns - kGranularityNs;
        if (records.cached[i] || !records.stamped[i] || records.stamps[i] != stamp || racy) continue;
        bool loaded = false;
        r(loaded);
        if (loaded) read_project(r, records.projects[i]);
        std::vector<Diagnostic> found;
        cache_bytes::read_diagnostics(r, found);
        if (!r.ok() || !r.at_end()) return forget();
        for (Diagnostic& d : found) records.findings[i].add(std::move(d));
        records.loaded[i] = loaded;
        records.cached[i] = 1;
    }
    if (!in.at_end()) return forget();
    entries = cache->count;
    return true;
}

namespace {

// The entries of the cache at `file` (same key) that `records` does not hold, with their
// paths, in path order: nothing when there are more than `keep`, or the file is not a cache.
std::vector<std::pair<std::string, std::string>> entries_to_carry(const fs::path& file, const CacheKey& key,
                                                                  const FileRecords& records, std::size_t keep) {
    std::vector<std::pair<std::string, std::string>> out;
    if (keep == 0) return out;  // the working tree's cache: nothing is read again
    auto cache = open_cache(file, key);
    if (!cache) return out;
    std::size_t next = 0;
    std::string payload, previous;
    for (std::uint64_t e = 0; e < cache->count; ++e) {
        if (!cache->in->block(payload)) return {};
        Reader r(payload);
        std::string path;
        FileStamp stamp;
        if (!read_entry_head(r, path, stamp) || (e > 0 && path < previous)) return {};
        previous = path;
        while (next < records.size() && records.paths[next] < path) ++next;
        const bool held = next < records.size() && records.paths[next] == path && records.stamped[next] &&
                          records.stamps[next] == stamp;
        if (held) continue;
        if (out.size() == keep) return {};
        out.emplace_back(std::move(path), payload);
    }
    return out;
}

}  // namespace

bool write_record_cache(const fs::path& file, const CacheKey& key, const FileRecords& records, std::int64_t started_ns,
                        std::size_t keep) {
    if (!real_folder(file.parent_path())) return false;
    remove_stale_temporaries(file);
    const auto carried = entries_to_carry(file, key, records, keep);
    const fs::path temporary = file.string() + ".tmp" + std::to_string(::getpid());
    // Readable by its owner alone: it holds the records of every project, private ones too.
    Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0 || ::fchmod(fd.get(), 0600) != 0) return false;
    std::uint64_t count = carried.size();
    for (std::size_t i = 0; i < records.size(); ++i) count += records.stamped[i] ? 1 : 0;
    FileOut out(fd.get());
    out.write({kMagic, sizeof kMagic});
    out.block(header_payload(key, started_ns, count));
    std::string payload;
    auto carry = carried.begin();
    for (std::size_t i = 0; i < records.size(); ++i) {
        // In path order: the carried entries of earlier paths first.
        for (; carry != carried.end() && carry->first < records.paths[i]; ++carry) out.block(carry->second);
        if (!records.stamped[i]) continue;
        payload.clear();
        Writer w(payload);
        const FileStamp& s = records.stamps[i];
        w(records.paths[i]);
        w.u64(s.size);
        w.i64(s.mtime_ns);
        w.i64(s.ctime_ns);
        w.u64(s.inode);
        w.u64(s.device);
        w(static_cast<bool>(records.loaded[i]));
        if (records.loaded[i]) write_project(w, records.projects[i]);
        cache_bytes::write_diagnostics(w, records.findings[i].items());
        out.block(payload);
    }
    for (; carry != carried.end(); ++carry) out.block(carry->second);
    const bool written = out.finish() && ::close(fd.release()) == 0;
    if (!written || ::rename(temporary.c_str(), file.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

}  // namespace pipeline
