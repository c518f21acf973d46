// The cache of loaded records: every field survives a round trip, and nothing stale,
// damaged or foreign is ever served.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline/store/record_cache.hpp"
#include "pipeline/store/record_codec.hpp"
#include "pipeline/store/repository.hpp"
#include "support.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

struct TempRepo {
    fs::path root;
    TempRepo() {
        root = fs::temp_directory_path() / ("pipeline-cache-test-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(std::random_device{}()));
        fs::create_directories(root / "projects");
        fs::create_directories(root / ".pipeline");
        write("pipeline.yaml", std::string(default_process_text()));
    }
    ~TempRepo() {
        std::error_code ec;
        fs::permissions(root / ".pipeline", fs::perms::owner_all, ec);
        fs::remove_all(root, ec);
    }
    void write(const std::string& rel, const std::string& text) const {
        std::ofstream(root / rel, std::ios::binary | std::ios::trunc) << text;
    }
    // Sets the modification time of a file to long ago, so it is not "racy".
    void age(const std::string& rel, long seconds_ago = 3600) const {
        struct timespec times[2];
        ::clock_gettime(CLOCK_REALTIME, &times[0]);
        times[0].tv_sec -= seconds_ago;
        times[1] = times[0];
        ::utimensat(AT_FDCWD, (root / rel).c_str(), times, 0);
    }
    // Waits until files just written are older than the cache's timestamp granularity: their
    // change times cannot be set back, and a cache never trusts entries that recent.
    static void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(1100)); }
    Repository load(bool cache = true) const {
        LoadRequest r{root, {}, {}};
        r.use_cache = cache;
        return load_repository(r);
    }
};

std::string project_text(const std::string& id, const std::string& name) {
    return "id: " + id + "\nname: " + name + "\ncustomer: {name: 客户}\nowner: zhang.san\namount: 100\n"
           "expected_close: 2026-12-31\nstage: lead\nhistory:\n  - {date: 2026-01-05, to: lead}\n";
}

}  // namespace

TEST_CASE("record cache: a project round-trips with every field the registry declares") {
    const Project p = test::every_field_set();
    const auto back = decode_project(encode_project(p));
    REQUIRE(back);
    CHECK(*back == p);
    CHECK(decode_project(encode_project(Project{})) == Project{});
    // Each field on its own: a change of it survives the round trip.
    for (const std::string& path : test::registered_paths()) {
        const Project changed = test::with_one_field_changed(p, path);
        CHECK_MESSAGE(!(changed == p), path);
        const auto decoded = decode_project(encode_project(changed));
        REQUIRE(decoded);
        CHECK_MESSAGE(*decoded == changed, path);
    }
    Project custom = p;
    custom.custom = {{2, "2026-01-02", 20455, {}, {3, 4}}, {5, "a", 0, {"a", "b"}, {6, 7}}};
    CHECK(decode_project(encode_project(custom)) == custom);
}

TEST_CASE("record cache: damaged bytes never decode into a record silently") {
    const std::string bytes = encode_project(test::every_field_set());
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) CHECK_FALSE(decode_project(bytes.substr(0, cut)));
    CHECK_FALSE(decode_project(bytes + "x"));
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        std::string junk(rng() % 200, '\0');
        for (char& c : junk) c = static_cast<char>(rng());
        (void)decode_project(junk);  // must not crash or allocate without bound
    }
}

TEST_CASE("record cache: a second load serves unchanged files from the cache, changed ones from disk") {
    TempRepo repo;
    repo.write("projects/A-1.yaml", project_text("A-1", "甲"));
    repo.write("projects/B-2.yaml", project_text("B-2", "乙"));
    repo.age("projects/A-1.yaml");
    repo.age("projects/B-2.yaml");
    TempRepo::settle();
    const fs::path cache = record_cache_file(repo.root, {});

    const Repository first = repo.load();
    REQUIRE(first.projects.size() == 2);
    REQUIRE(fs::exists(cache));
    const auto written = fs::last_write_time(cache);

    // Unchanged: the same records, and the cache is not rewritten.
    const Repository second = repo.load();
    CHECK(second.projects == first.projects);
    CHECK(fs::last_write_time(cache) == written);

    SUBCASE("an edit of the same size, with the modification time put back, is seen (ctime)") {
        struct stat before {};
        ::stat((repo.root / "projects/A-1.yaml").c_str(), &before);
        repo.write("projects/A-1.yaml", project_text("A-1", "丙"));  // 甲 and 丙: same byte length
        struct timespec times[2] = {before.st_atim, before.st_mtim};
        ::utimensat(AT_FDCWD, (repo.root / "projects/A-1.yaml").c_str(), times, 0);
        CHECK(repo.load().projects[0].name == "丙");
    }
    SUBCASE("a deleted file is gone, a new one appears") {
        fs::remove(repo.root / "projects/B-2.yaml");
        repo.write("projects/C-3.yaml", project_text("C-3", "丁"));
        const Repository r = repo.load();
        REQUIRE(r.projects.size() == 2);
        CHECK(r.projects[1].id == "C-3");
    }
    SUBCASE("a renamed file carries its new path") {
        fs::rename(repo.root / "projects/B-2.yaml", repo.root / "projects/B-3.yaml");
        const Repository r = repo.load();
        REQUIRE(r.projects.size() == 2);
        CHECK(r.projects[1].path == "projects/B-3.yaml");
    }
    SUBCASE("a changed pipeline.yaml invalidates every record (stage indices)") {
        std::string text(default_process_text());
        text += "\n# changed\n";
        repo.write("pipeline.yaml", text);
        CHECK(repo.load().projects == first.projects);
        CHECK(fs::last_write_time(cache) != written);
    }
    SUBCASE("a damaged cache is ignored and rebuilt") {
        std::string bytes;
        {
            std::ifstream in(cache, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        for (int variant = 0; variant < 3; ++variant) {
            std::string damaged = bytes;
            if (variant == 0) damaged.resize(damaged.size() / 2);           // truncated
            if (variant == 1) damaged[damaged.size() - 20] ^= 0x55;         // a flipped byte
            if (variant == 2) damaged = std::string(bytes.size(), 'x');     // garbage
            std::ofstream(cache, std::ios::binary | std::ios::trunc) << damaged;
            std::size_t entries = 0;
            FileRecords records({"projects/A-1.yaml", "projects/B-2.yaml"});
            for (std::size_t i = 0; i < 2; ++i) {
                records.stamps[i] = *file_stamp(repo.root / records.paths[i]);
                records.stamped[i] = 1;
            }
            CHECK_FALSE(read_record_cache(cache, make_cache_key(default_process_text(), {}), records, entries));
            CHECK(records.cached == std::vector<char>{0, 0});
            CHECK(repo.load().projects == first.projects);
        }
    }
    SUBCASE("files changed within the timestamp granularity of the load are read again") {
        repo.write("projects/A-1.yaml", project_text("A-1", "戊"));  // mtime: now
        CHECK(repo.load().projects[0].name == "戊");
        std::ofstream(repo.root / "projects/A-1.yaml", std::ios::binary | std::ios::trunc) << project_text("A-1", "己");
        CHECK(repo.load().projects[0].name == "己");  // same size, same second: still seen
    }
}

TEST_CASE("record cache: a missing or read-only .pipeline/ means no cache, and no error") {
    TempRepo repo;
    repo.write("projects/A-1.yaml", project_text("A-1", "甲"));
    fs::remove_all(repo.root / ".pipeline");
    CHECK(repo.load().projects.size() == 1);
    CHECK_FALSE(fs::exists(repo.root / ".pipeline"));
    fs::create_directories(repo.root / ".pipeline");
    fs::permissions(repo.root / ".pipeline", fs::perms::owner_read | fs::perms::owner_exec);
    const Repository r = repo.load();
    CHECK(r.projects.size() == 1);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("record cache: load findings are kept with the records") {
    TempRepo repo;
    repo.write("projects/A-1.yaml", "id: A-1\nmargin: lots\n");
    repo.write("projects/B-2.yaml", "id: [unclosed\n");
    repo.age("projects/A-1.yaml");
    repo.age("projects/B-2.yaml");
    TempRepo::settle();
    const Repository cold = repo.load(false);
    const Repository first = repo.load();
    const Repository warm = repo.load();
    REQUIRE(cold.diagnostics.items().size() >= 2);
    for (const Repository* r : {&first, &warm}) {
        REQUIRE(r->diagnostics.items().size() == cold.diagnostics.items().size());
        for (std::size_t i = 0; i < cold.diagnostics.items().size(); ++i) {
            CHECK(r->diagnostics.items()[i].message == cold.diagnostics.items()[i].message);
            CHECK(r->diagnostics.items()[i].position == cold.diagnostics.items()[i].position);
        }
        CHECK(r->projects == cold.projects);
    }
}

TEST_CASE("record cache: the racy rule — an entry stamped within a tick of its load is not trusted") {
    TempRepo repo;
    repo.write("projects/A-1.yaml", project_text("A-1", "甲"));  // changed just now
    const fs::path cache = record_cache_file(repo.root, {});
    const CacheKey key = make_cache_key(default_process_text(), {});
    // An entry whose stamp matches the file exactly but whose record is different: what a
    // same-size edit within one timestamp tick after the load would leave behind.
    FileRecords written({"projects/A-1.yaml"});
    written.stamps[0] = *file_stamp(repo.root / "projects/A-1.yaml");
    written.stamped[0] = 1;
    written.loaded[0] = 1;
    written.projects[0].name = "stale";
    auto lookup = [&] {
        FileRecords r({"projects/A-1.yaml"});
        r.stamps[0] = *file_stamp(repo.root / "projects/A-1.yaml");
        r.stamped[0] = 1;
        std::size_t entries = 0;
        REQUIRE(read_record_cache(cache, key, r, entries));
        CHECK(entries == 1);
        return r.cached[0] ? r.projects[0].name.str() : std::string("(read again)");
    };
    REQUIRE(write_record_cache(cache, key, written, now_ns()));
    CHECK(lookup() == "(read again)");
    // The same entry from a load that began well after the file changed is trusted.
    REQUIRE(write_record_cache(cache, key, written, now_ns() + 5'000'000'000));
    CHECK(lookup() == "stale");
    // A cache of another build, options or pipeline.yaml is not read at all.
    FileRecords r({"projects/A-1.yaml"});
    std::size_t entries = 0;
    CacheKey other = key;
    other.build += " other";
    CHECK_FALSE(read_record_cache(cache, other, r, entries));
    other = key;
    other.strict = true;
    CHECK_FALSE(read_record_cache(cache, other, r, entries));
    other = key;
    other.process_hash ^= 1;
    CHECK_FALSE(read_record_cache(cache, other, r, entries));
}
