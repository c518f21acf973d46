// The git layer: finding the pipeline in a working tree, a bare and a shallow clone;
// resolving revisions; --since; loading a revision from git objects.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "pipeline/store/git_source.hpp"
#include "support.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

void write(const fs::path& file, const std::string& text) { test::write_file(file, text); }

// Runs a shell command in `dir` with a fixed identity; the test fails when it fails.
void sh(const fs::path& dir, const std::string& command) {
    const std::string full = fmt::format(
        "cd '{}' && export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t "
        "GIT_COMMITTER_EMAIL=t@example.invalid GIT_CONFIG_NOSYSTEM=1 HOME='{}' && {} >/dev/null 2>&1",
        dir.string(), dir.string(), command);
    REQUIRE_MESSAGE(std::system(full.c_str()) == 0, command);
}

// Commits everything with both dates set to `date` at 10:00 in time zone `zone`.
void commit(const fs::path& dir, const std::string& date, const std::string& message, const std::string& zone = "+0800") {
    sh(dir, fmt::format("git add -A && GIT_AUTHOR_DATE='{0}T10:00:00{1}' GIT_COMMITTER_DATE='{0}T10:00:00{1}' "
                        "git commit -qm '{2}'", date, zone, message));
}

std::string project(const std::string& id, const std::string& stage, const std::string& amount) {
    return fmt::format("id: {}\nname: 项目{}\ncustomer: {{name: 客户}}\nowner: zhang.san\namount: {}\n"
                       "expected_close: 2026-12-20\nstage: {}\nhistory:\n  - {{date: 2026-11-02, to: {}}}\n",
                       id, id, amount, stage, stage);
}

// TMP/repo, a new git repository with the default pipeline.yaml; with `gitignore`, that
// .gitignore and the .pipeline/ folder the caches go in.
fs::path new_repository(const fs::path& tmp, const std::string& gitignore = "") {
    sh(tmp, "mkdir repo && cd repo && git init -q");
    const fs::path root = tmp / "repo";
    write(root / "pipeline.yaml", std::string(default_process_text()));
    if (!gitignore.empty()) {
        write(root / ".gitignore", gitignore);
        fs::create_directories(root / ".pipeline");
    }
    return root;
}

// projects/P000.yaml … for i in [0, n) by `step`: id P and i in `digits` digits, at lead, of `amount`.
void write_projects(const fs::path& root, int n, int digits, const std::string& amount = "1000", int step = 1) {
    for (int i = 0; i < n; i += step) {
        const std::string id = fmt::format("P{:0{}}", i, digits);
        write(root / "projects" / (id + ".yaml"), project(id, "lead", amount));
    }
}

template <class T>
T value(std::variant<T, GitError> v) {
    if (auto* e = std::get_if<GitError>(&v)) FAIL(e->message);
    return std::get<T>(std::move(v));
}

std::string error(auto v) {
    if (auto* e = std::get_if<GitError>(&v)) return e->message;
    return "no error";
}

// A repository with the pipeline in sales/ and three commits on 2026-11-02, -09 and -16.
void build_history(const fs::path& repo) {
    sh(repo, "git init -q -b main");
    write(repo / "README.md", "not part of the pipeline\n");
    write(repo / "sales/pipeline.yaml", std::string(default_process_text()));
    write(repo / "sales/projects/A.yaml", project("A", "lead", "100000"));
    commit(repo, "2026-11-02", "first");
    write(repo / "sales/projects/east/B.yaml", project("B", "lead", "200000"));
    commit(repo, "2026-11-09", "second");
    write(repo / "sales/projects/A.yaml", project("A", "lead", "150000"));
    commit(repo, "2026-11-16", "third");
}

// What a loaded repository holds, as comparable text: each record and each finding.
std::string as_text(const Repository& r) {
    std::string s;
    for (const Project& p : r.projects)
        s += p.path + " " + p.id + " " + format_money(p.amount) + " " + (p.expected_close ? p.expected_close->iso() : "-") + "\n";
    for (const Diagnostic& d : r.diagnostics.items())
        s += d.path + ":" + std::to_string(d.position.line) + " " + d.rule + " " + d.message + "\n";
    return s;
}

}  // namespace

TEST_CASE("git: a working tree with the pipeline in a sub-folder") {
    TempDir tmp;
    build_history(tmp.path);
    GitSource git = value(GitSource::open(tmp.path / "sales/projects"));
    CHECK_FALSE(git.bare());
    CHECK(git.tree_path() == "sales/");
    REQUIRE(git.working_root());
    CHECK(*git.working_root() == tmp.path / "sales");

    const Commit head = value(git.resolve("HEAD"));
    CHECK(head.summary == "third");
    CHECK(head.date == *Date::parse("2026-11-16"));
    CHECK(head.id.size() == 40);
    CHECK(value(git.resolve("main~2")).summary == "first");
    CHECK(value(git.resolve(head.id.substr(0, 10))).id == head.id);
    CHECK(error(git.resolve("mian")) == "unknown revision \"mian\"");
    CHECK(error(git.resolve("HEAD~7")) == "unknown revision \"HEAD~7\"");
    CHECK(error(git.resolve("HEAD^{tree}")) == "revision \"HEAD^{tree}\" is not a commit");

    Repository first = git.load(value(git.resolve("HEAD~2")));
    REQUIRE(first.process);
    CHECK(first.diagnostics.empty());
    REQUIRE(first.projects.size() == 1);
    CHECK(first.projects[0].path == "projects/A.yaml");
    CHECK(first.projects[0].amount == Money{10000000});

    Repository last = git.load(head);
    REQUIRE(last.projects.size() == 2);
    CHECK(last.projects[0].amount == Money{15000000});
    CHECK(last.projects[1].path == "projects/east/B.yaml");
}

TEST_CASE("git: --since picks the last first-parent commit dated before the day") {
    TempDir tmp;
    build_history(tmp.path);
    GitSource git = value(GitSource::open(tmp.path / "sales"));
    const Commit head = value(git.resolve("HEAD"));
    CHECK(value(git.last_before(*Date::parse("2026-11-16"), head)).summary == "second");
    CHECK(value(git.last_before(*Date::parse("2026-11-17"), head)).summary == "third");
    CHECK(value(git.last_before(*Date::parse("2026-11-10"), head)).summary == "second");
    CHECK(value(git.last_before(*Date::parse("2026-11-09"), head)).summary == "first");
    CHECK(error(git.last_before(*Date::parse("2026-11-02"), head)).starts_with("no commit before 2026-11-02 on the first-parent line"));
}

TEST_CASE("git: a repository without a commit says so") {
    TempDir tmp;
    sh(tmp.path, "git init -q");
    write(tmp.path / "pipeline.yaml", std::string(default_process_text()));
    GitSource git = value(GitSource::open(tmp.path));
    CHECK(error(git.resolve("HEAD")) == "the git repository has no commit yet: commit the pipeline first");
}

TEST_CASE("git: a commit's date is its date in the committer's time zone") {
    TempDir tmp;
    sh(tmp.path, "git init -q");
    write(tmp.path / "pipeline.yaml", std::string(default_process_text()));
    // 2026-11-16 02:00 in Beijing is 2026-11-15 18:00 UTC: the day is the 16th.
    sh(tmp.path, "git add -A && GIT_COMMITTER_DATE='2026-11-16T02:00:00+0800' git commit -qm one");
    GitSource git = value(GitSource::open(tmp.path));
    const Commit head = value(git.resolve("HEAD"));
    CHECK(head.date == *Date::parse("2026-11-16"));
    CHECK(head.offset_minutes == 480);
}

TEST_CASE("git: ranges A..B and A...B") {
    TempDir tmp;
    build_history(tmp.path);
    sh(tmp.path, "git checkout -q -b topic HEAD~1");
    write(tmp.path / "sales/projects/C.yaml", project("C", "lead", "1"));
    commit(tmp.path, "2026-11-17", "topic");
    GitSource git = value(GitSource::open(tmp.path / "sales"));
    CHECK_FALSE(git.resolve_range("main"));
    auto two = value(*git.resolve_range("main..topic"));
    CHECK(two.from.given == "main");
    CHECK(two.from.commit->summary == "third");
    CHECK(two.to.commit->summary == "topic");
    auto three = value(*git.resolve_range("main...topic"));
    CHECK(three.from.given == "");
    CHECK(three.from.commit->summary == "second");
    CHECK(three.from.label() == three.from.commit->short_id() + " (2026-11-09)");
    auto open_end = value(*git.resolve_range("main~1.."));
    CHECK(open_end.to.given == "HEAD");
    CHECK(open_end.to.commit->summary == "topic");
}

TEST_CASE("git: a bare clone finds the pipeline in HEAD's tree, or in the path after the repository") {
    TempDir tmp;
    fs::create_directories(tmp.path / "work");
    build_history(tmp.path / "work");
    sh(tmp.path, "git clone -q --bare work sales.git");
    GitSource git = value(GitSource::open(tmp.path / "sales.git"));
    CHECK(git.bare());
    CHECK_FALSE(git.working_root());
    CHECK(git.tree_path() == "sales/");
    Repository repo = git.load(value(git.resolve("HEAD")));
    CHECK(repo.projects.size() == 2);

    GitSource named = value(GitSource::open(tmp.path / "sales.git/sales"));
    CHECK(named.tree_path() == "sales/");
    GitSource wrong = value(GitSource::open(tmp.path / "sales.git/nothing"));
    Repository none = wrong.load(value(wrong.resolve("HEAD")));
    CHECK_FALSE(none.process);
    REQUIRE(none.diagnostics.items().size() == 1);
    CHECK(none.diagnostics.items()[0].message.starts_with("there is no folder nothing/ in "));
}

TEST_CASE("git: a shallow clone reads the revisions it has and says when history runs out") {
    TempDir tmp;
    fs::create_directories(tmp.path / "work");
    build_history(tmp.path / "work");
    sh(tmp.path, fmt::format("git clone -q --depth 2 file://{}/work shallow", tmp.path.string()));
    GitSource git = value(GitSource::open(tmp.path / "shallow/sales"));
    CHECK(git.shallow());
    const Commit head = value(git.resolve("HEAD"));
    const Commit previous = value(git.resolve("HEAD~1"));
    CHECK(git.load(previous).projects.size() == 2);
    CHECK(value(git.last_before(*Date::parse("2026-11-10"), head)).id == previous.id);
    const std::string message = error(git.last_before(*Date::parse("2026-11-05"), head));
    CHECK(message.starts_with("no commit before 2026-11-05 in the history available: it ends at"));
    CHECK(message.find("this clone is shallow") != std::string::npos);
}

TEST_CASE("git: outside any git repository, and symbolic links out of the pipeline") {
    TempDir tmp;
    write(tmp.path / "plain/pipeline.yaml", std::string(default_process_text()));
    // A folder without git (the temporary folder is in none): the message names the pipeline root.
    CHECK(error(GitSource::open(tmp.path / "plain")) ==
          (tmp.path / "plain").string() + " is not in a git repository: diff and check --base read earlier revisions from git");

    sh(tmp.path, "mkdir repo && cd repo && git init -q");
    write(tmp.path / "repo/pipeline.yaml", std::string(default_process_text()));
    write(tmp.path / "repo/secret.yaml", project("S", "lead", "1"));
    write(tmp.path / "repo/projects/A.yaml", project("A", "lead", "1"));
    fs::create_symlink("../../secret.yaml", tmp.path / "repo/projects/out.yaml");
    fs::create_symlink("A.yaml", tmp.path / "repo/projects/alias.yaml");
    commit(tmp.path / "repo", "2026-11-02", "links");
    GitSource git = value(GitSource::open(tmp.path / "repo"));
    Repository repo = git.load(value(git.resolve("HEAD")));
    REQUIRE(repo.projects.size() == 2);
    CHECK(repo.projects[0].path == "projects/A.yaml");
    CHECK(repo.projects[1].path == "projects/alias.yaml");
    REQUIRE(repo.diagnostics.items().size() == 1);
    CHECK(repo.diagnostics.items()[0].path == "projects/out.yaml");
    CHECK(repo.diagnostics.items()[0].rule == "symlink");
}

TEST_CASE("git: a revision of thousands of files loads as the working tree does, whatever the thread count") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path);
    // 2,400 files in three folders of very different sizes, broken ones among them, and a link.
    for (int i = 0; i < 2400; ++i) {
        const std::string folder = i % 10 == 0 ? "west" : i % 3 == 0 ? "north/2026" : "east";
        const std::string id = fmt::format("P{:04}", i);
        write(root / "projects" / folder / (id + ".yaml"),
              i % 97 == 0 ? "id: " + id + "\namount: many\n" : project(id, i % 2 ? "lead" : "initiation", std::to_string(1000 + i)));
    }
    fs::create_symlink("P0001.yaml", root / "projects/east/alias.yaml");
    commit(root, "2026-11-02", "many");
    const std::string working = as_text(load_repository({root, {}, {}}));
    GitSource git = value(GitSource::open(root));
    const Commit head = value(git.resolve("HEAD"));
    for (const char* jobs : {"1", "2", "7"}) {
        ::setenv("PIPELINE_JOBS", jobs, 1);
        const Repository revision = git.load(head);
        ::unsetenv("PIPELINE_JOBS");
        CHECK(revision.projects.size() == 2400 + 1);  // one link; the 25 broken files too, with their findings
        std::set<std::string> broken;
        for (const Diagnostic& d : revision.diagnostics.items()) broken.insert(d.path);
        CHECK(broken.size() == 25);
        CHECK_MESSAGE(as_text(revision) == working, "PIPELINE_JOBS=", jobs);
    }
}

TEST_CASE("git: the revision cache serves a file by path and blob id, and never a rewritten one") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path, ".pipeline/\n");
    write_projects(root, 40, 2);
    commit(root, "2026-11-02", "first");
    GitSource git = value(GitSource::open(root));
    const auto amounts = [](const Repository& r) {
        std::string s;
        for (const Project& p : r.projects) s += p.id + "=" + format_money(p.amount) + " ";
        return s;
    };
    const Commit first = value(git.resolve("HEAD"));
    const std::string expected = amounts(git.load(first));
    CHECK(amounts(git.load(first, {}, true)) == expected);  // writes the cache
    CHECK(fs::exists(root / ".pipeline/revisions.cache"));
    {
        // Served from it: with one blob gone from the object store, the cache still has it.
        sh(root, "b=$(git rev-parse HEAD:projects/P03.yaml) && mv .git/objects/$(echo $b | cut -c1-2)/$(echo $b | cut -c3-) ../P03.object");
        GitSource fresh = value(GitSource::open(root));
        CHECK(amounts(fresh.load(first, {}, true)) == expected);
        CHECK(fresh.load(first).diagnostics.items().size() == 1);  // without the cache: cannot read it
        sh(root, "b=$(git rev-parse HEAD:projects/P03.yaml) && mv ../P03.object .git/objects/$(echo $b | cut -c1-2)/$(echo $b | cut -c3-)");
    }
    {
        // A blob that cannot be read is not kept: once it is back, it is read, not the failure.
        sh(root, "b=$(git rev-parse HEAD:projects/P05.yaml) && mv .git/objects/$(echo $b | cut -c1-2)/$(echo $b | cut -c3-) ../P05.object");
        write(root / ".pipeline/revisions.cache", "rebuild");
        GitSource fresh = value(GitSource::open(root));
        CHECK(fresh.load(first, {}, true).diagnostics.items().size() == 1);
        sh(root, "b=$(git rev-parse HEAD:projects/P05.yaml) && mv ../P05.object .git/objects/$(echo $b | cut -c1-2)/$(echo $b | cut -c3-)");
        const Repository again = fresh.load(first, {}, true);
        CHECK(again.diagnostics.items().empty());
        CHECK(amounts(again) == expected);
    }
    // The same path with other bytes in a rewritten commit: its blob id differs, so it is read.
    write(root / "projects/P07.yaml", project("P07", "lead", "7777"));
    sh(root, "git add -A && GIT_COMMITTER_DATE='2026-11-03T10:00:00+0800' git commit -q --amend --no-edit");
    const Commit amended = value(git.resolve("HEAD"));
    const std::string loaded = amounts(git.load(amended, {}, true));
    CHECK(loaded.find("P07=7,777.00") != std::string::npos);
    CHECK(loaded == amounts(git.load(amended)));
    // A damaged cache is ignored and rebuilt, never trusted.
    write(root / ".pipeline/revisions.cache", "garbage");
    CHECK(amounts(git.load(amended, {}, true)) == loaded);
    // A bare clone writes no cache into its folder.
    sh(tmp.path, "git clone -q --bare repo bare.git");
    GitSource bare = value(GitSource::open(tmp.path / "bare.git"));
    CHECK(amounts(bare.load(value(bare.resolve("HEAD")), {}, true)) == loaded);
    CHECK(!fs::exists(tmp.path / "bare.git/.pipeline"));
}

TEST_CASE("git: the revision cache keeps other revisions' blobs, so that reading two revisions by turns parses neither again") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path, ".pipeline/\n");
    write_projects(root, 300, 3);
    commit(root, "2026-11-02", "first");
    write_projects(root, 300, 3, "2000", 5);
    commit(root, "2026-11-09", "sixty changed");
    GitSource git = value(GitSource::open(root));
    const Commit first = value(git.resolve("HEAD~1")), second = value(git.resolve("HEAD"));
    const std::string first_text = as_text(git.load(first)), second_text = as_text(git.load(second));
    const auto blobs_read = [&](const Commit& c, const std::string& expected) {
        const std::size_t before = git_object_lookups();
        CHECK(as_text(git.load(c, {}, true)) == expected);
        return git_object_lookups() - before;
    };
    ::setenv("PIPELINE_JOBS", "1", 1);
    CHECK(blobs_read(first, first_text) >= 300);   // no cache yet: written
    CHECK(blobs_read(second, second_text) >= 60);  // its 60 blobs read; the cache rewritten with the first's kept
    CHECK(blobs_read(first, first_text) <= 12);    // the listing walk alone
    CHECK(blobs_read(second, second_text) <= 12);
    ::unsetenv("PIPELINE_JOBS");
}

TEST_CASE("git: the first-parent line back to the state at a date") {
    TempDir tmp;
    build_history(tmp.path);
    GitSource git = value(GitSource::open(tmp.path / "sales"));
    const Commit head = value(git.resolve("HEAD"));
    const auto summaries = [&](std::optional<Date> back_to) {
        std::string s;
        for (const Commit& c : value(git.first_parent_line(head, back_to))) s += c.summary + "@" + c.date.iso() + " ";
        return s;
    };
    CHECK(summaries(std::nullopt) == "first@2026-11-02 second@2026-11-09 third@2026-11-16 ");
    // The state at 2026-11-10 is the second commit's: the line starts there.
    CHECK(summaries(test::date("2026-11-10")) == "second@2026-11-09 third@2026-11-16 ");
    CHECK(summaries(test::date("2026-11-09")) == "first@2026-11-02 second@2026-11-09 third@2026-11-16 ");
    CHECK(summaries(test::date("2026-01-01")) == "first@2026-11-02 second@2026-11-09 third@2026-11-16 ");
    CHECK(value(git.first_parent_line(head, std::nullopt)).back().author == "t");
}

TEST_CASE("git: advance reads what a tree-to-tree diff names and gives what load gives") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path);
    for (int i = 0; i < 30; ++i)
        write(root / "projects" / (i % 2 ? "east" : "west") / fmt::format("P{:02}.yaml", i), project(fmt::format("P{:02}", i), "lead", "1000"));
    commit(root, "2026-11-02", "start");
    GitSource git = value(GitSource::open(root));
    Commit previous = value(git.resolve("HEAD"));
    Repository repo = git.load(previous);
    struct Change {
        const char* what;
        std::function<void()> apply;
        std::string paths;  // what advance read again, "whole" for everything
    };
    const std::vector<Change> changes{
        {"an amount", [&] { write(root / "projects/east/P01.yaml", project("P01", "lead", "2500")); }, "projects/east/P01.yaml "},
        {"a new file and a removed one",
         [&] {
             write(root / "projects/north/N1.yaml", project("N1", "initiation", "300"));
             fs::remove(root / "projects/west/P00.yaml");
         },
         "projects/north/N1.yaml projects/west/P00.yaml "},
        {"a rename", [&] { fs::rename(root / "projects/west/P02.yaml", root / "projects/north/P02.yaml"); },
         "projects/north/P02.yaml projects/west/P02.yaml "},
        {"a broken file", [&] { write(root / "projects/east/P03.yaml", "id: P03\namount: many\n"); }, "projects/east/P03.yaml "},
        {"files no listing reads",
         [&] {
             write(root / "README.md", "notes\n");
             write(root / "projects/.drafts/D.yaml", project("D", "lead", "1"));
             write(root / "projects/east/notes.txt", "not a project\n");
         },
         ""},
        {"the broken file mended", [&] { write(root / "projects/east/P03.yaml", project("P03", "lead", "3000")); },
         "projects/east/P03.yaml "},
        {"pipeline.yaml", [&] { write(root / "pipeline.yaml", std::string(default_process_text()) + "\n# changed\n"); }, "whole"},
        {"a link", [&] { fs::create_symlink("P05.yaml", root / "projects/east/alias.yaml"); }, "whole"},
    };
    for (const Change& change : changes) {
        change.apply();
        commit(root, "2026-11-03", change.what);
        const Commit next = value(git.resolve("HEAD"));
        const RevisionStep step = git.advance(repo, previous, next);
        std::string read;
        for (const std::string& p : step.paths) read += p + " ";
        CHECK_MESSAGE((step.whole ? std::string("whole") : read) == change.paths, change.what);
        CHECK_MESSAGE(as_text(repo) == as_text(git.load(next)), change.what);
        previous = next;
    }
}

TEST_CASE("git: reading a revision looks each folder and file up once, and a step only what changed") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path);
    // 3,000 files: one folder of 2,000, two of 500.
    for (int i = 0; i < 3000; ++i) {
        const std::string folder = i < 2000 ? "big" : i < 2500 ? "a/b" : "c";
        write(root / "projects" / folder / fmt::format("P{:04}.yaml", i), project(fmt::format("P{:04}", i), "lead", "1000"));
    }
    commit(root, "2026-11-02", "many");
    write(root / "projects/big/P0007.yaml", project("P0007", "lead", "7000"));
    write(root / "projects/c/P2999.yaml", project("P2999", "lead", "9000"));
    commit(root, "2026-11-03", "two");
    GitSource git = value(GitSource::open(root));
    const Commit first = value(git.resolve("HEAD~1")), second = value(git.resolve("HEAD"));
    ::setenv("PIPELINE_JOBS", "1", 1);
    std::size_t before = git_object_lookups();
    Repository repo = git.load(first);
    const std::size_t load = git_object_lookups() - before;
    before = git_object_lookups();
    const RevisionStep step = git.advance(repo, first, second);
    const std::size_t advance = git_object_lookups() - before;
    ::unsetenv("PIPELINE_JOBS");
    REQUIRE(repo.projects.size() == 3000);
    // 3,000 blobs, 5 folders, the commit, its tree, pipeline.yaml: never a tree per file.
    CHECK(load <= 3000 + 5 + 10);
    CHECK(load >= 3000);
    CHECK(step.paths.size() == 2);
    // Two commits and their trees, two changed files found by path (3 and 3 lookups), their blobs, pipeline.yaml.
    CHECK(advance <= 20);
}

TEST_CASE("git: a revision beside the working tree reads only the files that differ from it") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path, ".pipeline/\nprojects/ignored/\n");
    write_projects(root, 400, 3);
    write(root / "projects/broken.yaml", "id: X\namount: many\n");
    commit(root, "2026-11-02", "base");
    write(root / "projects/P001.yaml", project("P001", "initiation", "5000"));  // changed, not committed
    fs::remove(root / "projects/P002.yaml");                                    // removed
    write(root / "projects/new/N.yaml", project("N", "lead", "1"));             // untracked
    write(root / "projects/ignored/I.yaml", project("I", "lead", "1"));         // ignored
    write(root / "projects/P003.yaml", project("P003", "lead", "3000"));
    commit(root, "2026-11-03", "committed change");
    write(root / "projects/P004.yaml", project("P004", "lead", "4000"));  // staged, not committed
    sh(root, "git add projects/P004.yaml");
    sh(root, "touch -d '2026-11-05 10:00' projects/P005.yaml");  // its stat data changed, not its bytes
    GitSource git = value(GitSource::open(root));
    const Commit base = value(git.resolve("HEAD~1"));
    const auto load_working = [&] {
        LoadRequest request{root, {}, {}};
        request.keep_listing = true;
        return load_repository(request);
    };
    const Repository working = load_working();
    CHECK_FALSE(git.read_beside(base, load_repository({root, {}, {}})));  // no listing to compare with the index
    ::setenv("PIPELINE_JOBS", "1", 1);
    const std::size_t before = git_object_lookups();
    const auto beside = git.read_beside(base, working);
    const std::size_t lookups = git_object_lookups() - before;
    ::unsetenv("PIPELINE_JOBS");
    REQUIRE(beside);
    // What differs, read from git, and the working tree's records of the rest: the base itself.
    std::string differs;
    for (const std::string& p : beside->differs) differs += p + " ";
    CHECK(differs == "projects/P001.yaml projects/P002.yaml projects/P003.yaml projects/P004.yaml projects/ignored/I.yaml "
                     "projects/new/N.yaml ");
    const auto same = [&](const std::string& path) { return !std::binary_search(beside->differs.begin(), beside->differs.end(), path); };
    Repository whole = beside->differing;
    for (const Project& p : working.projects)
        if (same(p.path)) whole.projects.push_back(p);
    for (const Diagnostic& d : working.diagnostics.items())
        if (d.path != "pipeline.yaml" && same(d.path)) whole.diagnostics.add(d);
    std::sort(whole.projects.begin(), whole.projects.end(), [](const Project& a, const Project& b) { return a.path < b.path; });
    whole.diagnostics.sort();
    CHECK(as_text(whole) == as_text(git.load(base)));
    // The commit and its trees, pipeline.yaml, and the six paths that differ found by path (a
    // few folders each) and the four the base has read: no walk of the 400 files.
    CHECK(lookups <= 48);
    // pipeline.yaml differing: the whole revision is read instead.
    write(root / "pipeline.yaml", std::string(default_process_text()) + "# changed\n");
    CHECK_FALSE(git.read_beside(base, load_working()));
}

TEST_CASE("git: a file parsed in the working tree is not parsed again for a revision holding the same bytes") {
    TempDir tmp;
    const fs::path root = new_repository(tmp.path, ".pipeline/\n");
    write_projects(root, 300, 3);
    // Files and index older than a second: neither git's racy rule nor the cache's holds them back.
    sh(root, "touch -d '2026-01-01 10:00' pipeline.yaml projects/*.yaml");
    commit(root, "2026-11-02", "first");
    write(root / "projects/P007.yaml", project("P007", "lead", "7777"));  // changed, not committed
    sh(root, "sleep 1.2");
    const Repository working = load_repository({root, {}, {}, true});   // writes records.cache
    REQUIRE(fs::exists(root / ".pipeline/records.cache"));
    GitSource git = value(GitSource::open(root));
    const Commit head = value(git.resolve("HEAD"));
    ::setenv("PIPELINE_JOBS", "1", 1);
    const std::size_t before = git_object_lookups();
    const Repository revision = git.load(head, {}, true);  // no revisions.cache yet
    const std::size_t lookups = git_object_lookups() - before;
    ::unsetenv("PIPELINE_JOBS");
    CHECK(as_text(revision) == as_text(git.load(head)));
    CHECK(as_text(revision).find("P007 1,000.00") != std::string::npos);  // the committed bytes, not the working tree's
    // The listing walk and one blob: the changed file. The other 299 came from records.cache.
    CHECK(lookups <= 12);
    CHECK(lookups >= 4);
    // The revisions' cache missed every file: it is written, and the next load finds them by blob id.
    REQUIRE(fs::exists(root / ".pipeline/revisions.cache"));
    fs::remove(root / ".pipeline/records.cache");
    const std::size_t again = git_object_lookups();
    CHECK(as_text(git.load(head, {}, true)) == as_text(revision));
    CHECK(git_object_lookups() - again <= 12);  // the listing walk: no blob read
}
