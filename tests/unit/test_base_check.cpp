// check --base: the projects compared with a base revision, under the default process
// (requirements, solution and relations form a flexible group).
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/check/base_check.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const Process& process() {
    static const Process p = test::default_process(true);
    return p;
}

// A project file: `head` holds the keys up to the history, `history` its entries (one a line).
Project project(const std::string& id, const std::string& head, const std::vector<std::string>& history) {
    std::string text = fmt::format("id: {}\nname: 项目\ncustomer: {{name: 客户}}\nowner: zhang.san\namount: 100000\n"
                                   "expected_close: 2026-12-20\n{}history:\n", id, head);
    for (const std::string& h : history) text += "  - " + h + "\n";
    return test::project_from(text, process(), "projects/" + id + ".yaml");
}

Repository base_of(std::vector<Project> projects) {
    Repository r;
    r.process = process();
    r.projects = std::move(projects);
    return r;
}

std::vector<std::string> run(const Repository& base, const std::vector<Project>& now, bool strict = false, bool whole = true) {
    Diagnostics out;
    check_against_base(base, now, process(), {*Date::parse("2026-11-23"), "main (abc1234)", strict, whole}, out);
    out.sort();
    std::vector<std::string> lines;
    for (const Diagnostic& d : out.items())
        lines.push_back(fmt::format("{}:{}:{} {} [{}] {}", d.path, d.position.line, d.position.column, severity_name(d.severity),
                                    d.rule, d.message));
    return lines;
}

const std::string kLead = "{date: 2026-10-01, to: lead}";
const std::string kInit = "{date: 2026-10-02, from: lead, to: initiation}";
const std::string kReq = "{date: 2026-10-03, from: initiation, to: requirements}";

}  // namespace

TEST_CASE("base: an unchanged project and a new one pass") {
    const Project p = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project fresh = project("B", "stage: lead\n", {kLead});
    CHECK(run(base_of({p}), {p, fresh}).empty());
}

TEST_CASE("base: a stage changed by hand is an error on the stage line") {
    const Project before = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project now = project("A", "stage: solution\n", {kLead, kInit, kReq});
    CHECK(run(base_of({before}), {now}) ==
          std::vector<std::string>{"projects/A.yaml:7:8 error [base-transition] the stage changed from 需求确认 (requirements) "
                                   "to 方案确认 (solution) since main (abc1234), but no history entry records the move (move "
                                   "projects with `pipeline advance`)"});
}

TEST_CASE("base: a status changed by hand names the outcome") {
    const Project before = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project now = project("A", "stage: requirements\nstatus: lost\nclosed_on: 2026-11-20\n", {kLead, kInit, kReq});
    CHECK(run(base_of({before}), {now}) ==
          std::vector<std::string>{"projects/A.yaml:8:9 error [base-transition] the project moved from 需求确认 (requirements) "
                                   "to 丢单 (lost) since main (abc1234), but no history entry records the move (move "
                                   "projects with `pipeline advance`)"});
}

TEST_CASE("base: a move recorded in the history (as advance writes it) passes") {
    const Project before = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project now = project("A", "stage: solution\n",
                                {kLead, kInit, kReq, "{date: 2026-11-20, from: requirements, to: solution}"});
    CHECK(run(base_of({before}), {now}).empty());
    // Closing and reopening: entries that name the outcome.
    const Project closed = project("A", "stage: solution\nstatus: lost\nclosed_on: 2026-11-21\n",
                                   {kLead, kInit, kReq, "{date: 2026-11-20, from: requirements, to: solution}",
                                    "{date: 2026-11-21, from: solution, to: lost}"});
    CHECK(run(base_of({now}), {closed}).empty());
    const Project reopened = project("A", "stage: solution\n",
                                     {kLead, kInit, kReq, "{date: 2026-11-20, from: requirements, to: solution}",
                                      "{date: 2026-11-21, from: solution, to: lost}",
                                      "{date: 2026-11-22, from: lost, to: solution, note: 预算恢复}"});
    CHECK(run(base_of({closed}), {reopened}).empty());
}

TEST_CASE("base: the added entries must start where the project stood at the base") {
    const Project before = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project now = project("A", "stage: relations\n",
                                {kLead, kInit, kReq, "{date: 2026-11-20, from: solution, to: relations}"});
    CHECK(run(base_of({before}), {now}) ==
          std::vector<std::string>{"projects/A.yaml:12:5 error [base-transition] the history added since main (abc1234) "
                                   "starts from 方案确认 (solution), but the project was in 需求确认 (requirements) there"});
}

TEST_CASE("base: a forward move added since the base passes gates that must hold, unless forced") {
    // relations → tender leaves the flexible group: the gates of requirements, solution and
    // relations must hold. The project then went back to solution, so the `gate` rule (which
    // checks the stages left by the current stage) no longer looks at them.
    const std::string rel = "{date: 2026-10-04, from: requirements, to: relations}";
    const Project before = project("A", "stage: relations\n", {kLead, kInit, kReq, rel});
    const std::vector<std::string> moves = {kLead, kInit, kReq, rel, "{date: 2026-11-20, from: relations, to: tender}",
                                            "{date: 2026-11-21, from: tender, to: solution, note: 重新报方案}"};
    const auto found = run(base_of({before}), {project("A", "stage: solution\n", moves)});
    REQUIRE(found.size() == 7);  // 4 checks of requirements, 2 of solution, 1 of relations
    // Sorted by message at the entry's position (line 13).
    CHECK(std::count(found.begin(), found.end(),
                     "projects/A.yaml:13:5 error [base-transition] 深度公关 (relations) → 招投标 (tender) passed the gate "
                     "of 需求确认 (requirements), which does not hold: 与业主建立了工作关系 (0 of 1)") == 1);
    CHECK(std::count(found.begin(), found.end(),
                     "projects/A.yaml:13:5 error [base-transition] 深度公关 (relations) → 招投标 (tender) passed the gate "
                     "of 深度公关 (relations), which does not hold: 项目决策人支持我方 (0 of 1)") == 1);

    std::vector<std::string> forced = moves;
    forced[4] = "{date: 2026-11-20, from: relations, to: tender, by: li.si, forced: 客户要求提前招标}";
    CHECK(run(base_of({before}), {project("A", "stage: solution\n", forced)}).empty());
    // Forced by someone rules.force_roles does not name: base-forced.
    forced[4] = "{date: 2026-11-20, from: relations, to: tender, by: zhang.san, forced: 客户要求提前招标}";
    const auto by_sales = run(base_of({before}), {project("A", "stage: solution\n", forced)});
    REQUIRE(by_sales.size() == 1);
    CHECK(by_sales[0].find("[base-forced] a move forced by zhang.san was added since") != std::string::npos);
}

TEST_CASE("base: history present at the base is never rewritten or removed") {
    const Project before = project("A", "stage: requirements\n", {kLead, kInit, kReq});
    const Project rewritten = project("A", "stage: requirements\n",
                                      {kLead, "{date: 2026-10-02, from: lead, to: initiation, note: 补记}", kReq});
    CHECK(run(base_of({before}), {rewritten}) ==
          std::vector<std::string>{"projects/A.yaml:10:5 error [base-history] history entry 2 (2026-10-02 lead → initiation) "
                                   "differs from main (abc1234): entries already merged are never rewritten; append a new "
                                   "entry instead"});
    const Project shortened = project("A", "stage: requirements\n", {kLead, kInit});
    CHECK(run(base_of({before}), {shortened}) ==
          std::vector<std::string>{"projects/A.yaml:9:3 error [base-history] 1 history entry of main (abc1234) was removed "
                                   "(the last: 2026-10-03 initiation → requirements); history is append-only"});
}

TEST_CASE("base: a deleted project is a warning, an error under --strict, and not looked for in a partial check") {
    const Project gone = project("A", "stage: lead\n", {kLead});
    const Project kept = project("B", "stage: lead\n", {kLead});
    const std::string message = "projects/A.yaml:0:0 {} [base-deleted] project A (项目) was deleted since main (abc1234); a "
                                "project that ended stays as a record (status: lost or abandoned)";
    CHECK(run(base_of({gone, kept}), {kept}) == std::vector<std::string>{fmt::format(fmt::runtime(message), "warning")});
    CHECK(run(base_of({gone, kept}), {kept}, true) == std::vector<std::string>{fmt::format(fmt::runtime(message), "error")});
    CHECK(run(base_of({gone, kept}), {kept}, false, false).empty());
    // Moved to another folder: matched by id, not deleted.
    Project moved = gone;
    moved.path = "projects/east/A.yaml";
    CHECK(run(base_of({gone}), {moved}).empty());
}
