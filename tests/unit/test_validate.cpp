// The rules of `pipeline check`, one by one, on projects held in memory.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/base/suggest.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const char* const kProcess = R"(currency: CNY
currencies: {USD: 7.1}
stages:
  - {id: a, name: 甲, probability: 10, gate: [{present: lead.source, text: 线索来源已记录}]}
  - {id: b, name: 乙, probability: 50, gate: [{present: requirements.design_plan, text: 已获取设计方案}]}
  - {id: c, name: 丙, probability: 100,
     gate: [{present: contract.signed_on, text: 合同已签订}, {not_future: contract.signed_on, text: 签约日期不在未来}]}
rules: {stale_days: 7, review_within_days: 30, review_required: [won, lost]}
people:
  - {id: zhang.san, role: sales}
  - {id: li.si, role: manager}
)";

// An open project in stage b with everything in order on 2026-11-23.
const char* const kOpen = R"(id: P-1
name: 测试项目
customer: {name: 某客户}
owner: zhang.san
amount: 100
expected_close: 2026-12-31
stage: b
lead: {source: 展会}
history:
  - {date: 2026-11-01, to: a, by: zhang.san}
  - {date: 2026-11-20, from: a, to: b, by: zhang.san}
)";

// A project won on 2026-11-20 with its contract signed and its review written.
const char* const kWon = R"(id: P-1
name: 测试项目
customer: {name: 某客户}
owner: zhang.san
amount: 100
stage: c
status: won
closed_on: 2026-11-20
lead: {source: 展会}
requirements: {design_plan: 有}
contract: {signed_on: 2026-11-20}
review: 早期介入
history:
  - {date: 2026-11-01, to: a}
  - {date: 2026-11-05, from: a, to: b}
  - {date: 2026-11-10, from: b, to: c}
  - {date: 2026-11-20, from: c, to: won}
)";

using test::kToday;

const Process& process() {
    static const Process p = test::process_from(kProcess);
    return p;
}

Project project(std::string_view text, std::string path = "projects/P-1.yaml") {
    Diagnostics out;
    auto p = load_project(text, path, process(), out);
    INFO(text);
    REQUIRE(out.empty());
    REQUIRE(p);
    return *p;
}

std::string findings(const Diagnostics& out) {
    std::string s;
    for (const Diagnostic& d : out.items())
        s += fmt::format("{}:{}: {}: {} [{}]\n", d.position.line, d.position.column, severity_name(d.severity), d.message,
                         d.rule);
    return s;
}

// The findings of check_project on `text`.
std::string check(std::string_view text, Date today = kToday) {
    Diagnostics out;
    check_project(project(text), process(), {today}, out);
    return findings(out);
}

// `text` with the line starting with `from` replaced by `to` (or removed when `to` is empty).
std::string with(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, std::string(from));
    const std::size_t end = text.find('\n', at);
    text.replace(at, end - at + 1, to.empty() ? std::string() : std::string(to) + "\n");
    return text;
}

}  // namespace

TEST_CASE("validate: the baselines pass") {
    CHECK(check(kOpen) == "");
    CHECK(check(kWon) == "");
}

TEST_CASE("validate: required fields") {
    CHECK(check(with(kOpen, "id:", "")) == "1:1: error: the project has no id [required]\n");
    CHECK(check(with(kOpen, "name:", "")) == "1:1: error: the project has no name [required]\n");
    CHECK(check(with(kOpen, "name:", "name:")) == "2:1: error: the project has no name [required]\n");
    CHECK(check(with(kOpen, "customer:", "")) ==
          "1:1: error: the project has no customer name (customer: {name: ...}) [required]\n");
    CHECK(check(with(kOpen, "owner:", "")) == "1:1: error: the project has no owner [required]\n");
    CHECK(check(with(kOpen, "owner:", "owner: \"\"")) == "4:8: error: the project has no owner [required]\n");
    CHECK(check(with(kOpen, "amount:", "")) == "1:1: error: the project has no amount [required]\n");
    CHECK(check(with(kOpen, "expected_close:", "")) ==
          "1:1: error: an open project needs expected_close (YYYY-MM-DD) [required]\n");
    CHECK(check(with(kOpen, "stage:", "")) == "1:1: error: the project has no stage [required]\n");
    // A closed project needs no expected_close.
    CHECK(check(kWon).find("expected_close") == std::string::npos);
}

TEST_CASE("validate: a value the loader refused is not reported again as missing") {
    for (auto [line, finding] : {std::pair{"owner: [zhang.san]", "4:8: error: owner must be text, not a list [type]\n"},
                                 {"expected_close: 2026-02-30",
                                  "6:17: error: expected_close \"2026-02-30\" is not a real calendar date [date]\n"},
                                 {"stage: {id: b}", "7:8: error: stage must be text, not a mapping [type]\n"}}) {
        const std::string key = std::string(line).substr(0, std::string(line).find(':') + 1);
        Diagnostics out;
        auto p = load_project(with(kOpen, key, line), "projects/P-1.yaml", process(), out);
        REQUIRE(p);
        check_project(*p, process(), {kToday}, out);
        CHECK(findings(out) == finding);
    }
    // An empty value is missing, reported at its key.
    CHECK(check(with(kOpen, "owner:", "owner:")) == "4:1: error: the project has no owner [required]\n");
}

TEST_CASE("validate: id form and file name") {
    CHECK(check(with(kOpen, "id:", "id: P/1")) ==
          "1:5: error: id \"P/1\" must match [A-Za-z0-9][A-Za-z0-9._-]* (no separators, no \"..\") [id]\n");
    CHECK(check(with(kOpen, "id:", "id: P-2")) == "1:5: error: id \"P-2\" differs from the file name \"P-1\" [id-filename]\n");
    Diagnostics out;
    check_project(project(kOpen, "projects/sub/P-1.yml"), process(), {kToday}, out);
    CHECK(findings(out) == "");
}

TEST_CASE("validate: id unique across files") {
    std::vector<Project> projects = {project(kOpen, "projects/a/P-1.yaml"), project(kOpen, "projects/b/P-1.yaml"),
                                     project(kOpen, "projects/c/P-1.yaml")};
    Diagnostics out;
    check_projects(projects, process(), {kToday}, out);
    REQUIRE(out.items().size() == 2);
    CHECK(out.items()[0].path == "projects/b/P-1.yaml");
    CHECK(out.items()[0].rule == "id-unique");
    CHECK(out.items()[0].position == Position{1, 5});
    CHECK(out.items()[0].message == "id \"P-1\" is also used by projects/a/P-1.yaml");
    CHECK(out.items()[1].path == "projects/c/P-1.yaml");
}

TEST_CASE("validate: with only_files, the per-file checks of those files and the checks across every file") {
    std::vector<Project> projects = {project(kOpen, "projects/a/P-1.yaml"), project(with(kOpen, "stage:", "stage: bb"), "projects/b/P-2.yaml"),
                                     project(with(kOpen, "stage:", "stage: bb"), "projects/c/P-1.yaml")};
    const std::vector<std::string> only = {"projects/c/P-1.yaml"};
    Diagnostics out;
    check_projects(projects, process(), {kToday, &only}, out);
    out.sort();
    std::string got;
    for (const Diagnostic& d : out.items()) got += d.path + " " + std::string(d.rule) + "\n";
    // b and c reuse a's id (checked across every file); b's unknown stage and its file name that is
    // not its id are left out: it is not among the files named.
    CHECK(got == "projects/b/P-2.yaml id-unique\nprojects/c/P-1.yaml id-unique\nprojects/c/P-1.yaml stage\n");
}

TEST_CASE("validate: unknown stage, with a suggestion when one is close") {
    CHECK(check(with(kOpen, "stage:", "stage: bb")) == "7:8: error: unknown stage \"bb\"; did you mean \"b\"? [stage]\n");
    CHECK(check(with(kOpen, "stage:", "stage: 乙乙")) == "7:8: error: unknown stage \"乙乙\"; did you mean \"乙\"? [stage]\n");
    CHECK(check(with(kOpen, "stage:", "stage: tender")) == "7:8: error: unknown stage \"tender\" [stage]\n");
    CHECK(check(with(kOpen, "stage:", "stage: 乙")) == "");  // the display name
}

TEST_CASE("validate: did_you_mean") {
    const std::vector<std::string> ids = {"zhang.san", "li.si", "wang.wu"};
    CHECK(did_you_mean("zhang.sna", ids) == "zhang.san");
    CHECK(did_you_mean("li.s", ids) == "li.si");
    CHECK(did_you_mean("chen.qi", ids) == std::nullopt);
    CHECK(did_you_mean("x", {}) == std::nullopt);
    // Another case of a long id is found whatever the edit distance.
    CHECK(did_you_mean("sy-hosp-district", {"SY-HOSP-DISTRICT", "sy-hosp-distric"}) == "SY-HOSP-DISTRICT");
}

TEST_CASE("validate: currency") {
    CHECK(check(with(kOpen, "amount:", "amount: 100\ncurrency: USD")) == "");
    CHECK(check(with(kOpen, "amount:", "amount: 100\ncurrency: JPY")) ==
          "6:11: error: unknown currency \"JPY\" (pipeline.yaml knows CNY, USD) [currency]\n");
}

TEST_CASE("validate: people must be on the roster") {
    CHECK(check(with(kOpen, "owner:", "owner: zhang.sna")) ==
          "4:8: error: owner \"zhang.sna\" is not in people of pipeline.yaml; did you mean \"zhang.san\"? [person]\n");
    CHECK(check(with(kOpen, "owner:", "owner: zhang.san\nsponsor: 公司")) ==
          "5:10: error: sponsor \"公司\" is not in people of pipeline.yaml [person]\n");
    CHECK(check(with(kOpen, "amount:", "amount: 100\nrisks: [{likelihood: 1, impact: 1, owner: wang.wu}]")) ==
          "6:43: error: risk owner \"wang.wu\" is not in people of pipeline.yaml [person]\n");
    CHECK(check(with(kOpen, "amount:", "amount: 100\napprovals: [{type: budget, by: boss}]")) ==
          "6:32: error: approver \"boss\" is not in people of pipeline.yaml [person]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, from: a, to: b, by: 张三}")) ==
          "11:44: error: history entry by \"张三\" is not in people of pipeline.yaml [person]\n");
    // Team members, contacts and activities may be anyone.
    CHECK(check(with(kOpen, "amount:", "amount: 100\nteam: [{name: 王工}]\nactivities: [{date: 2026-11-20, by: 王工}]")) == "");
}

TEST_CASE("validate: with an empty roster nobody is checked") {
    Process open_roster = process();
    open_roster.people.clear();
    Diagnostics out;
    check_project(project(with(kOpen, "owner:", "owner: 任何人\nsponsor: 公司")), open_roster, {kToday}, out);
    CHECK(findings(out) == "");
}

TEST_CASE("validate: payments") {
    CHECK(check(with(kOpen, "amount:", "amount: 100\npayments: [{due: 2027-01-01, amount: 50, received: 60}]")) ==
          "6:52: error: received 60.00 is more than the instalment's 50.00 [payment]\n");
    CHECK(check(with(kOpen, "amount:", "amount: 100\npayments: [{due: 2027-01-01, amount: 50, received: 50}]")) == "");
}

TEST_CASE("validate: history present and in order") {
    CHECK(check(with(with(with(kOpen, "history:", ""), "  - {date: 2026-11-01", ""), "  - {date: 2026-11-20", "")) ==
          "1:1: error: the project has no history; its first entry records when it entered the first stage [history]\n");
    CHECK(check(with(with(with(kOpen, "history:", "history: []"), "  - {date: 2026-11-01", ""), "  - {date: 2026-11-20", "")) ==
          "9:10: error: the project has no history; its first entry records when it entered the first stage [history]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-10-20, from: a, to: b, by: zhang.san}")) ==
          "11:12: error: history date 2026-10-20 is before the entry above it (2026-11-01) [history-order]\n"
          "7:8: warning: no activity or stage change for 22 days (since 2026-11-01; limit 7) [stale]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-24, from: a, to: b, by: zhang.san}")) ==
          "11:12: error: history date 2026-11-24 is in the future [history-order]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-01, from: a, to: b, by: zhang.san}"),
                *Date::parse("2026-11-02")) == "");  // the same day is fine
}

TEST_CASE("validate: history transitions") {
    CHECK(check(with(kOpen, "  - {date: 2026-11-01", "  - {date: 2026-11-01, from: a, to: a}")) ==
          "10:30: error: the first history entry records where the project started: no from [history-transition]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, from: c, to: b}")) ==
          "11:30: error: moves from \"c\" but the entry above reached \"a\" [history-transition]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, from: 甲, to: b}")) == "");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, to: b}")) == "");  // from defaults to the entry above
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, from: a, to: a}")) ==
          "11:5: error: the entry moves from 甲 (a) to itself [history-transition]\n"
          "11:37: error: the last history entry reaches 甲 (a) but the project is in 乙 (b) [history-stage]\n");
}

TEST_CASE("validate: regression needs a note") {
    const std::string back = with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-10, from: a, to: b}\n"
                                                                 "  - {date: 2026-11-20, from: b, to: a}");
    CHECK(check(with(back, "stage:", "stage: a")) ==
          "12:5: error: moving back from 乙 (b) to 甲 (a) needs a note [history-transition]\n");
    CHECK(check(with(with(back, "stage:", "stage: a"), "  - {date: 2026-11-20, from: b",
                     "  - {date: 2026-11-20, from: b, to: a, note: 客户重新评估, regression: true}")) == "");
}

TEST_CASE("validate: the last history entry matches stage and status") {
    CHECK(check(with(kOpen, "stage:", "stage: a")) ==
          "11:37: error: the last history entry reaches 乙 (b) but the project is in 甲 (a) [history-stage]\n");
    CHECK(check(with(kOpen, "  - {date: 2026-11-20", "  - {date: 2026-11-20, from: a, to: b}\n  - {date: 2026-11-21, to: lost}")) ==
          "12:28: error: the last history entry closes the project as lost but status is open [history-stage]\n");
    CHECK(check(with(kWon, "  - {date: 2026-11-20, from: c, to: won}", "")) ==
          "16:37: error: status is won but the last history entry does not record it (to: won) [history-stage]\n");
    CHECK(check(with(kWon, "stage: c", "stage: b")) ==
          "6:8: error: the project was closed from 丙 (c) but stage says 乙 (b) [history-stage]\n"
          "6:8: error: a won project is in the final stage 丙 (c), not 乙 (b) [won-contract]\n");
}

TEST_CASE("validate: closed projects and reopening") {
    const std::string reopened = with(kWon, "  - {date: 2026-11-20, from: c, to: won}",
                                      "  - {date: 2026-11-20, from: c, to: won}\n  - {date: 2026-11-21, from: won, to: c}");
    CHECK(check(with(with(reopened, "status: won", "status: open"), "closed_on:", "expected_close: 2026-12-31")) ==
          "18:5: error: reopening a closed project needs a note [history-transition]\n");
    const std::string twice = with(kWon, "  - {date: 2026-11-20, from: c, to: won}",
                                   "  - {date: 2026-11-20, from: c, to: won}\n  - {date: 2026-11-21, to: won}");
    CHECK(check(twice) == "18:5: error: the project is already won; reopen it first [history-transition]\n");
}

TEST_CASE("validate: gates of the stages already left must hold") {
    CHECK(check(with(kOpen, "lead:", "")) ==
          "7:8: error: the project has left 甲 (a) but its gate does not hold: 线索来源已记录 [gate]\n");
    // The gate of the current stage is not yet due.
    CHECK(check(kOpen).find("已获取设计方案") == std::string::npos);
}

TEST_CASE("validate: a forced move is a warning, and its gates are not reported") {
    const std::string forced = with(with(kOpen, "lead:", ""), "  - {date: 2026-11-20",
                                    "  - {date: 2026-11-20, from: a, to: b, by: zhang.san, forced: 客户要求先报价}");
    CHECK(check(forced) == "10:5: warning: 甲 (a) → 乙 (b) was forced past its gate: 客户要求先报价 [forced]\n");
}

TEST_CASE("validate: won projects need the final gate") {
    CHECK(check(with(kWon, "contract:", "")) ==
          "7:9: error: a won project needs the final gate: 合同已签订 [won-contract]\n"
          "7:9: error: a won project needs the final gate: 签约日期不在未来 (is absent) [won-contract]\n");
    CHECK(check(with(kWon, "contract:", "contract: {signed_on: 2026-11-20}"), *Date::parse("2026-11-20")) == "");
}

TEST_CASE("validate: closing needs closed_on, a reason, an approval, a review") {
    CHECK(check(with(kWon, "closed_on:", "")) == "7:9: error: a won project needs closed_on (YYYY-MM-DD) [closed-on]\n");
    const std::string lost = with(with(with(kWon, "status: won", "status: lost\nclose_reason: 价格"), "contract:", ""),
                                  "  - {date: 2026-11-20, from: c, to: won}", "  - {date: 2026-11-20, from: c, to: lost}");
    CHECK(check(lost) == "");
    CHECK(check(with(lost, "close_reason:", "")) == "7:9: error: a lost project needs close_reason [close-reason]\n");
    const std::string abandoned = with(with(lost, "status: lost", "status: abandoned"), "  - {date: 2026-11-20, from: c, to: lost}",
                                       "  - {date: 2026-11-20, from: c, to: abandoned}");
    CHECK(check(abandoned) ==
          "7:9: error: an abandoned project needs an approved termination (approvals: {type: termination, result: approved, by: ...}) [termination-approval]\n");
    CHECK(check(with(abandoned, "review:", "review: 放弃\napprovals: [{type: termination, result: approved, by: li.si}]")) == "");
    CHECK(check(with(abandoned, "review:", "approvals: [{type: termination, result: pending, by: li.si}]")) ==
          "7:9: error: an abandoned project needs an approved termination (approvals: {type: termination, result: approved, by: ...}) [termination-approval]\n");
}

TEST_CASE("validate: the review is due within review_within_days of closing") {
    const std::string no_review = with(kWon, "review:", "");
    CHECK(check(no_review, *Date::parse("2026-12-20")) == "");  // 30 days after closing: still in time
    CHECK(check(no_review, *Date::parse("2026-12-21")) ==
          "7:9: error: closed on 2026-11-20 and still no review (due within 30 days of closing) [review]\n");
    // Abandoned is not in this process's review_required.
    const std::string abandoned = with(with(with(no_review, "status: won", "status: abandoned\nclose_reason: 预算取消\n"
                                                                           "approvals: [{type: termination, result: approved, by: li.si}]"),
                                            "contract:", ""),
                                       "  - {date: 2026-11-20, from: c, to: won}", "  - {date: 2026-11-20, from: c, to: abandoned}");
    CHECK(check(abandoned, *Date::parse("2027-06-01")) == "");
}

TEST_CASE("validate: overdue and stale open projects are warnings") {
    CHECK(check(kOpen, *Date::parse("2027-01-02")) ==
          "6:17: warning: expected_close 2026-12-31 has passed (2 days ago) [overdue-close]\n"
          "7:8: warning: no activity or stage change for 43 days (since 2026-11-20; limit 7) [stale]\n");
    CHECK(check(kOpen, *Date::parse("2026-11-27")) == "");  // 7 days: the limit itself
    CHECK(check(kOpen, *Date::parse("2026-11-28")) ==
          "7:8: warning: no activity or stage change for 8 days (since 2026-11-20; limit 7) [stale]\n");
    CHECK(check(with(kOpen, "amount:", "amount: 100\nactivities: [{date: 2026-11-27, type: 电话}]"), *Date::parse("2026-11-28")) ==
          "");
    // Closed projects are neither.
    CHECK(check(kWon, *Date::parse("2026-12-01")) == "");
}
