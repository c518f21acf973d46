// The view of one project behind `pipeline show`: the next step and its checklist,
// risks by score, overdue instalments, the last activity.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/figures/project_view.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

Process process() { return test::default_process(); }

Project project(const Process& process, const std::string& body) {
    return test::project_from("id: V-1\nname: n\ncustomer: c\nowner: o\namount: 1000000\nexpected_close: 2027-01-01\n" + body,
                              process, "projects/V-1.yaml");
}

using test::kToday;

}  // namespace

TEST_CASE("project view: outside a group the checklist is the gate of the current stage") {
    const Process pr = process();
    const Project p = project(pr, "stage: tender\nhistory:\n  - {date: 2026-10-01, to: lead}\n  - {date: 2026-11-01, from: lead, to: tender}\n");
    const ProjectView v = view_project(p, pr, kToday);
    CHECK(v.has_next);
    CHECK(v.next_stage == 6);
    CHECK(v.gates == std::vector<int>{5});
    REQUIRE(v.checklist.size() == 1);
    CHECK(!v.checklist[0].holds);
    CHECK(v.free_stages.empty());
    CHECK(v.probability == 90);
    CHECK(v.weighted == Money{90000000});
    CHECK(v.days_in_stage == 22);
}

TEST_CASE("project view: in a flexible group the checklist covers every gate of the group") {
    const Process pr = process();
    const Project p = project(pr, "stage: solution\nhistory:\n  - {date: 2026-10-01, to: solution}\n");
    const ProjectView v = view_project(p, pr, kToday);
    CHECK(v.next_stage == 5);
    CHECK(v.gates == std::vector<int>{2, 3, 4});
    CHECK(v.free_stages == std::vector<int>{2, 4});
    CHECK(v.checklist.size() == 7);
}

TEST_CASE("project view: in the final stage the next step is closing as won; closed projects have none") {
    const Process pr = process();
    const ProjectView last = view_project(project(pr, "stage: contract\n"), pr, kToday);
    CHECK(last.has_next);
    CHECK(last.next_stage == -1);
    CHECK(last.gates == std::vector<int>{6});
    const ProjectView won = view_project(project(pr, "stage: contract\nstatus: won\nclosed_on: 2026-11-01\n"), pr, kToday);
    CHECK(!won.has_next);
    CHECK(won.checklist.empty());
    CHECK(won.weighted == Money{100000000});
    const ProjectView lost = view_project(project(pr, "stage: tender\nstatus: lost\nclosed_on: 2026-11-01\n"), pr, kToday);
    CHECK(lost.weighted == Money{});
}

TEST_CASE("project view: open risks by score, overdue instalments oldest first, the last activity") {
    const Process pr = process();
    const Project p = project(pr,
                              "stage: contract\n"
                              "risks:\n"
                              "  - {type: legal, description: a, likelihood: 2, impact: 2}\n"
                              "  - {type: market, description: b, likelihood: 4, impact: 4}\n"
                              "  - {type: market, description: c, likelihood: 5, impact: 5, status: closed}\n"
                              "payments:\n"
                              "  - {due: 2026-11-20, amount: 100, note: later}\n"
                              "  - {due: 2026-11-01, amount: 300, received: 100, note: earlier}\n"
                              "  - {due: 2026-10-01, amount: 50, received: 50}\n"
                              "  - {due: 2026-11-23, amount: 70}\n"
                              "activities:\n"
                              "  - {date: 2026-11-10, type: visit}\n"
                              "  - {date: 2026-11-12, type: call}\n"
                              "  - {date: 2026-11-11, type: meeting}\n");
    const ProjectView v = view_project(p, pr, kToday);
    REQUIRE(v.open_risks.size() == 2);
    CHECK(v.open_risks[0]->description == "b");
    CHECK(v.open_risks[1]->description == "a");
    REQUIRE(v.overdue.size() == 2);
    CHECK(v.overdue[0].payment->note == "earlier");
    CHECK(v.overdue[0].outstanding == Money{20000});
    CHECK(v.overdue[0].days == 22);
    CHECK(v.overdue[1].days == 3);
    REQUIRE(v.last_activity);
    CHECK(v.last_activity->type == "call");
}
