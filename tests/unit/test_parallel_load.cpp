// Loading on several threads gives what loading on one gives; finding one project reads no other.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "pipeline/store/repository.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

Repository load_with_jobs(const fs::path& root, const char* jobs) {
    ::setenv("PIPELINE_JOBS", jobs, 1);
    Repository r = load_repository({root, {}, {}});
    ::unsetenv("PIPELINE_JOBS");
    return r;
}

std::string findings(const Repository& r) {
    std::string s;
    for (const Diagnostic& d : r.diagnostics.items())
        s += d.path + ":" + std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " + d.rule +
             " " + d.message + "\n";
    return s;
}

}  // namespace

TEST_CASE("parallel load: the same records and findings, in path order, whatever the thread count") {
    // The example, plus broken files between good ones, so findings come from several threads.
    const fs::path root = fs::temp_directory_path() / ("pipeline-parallel-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::copy(fs::path(PIPELINE_TEST_DATA).parent_path() / "examples/sales", root, fs::copy_options::recursive);
    for (int i = 0; i < 80; ++i) {
        std::ofstream(root / "projects" / ("ZZ-" + std::to_string(100 + i) + ".yaml"))
            << (i % 3 == 0 ? "id: [broken\n" : i % 3 == 1 ? "id: ZZ\nmargin: many\n" : "id: ok\nname: 名\n");
    }
    const Repository one = load_with_jobs(root, "1");
    REQUIRE(one.projects.size() > 30);
    CHECK(findings(one).find("ZZ-100.yaml") != std::string::npos);
    for (const char* jobs : {"2", "3", "8"}) {
        const Repository many = load_with_jobs(root, jobs);
        CHECK(many.projects == one.projects);
        CHECK(findings(many) == findings(one));
    }
    for (std::size_t i = 1; i < one.projects.size(); ++i) CHECK(one.projects[i - 1].path < one.projects[i].path);
    fs::remove_all(root);
}

TEST_CASE("project_path_for: finds projects/ID.yaml and projects/FOLDER/ID.yaml without listing") {
    const fs::path root = fs::path(PIPELINE_TEST_DATA).parent_path() / "examples/sales";
    CHECK(project_path_for(root, "BJ-2026-001") == "projects/north/BJ-2026-001.yaml");
    CHECK(project_path_for(root, "CD-2026-015") == "projects/2026/CD-2026-015.yaml");
    CHECK(project_path_for(root, "NO-SUCH-1") == "projects/NO-SUCH-1.yaml");
}
