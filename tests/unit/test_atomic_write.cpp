// Writes that lose nothing: locking, the changed-on-disk refusal, the mode, no stray files.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pipeline/store/atomic_write.hpp"
#include "support.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

void write(const fs::path& p, const std::string& text) { test::write_file(p, text); }
std::string read(const fs::path& p) { return test::read_file(p); }

LockedFile open_locked(const fs::path& p) {
    auto r = LockedFile::open(p, 1 << 20, "f.yaml");
    if (auto* e = std::get_if<IoError>(&r)) FAIL(e->message);
    return std::move(std::get<LockedFile>(r));
}

std::string open_error(const fs::path& p) {
    auto r = LockedFile::open(p, 1 << 20, "f.yaml");
    REQUIRE(std::holds_alternative<IoError>(r));
    return std::get<IoError>(r).message;
}

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("atomic write: replace writes the new bytes and keeps the mode") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, "stage: tender\n");
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    LockedFile f = open_locked(file);
    CHECK(f.bytes() == "stage: tender\n");
    CHECK(!f.replace("stage: contract\n"));
    CHECK(read(file) == "stage: contract\n");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(entries(dir.path) == 1);  // no temporary file left behind
}

TEST_CASE("atomic write: a second writer is refused while the first holds the lock") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, "a: 1\n");
    {
        LockedFile first = open_locked(file);
        CHECK(open_error(file).find("being changed by another process") != std::string::npos);
    }
    LockedFile again = open_locked(file);  // released with the first
    CHECK(again.bytes() == "a: 1\n");
}

TEST_CASE("atomic write: the lock holds across processes") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, "a: 1\n");
    int locked[2], release[2];
    REQUIRE(::pipe(locked) == 0);
    REQUIRE(::pipe(release) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto r = LockedFile::open(file, 1 << 20, "f.yaml");
        const char ok = std::holds_alternative<LockedFile>(r) ? 'y' : 'n';
        [[maybe_unused]] auto w = ::write(locked[1], &ok, 1);
        char c;
        [[maybe_unused]] auto rd = ::read(release[0], &c, 1);
        ::_exit(0);
    }
    char ok = 0;
    REQUIRE(::read(locked[0], &ok, 1) == 1);
    CHECK(ok == 'y');
    CHECK(open_error(file).find("being changed by another process") != std::string::npos);
    REQUIRE(::write(release[1], "x", 1) == 1);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(std::holds_alternative<LockedFile>(LockedFile::open(file, 1 << 20)));
    for (int fd : {locked[0], locked[1], release[0], release[1]}) ::close(fd);
}

TEST_CASE("atomic write: a file changed on disk since it was read is not overwritten") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, "stage: tender\n");

    SUBCASE("other bytes") {
        LockedFile f = open_locked(file);
        write(file, "stage: relations\n");  // an editor that ignores the lock
        auto error = f.replace("stage: contract\n");
        REQUIRE(error);
        CHECK(error->message.find("changed on disk since it was read") != std::string::npos);
        CHECK(read(file) == "stage: relations\n");
    }
    SUBCASE("same size, same bytes, newer modification time") {
        LockedFile f = open_locked(file);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        write(file, "stage: tender\n");
        CHECK(f.replace("stage: contract\n"));
        CHECK(read(file) == "stage: tender\n");
    }
    SUBCASE("replaced by another file") {
        LockedFile f = open_locked(file);
        write(dir.path / "other", "stage: tender\n");
        fs::rename(dir.path / "other", file);
        CHECK(f.replace("stage: contract\n"));
        CHECK(read(file) == "stage: tender\n");
    }
    SUBCASE("removed") {
        LockedFile f = open_locked(file);
        fs::remove(file);
        CHECK(f.replace("stage: contract\n"));
        CHECK(!fs::exists(file));
    }
    CHECK(entries(dir.path) <= 1);
}

TEST_CASE("atomic write: open refuses files over the size limit and missing files") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, std::string(100, 'x'));
    auto r = LockedFile::open(file, 10, "f.yaml");
    REQUIRE(std::holds_alternative<IoError>(r));
    CHECK(std::get<IoError>(r).message.find("larger than 10 bytes") != std::string::npos);
    CHECK(std::holds_alternative<IoError>(LockedFile::open(dir.path / "missing.yaml", 10)));
}

TEST_CASE("atomic write: create_file makes a new file and never replaces one") {
    TempDir dir;
    const fs::path file = dir.path / "new.yaml";
    CHECK(!create_file(file, "id: A\n"));
    CHECK(read(file) == "id: A\n");
    auto error = create_file(file, "id: B\n");
    REQUIRE(error);
    CHECK(error->message.find("already exists") != std::string::npos);
    CHECK(read(file) == "id: A\n");
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic write: a temporary file left by a killed writer goes with the next change") {
    TempDir dir;
    const fs::path file = dir.path / "f.yaml";
    write(file, "stage: tender\n");
    write(dir.path / ".f.yaml.tmp-Ab12Cd", "stage: con");   // the file's own leftover
    write(dir.path / ".g.yaml.tmp-Ab12Cd", "x");            // another file's: kept
    write(dir.path / ".f.yaml.tmp-old", "x");            // not a name mkstemp makes: kept
    LockedFile f = open_locked(file);
    CHECK(!f.replace("stage: contract\n"));
    CHECK(read(file) == "stage: contract\n");
    CHECK(!fs::exists(dir.path / ".f.yaml.tmp-Ab12Cd"));
    CHECK(fs::exists(dir.path / ".g.yaml.tmp-Ab12Cd"));
    CHECK(fs::exists(dir.path / ".f.yaml.tmp-old"));
}

TEST_CASE("atomic write: a file name of 255 bytes gets its temporary file, and two such names do not share one") {
    TempDir dir;
    // 85 three-byte characters: 255 bytes, the longest name a file may have.
    std::string base;
    for (int i = 0; i < 81; ++i) base += "项";
    const fs::path a = dir.path / (base + "甲.yaml"), b = dir.path / (base + "乙.yaml");
    REQUIRE(a.filename().string().size() == 251);
    CHECK(!create_file(a, "id: A\n"));
    CHECK(!create_file(b, "id: B\n"));
    CHECK(read(a) == "id: A\n");
    LockedFile f = open_locked(a);
    CHECK(!f.replace("id: A2\n"));
    CHECK(read(a) == "id: A2\n");
    CHECK(read(b) == "id: B\n");
    CHECK(entries(dir.path) == 2);
    CHECK(!write_output_file(dir.path / (base + "长名.csv"), "a,b\n"));
    CHECK(read(dir.path / (base + "长名.csv")) == "a,b\n");
}
