// Several files changed as one: when a part fails, what was written before it is undone.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "pipeline/store/change_set.hpp"
#include "support.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

TEST_CASE("change set: new files with their folders and replaced files are written in order") {
    test::TempDir dir;
    test::write_file(dir.path / "projects/A.yaml", "id: A\n");
    const std::vector<FileChange> changes = {
        {dir.path / "customers/east/C-1.yaml", "customers/east/C-1.yaml", std::nullopt, "id: C-1\n"},
        {dir.path / "projects/A.yaml", "projects/A.yaml", std::string("id: A\n"), "id: A\ncustomer: {id: C-1}\n"},
    };
    CHECK(!write_changes(changes, 1 << 20));
    CHECK(test::read_file(dir.path / "customers/east/C-1.yaml") == "id: C-1\n");
    CHECK(test::read_file(dir.path / "projects/A.yaml") == "id: A\ncustomer: {id: C-1}\n");
}

TEST_CASE("change set: a failure undoes the files written before it, and the folders made for them") {
    test::TempDir dir;
    test::write_file(dir.path / "projects/A.yaml", "id: A\n");
    test::write_file(dir.path / "projects/B.yaml", "id: B  # changed by someone else\n");
    const std::vector<FileChange> changes = {
        {dir.path / "customers/east/C-1.yaml", "customers/east/C-1.yaml", std::nullopt, "id: C-1\n"},
        {dir.path / "projects/A.yaml", "projects/A.yaml", std::string("id: A\n"), "id: A\ncustomer: {id: C-1}\n"},
        {dir.path / "projects/B.yaml", "projects/B.yaml", std::string("id: B\n"), "id: B\ncustomer: {id: C-1}\n"},
    };
    auto error = write_changes(changes, 1 << 20);
    REQUIRE(error);
    CHECK(error->message == "projects/B.yaml changed since it was read (the 2 files written before it were put back as they were)");
    CHECK(test::read_file(dir.path / "projects/A.yaml") == "id: A\n");
    CHECK(test::read_file(dir.path / "projects/B.yaml") == "id: B  # changed by someone else\n");
    CHECK(!fs::exists(dir.path / "customers"));
}

TEST_CASE("change set: a name taken stops it before anything is written; a folder not made by it stays") {
    test::TempDir dir;
    fs::create_directories(dir.path / "customers/C-1.yaml");
    test::write_file(dir.path / "customers/other.yaml", "id: other\n");
    const std::vector<FileChange> changes = {
        {dir.path / "customers/C-1.yaml", "customers/C-1.yaml", std::nullopt, "id: C-1\n"},
    };
    auto error = write_changes(changes, 1 << 20);
    REQUIRE(error);
    CHECK(error->message == "customers/C-1.yaml already exists; nothing written");
    CHECK(fs::is_directory(dir.path / "customers/C-1.yaml"));
    CHECK(test::read_file(dir.path / "customers/other.yaml") == "id: other\n");
}
