// Planning advance, close and reopen: every refusal, and the exact change otherwise.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/change/project_change.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

Process default_process() { return test::default_process(true); }

using test::kToday;

// A project in `stage`, with the fields of `extra` (top-level YAML lines).
Project project(const Process& process, const std::string& stage, const std::string& extra = "",
                const std::string& history = "  - {date: 2026-01-05, to: lead}\n") {
    const std::string text = "id: P-1\nname: 项目\ncustomer: 客户\nowner: zhang.san\namount: 1000000\n"
                             "expected_close: 2026-12-31\nstage: " + stage + "\n" + extra + "history:\n" + history;
    return test::project_from(text, process);
}

AdvanceRequest advance_to(std::string to = "", std::string note = "") {
    AdvanceRequest r;
    r.to = std::move(to);
    r.date = kToday;
    r.by = "zhang.san";
    r.note = std::move(note);
    return r;
}

PlannedChange planned(const MoveResult& r) {
    if (const Refusal* refusal = std::get_if<Refusal>(&r)) {
        std::string findings;
        for (const Diagnostic& d : refusal->findings) findings += "\n  " + d.message;
        FAIL(refusal->reason << ": " << refusal->message << findings);
    }
    return std::get<PlannedChange>(r);
}

Refusal refused(const MoveResult& r, const std::string& reason) {
    REQUIRE(std::holds_alternative<Refusal>(r));
    const Refusal& refusal = std::get<Refusal>(r);
    CHECK(refusal.reason == reason);
    return refusal;
}

std::string flow(const YamlItem& item) { return yaml_flow_mapping(item); }

// The gates of lead and initiation hold; requirements is the first stage of the group.
const std::string kInitiated =
    "sponsor: li.si\nteam:\n  - {name: zhang.san, role: 销售}\n  - {name: x, role: 售前}\n"
    "lead: {source: 展会}\napprovals:\n  - {type: initiation, by: li.si, date: 2026-01-20, result: approved}\n";
const std::string kToTender = "  - {date: 2026-01-05, to: lead}\n  - {date: 2026-02-01, from: lead, to: tender}\n";
const std::string kToInitiation = "  - {date: 2026-01-05, to: lead}\n  - {date: 2026-01-10, from: lead, to: initiation}\n";

}  // namespace

TEST_CASE("moves: advance to the next stage when its gate holds") {
    const Process process = default_process();
    const Project p = project(process, "lead", "lead: {source: 展会}\n");
    const PlannedChange c = planned(plan_advance(p, process, kToday, advance_to()));
    CHECK(c.kind == "forward");
    CHECK(c.from_stage == 0);
    CHECK(c.to_stage == 1);
    REQUIRE(c.checked.size() == 1);
    CHECK(c.checked[0].holds);
    CHECK(c.overridden.empty());
    REQUIRE(c.history.size() == 1);
    CHECK(flow(c.history[0]) == "{date: 2026-11-23, from: lead, to: initiation, by: zhang.san}");
    CHECK(c.after.stage == 1);
    CHECK(c.after.stage_text == "initiation");
    CHECK(c.after.history.size() == 2);
    CHECK(c.after.history.back().from == 0);
    CHECK(c.after.history.back().to == 1);
    REQUIRE(c.edit.set.size() == 1);
    CHECK(c.edit.set[0].key == "stage");
    CHECK(c.edit.set[0].value.text == "initiation");
    REQUIRE(c.edit.append.size() == 1);
    CHECK(c.edit.append[0].list == "history");
    CHECK(!c.edit.key_order.empty());
}

TEST_CASE("moves: a refused advance lists every unmet check of every gate passed over") {
    const Process process = default_process();
    const Project p = project(process, "initiation", "", kToInitiation);
    const Refusal r = refused(plan_advance(p, process, kToday, advance_to("tender")), "gate");
    // initiation (3 checks), requirements (4), solution (2), relations (1): nothing holds.
    CHECK(r.unmet.size() == 10);
    CHECK(r.unmet.front().check->text == "立项申请审批表已由销售经理批准");
    CHECK(r.unmet.back().check->text == "项目决策人支持我方");
    CHECK(check_detail(r.unmet.front()) == "approvals (type: initiation, result: approved): 0 of 1");
    CHECK(r.message == "P-1 cannot move from 项目立项 (initiation) to 招投标 (tender): 10 checks of the gates do not hold");
}

TEST_CASE("moves: entering a flexible group needs only the gates before it; inside it any order") {
    const Process process = default_process();
    const Project p = project(process, "initiation", kInitiated, kToInitiation);
    const PlannedChange into = planned(plan_advance(p, process, kToday, advance_to("深度公关")));
    CHECK(into.kind == "forward");
    CHECK(into.to_stage == 4);
    CHECK(into.checked.size() == 3);
    CHECK(into.after.stage_text == "relations");

    const Project in_group = project(process, "relations", kInitiated,
                                     kToInitiation + "  - {date: 2026-02-01, from: initiation, to: relations}\n");
    const PlannedChange back = planned(plan_advance(in_group, process, kToday, advance_to("requirements")));
    CHECK(back.kind == "within-group");
    CHECK(back.checked.empty());
    CHECK(flow(back.history[0]) == "{date: 2026-11-23, from: relations, to: requirements, by: zhang.san}");

    const Refusal leave = refused(plan_advance(in_group, process, kToday, advance_to()), "gate");
    CHECK(leave.unmet.size() == 7);  // every gate of the group: 4 + 2 + 1
}

TEST_CASE("moves: a backward move is a regression and needs a note") {
    const Process process = default_process();
    const Project p = project(process, "initiation", kInitiated, kToInitiation);
    const Refusal r = refused(plan_advance(p, process, kToday, advance_to("lead")), "regression-note");
    CHECK(r.message == "moving back from 项目立项 (initiation) to 信息搜集 (lead) is a regression; say why with --note TEXT");
    const PlannedChange c = planned(plan_advance(p, process, kToday, advance_to("lead", "客户重新评估")));
    CHECK(c.kind == "regression");
    CHECK(c.checked.empty());
    CHECK(flow(c.history[0]) == "{date: 2026-11-23, from: initiation, to: lead, by: zhang.san, note: 客户重新评估, regression: true}");
    CHECK(c.after.history.back().regression);
}

TEST_CASE("moves: --force needs a reason and records what it overrode") {
    const Process process = default_process();
    const Project p = project(process, "lead");
    AdvanceRequest r = advance_to();
    r.force = true;
    refused(plan_advance(p, process, kToday, r), "force-reason");
    r.force_reason = "客户口头确认，来源稍后补录";
    // zhang.san is sales: rules.force_roles (manager, director) does not name the role.
    CHECK(refused(plan_advance(p, process, kToday, r), "force-role").message ==
          "zhang.san (sales) may not force a gate: only people of the roles manager, director may (rules.force_roles); "
          "ask one of them, who moves it with --by");
    r.by = "nobody";
    CHECK(refused(plan_advance(p, process, kToday, r), "force-role").message.english().starts_with("nobody is not in people"));
    r.by = "li.si";  // a manager
    const PlannedChange c = planned(plan_advance(p, process, kToday, r));
    REQUIRE(c.overridden.size() == 1);
    CHECK(c.overridden[0].check->text == "线索来源已记录");
    CHECK(flow(c.history[0]) ==
          "{date: 2026-11-23, from: lead, to: initiation, by: li.si, forced: 客户口头确认，来源稍后补录}");
    // Nobody may, when the rule names no role.
    Process strict = process;
    strict.rules.force_roles.clear();
    refused(plan_advance(p, strict, kToday, r), "force-role");
    // Nothing to override: no forced key, and no role needed.
    r.by = "zhang.san";
    const Project ready = project(process, "lead", "lead: {source: 展会}\n");
    const PlannedChange plain = planned(plan_advance(ready, process, kToday, r));
    CHECK(plain.overridden.empty());
    CHECK(flow(plain.history[0]) == "{date: 2026-11-23, from: lead, to: initiation, by: zhang.san}");
}

TEST_CASE("moves: the stage is written the way the file writes it") {
    const Process process = default_process();
    const Project named = project(process, "信息搜集", "lead: {source: 展会}\n");
    const PlannedChange c = planned(plan_advance(named, process, kToday, advance_to()));
    CHECK(c.edit.set[0].value.text == "项目立项");
    CHECK(c.after.stage_text == "项目立项");
    CHECK(flow(c.history[0]) == "{date: 2026-11-23, from: lead, to: initiation, by: zhang.san}");
    // History entries follow the file's history.
    const Project names = project(process, "信息搜集", "lead: {source: 展会}\n", "  - {date: 2026-01-05, to: 信息搜集}\n");
    CHECK(flow(planned(plan_advance(names, process, kToday, advance_to())).history[0]) ==
          "{date: 2026-11-23, from: 信息搜集, to: 项目立项, by: zhang.san}");
}

TEST_CASE("moves: refusals of advance") {
    const Process process = default_process();
    const Project p = project(process, "lead", "lead: {source: 展会}\n");
    CHECK(refused(plan_advance(p, process, kToday, advance_to("tendr")), "unknown-stage").message.english().find("did you mean \"tender\"") !=
          std::string::npos);
    CHECK(refused(plan_advance(p, process, kToday, advance_to("lead")), "same-stage").message == "P-1 is already in 信息搜集 (lead)");
    const Project last = project(process, "contract");
    CHECK(refused(plan_advance(last, process, kToday, advance_to()), "final-stage").message.english().find("pipeline close P-1 --won") !=
          std::string::npos);
    const Project lost = project(process, "tender", "status: lost\nclosed_on: 2026-11-01\nclose_reason: x\n");
    refused(plan_advance(lost, process, kToday, advance_to()), "closed");
    const Project unknown = project(process, "nowhere");
    refused(plan_advance(unknown, process, kToday, advance_to()), "stage");
    AdvanceRequest future = advance_to();
    future.date = kToday + 1;
    refused(plan_advance(p, process, kToday, future), "date");
    AdvanceRequest early = advance_to();
    early.date = *Date::parse("2026-01-01");
    CHECK(refused(plan_advance(p, process, kToday, early), "date").message ==
          "the date 2026-01-01 is before the last history entry (2026-01-05)");
}

TEST_CASE("moves: a change that would make check fail is refused with the findings") {
    const Process process = default_process();
    const Project p = project(process, "lead", "lead: {source: 展会}\n");
    AdvanceRequest r = advance_to();
    r.by = "nobody";
    const Refusal refusal = refused(plan_advance(p, process, kToday, r), "check");
    REQUIRE(refusal.findings.size() == 1);
    CHECK(refusal.findings[0].rule == "person");
}

TEST_CASE("moves: close as won from tender moves to the final stage first") {
    const Process process = default_process();
    const Project p = project(process, "tender", "tender: {result: won}\ncontract: {signed_on: 2026-11-20}\n", kToTender);
    CloseRequest r;
    r.outcome = Status::won;
    r.date = kToday;
    r.by = "zhang.san";
    r.note = "签约";
    const PlannedChange c = planned(plan_close(p, process, kToday, r));
    CHECK(c.kind == "won");
    CHECK(c.to_stage == 6);
    CHECK(c.to_status == Status::won);
    CHECK(c.checked.size() == 3);
    REQUIRE(c.history.size() == 2);
    CHECK(flow(c.history[0]) == "{date: 2026-11-23, from: tender, to: contract, by: zhang.san}");
    CHECK(flow(c.history[1]) == "{date: 2026-11-23, from: contract, to: won, by: zhang.san, note: 签约}");
    CHECK(c.after.closed_on == kToday);
    CHECK(c.edit.remove == std::vector<std::string>{"close_reason"});

    const Project unsigned_contract = project(process, "tender", "tender: {result: won}\n", kToTender);
    CHECK(refused(plan_close(unsigned_contract, process, kToday, r), "gate").unmet.size() == 2);
    r.force = true;
    refused(plan_close(unsigned_contract, process, kToday, r), "force-reason");
    r.reason = "合同盖章中";
    refused(plan_close(unsigned_contract, process, kToday, r), "force-role");
    r.by = "li.si";
    const PlannedChange forced = planned(plan_close(unsigned_contract, process, kToday, r));
    CHECK(forced.overridden.size() == 2);
    CHECK(flow(forced.history[0]) == "{date: 2026-11-23, from: tender, to: contract, by: li.si}");
    CHECK(flow(forced.history[1]) == "{date: 2026-11-23, from: contract, to: won, by: li.si, note: 签约, forced: 合同盖章中}");
}

TEST_CASE("moves: lost and abandoned need a reason; abandoned needs its approver") {
    const Process process = default_process();
    const Project p = project(process, "tender", "", kToTender);
    CloseRequest r;
    r.outcome = Status::lost;
    r.date = kToday;
    r.by = "zhang.san";
    refused(plan_close(p, process, kToday, r), "close-reason");
    r.reason = "价格高于竞争对手";
    const PlannedChange lost = planned(plan_close(p, process, kToday, r));
    CHECK(flow(lost.history[0]) == "{date: 2026-11-23, from: tender, to: lost, by: zhang.san}");
    CHECK(lost.after.close_reason == "价格高于竞争对手");
    CHECK(lost.edit.set.size() == 3);

    r.outcome = Status::abandoned;
    refused(plan_close(p, process, kToday, r), "approver");
    r.approved_by = "li.si";
    const PlannedChange abandoned = planned(plan_close(p, process, kToday, r));
    REQUIRE(abandoned.edit.append.size() == 2);
    CHECK(abandoned.edit.append[1].list == "approvals");
    CHECK(flow(abandoned.edit.append[1].item) == "{type: termination, by: li.si, date: 2026-11-23, result: approved}");
    CHECK(abandoned.after.approvals.size() == 1);

    const Project closed = project(process, "tender", "status: lost\nclosed_on: 2026-11-01\nclose_reason: x\n");
    refused(plan_close(closed, process, kToday, r), "closed");
}

TEST_CASE("moves: reopen a closed project in the stage it closed from") {
    const Process process = default_process();
    const Project closed = project(process, "tender", "status: lost\nclosed_on: 2026-11-01\nclose_reason: 价格\n",
                                   "  - {date: 2026-01-05, to: lead}\n  - {date: 2026-11-01, from: lead, to: lost}\n");
    ReopenRequest r;
    r.date = kToday;
    r.by = "zhang.san";
    refused(plan_reopen(closed, process, kToday, r), "note");
    r.note = "客户重新招标";
    const PlannedChange c = planned(plan_reopen(closed, process, kToday, r));
    CHECK(c.kind == "reopen");
    CHECK(flow(c.history[0]) == "{date: 2026-11-23, from: lost, to: tender, by: zhang.san, note: 客户重新招标}");
    CHECK(c.after.status == Status::open);
    CHECK(!c.after.closed_on);
    CHECK(c.edit.remove == std::vector<std::string>{"closed_on", "close_reason"});

    refused(plan_reopen(project(process, "tender"), process, kToday, r), "not-closed");
}
