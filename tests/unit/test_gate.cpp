// Gate checks and moves between stages, on the default process.
#include <doctest/doctest.h>

#include <algorithm>

#include "pipeline/check/gate.hpp"
#include "pipeline/model/authority.hpp"
#include "pipeline/model/budget.hpp"
#include "pipeline/model/transition.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

using test::kToday;

Process default_process() {
    Process p = test::default_process();
    p.people = {{"zhang.san", "张三", "sales", ""}, {"li.si", "李四", "manager", ""}};
    return p;
}

// A check of `kind` on `field`, resolved as the process loader resolves it.
GateCheck check(GateCheck::Kind kind, std::string field) {
    static const Process process = default_process();
    GateCheck c;
    c.kind = kind;
    c.field = std::move(field);
    if (kind == GateCheck::Kind::count) {
        auto list = find_list(c.field, process);
        REQUIRE_MESSAGE(list, c.field);
        c.list = *list;
    } else {
        auto ref = find_field(c.field, process);
        REQUIRE_MESSAGE(ref, c.field);
        c.ref = *ref;
    }
    c.text = "t";
    return c;
}

// The conditions of a count's `where`: item key and accepted values.
std::vector<ItemCondition> where(const GateCheck& c, std::vector<std::pair<std::string, std::vector<std::string>>> conditions) {
    std::vector<ItemCondition> out;
    for (auto& [key, values] : conditions) {
        const FieldSpec* f = find_item_field(c.list, key);
        REQUIRE_MESSAGE(f, key);
        out.push_back({f, std::move(values)});
    }
    return out;
}

enum { lead, initiation, requirements, solution, relations, tender, contract };

}  // namespace

TEST_CASE("gate: present") {
    const Process process = default_process();
    const GateCheck c = check(GateCheck::Kind::present, "lead.source");
    Project p;
    CHECK_FALSE(evaluate_check(c, 0, p, process, kToday).holds);
    p.lead.source = "展会";
    const CheckResult r = evaluate_check(c, 0, p, process, kToday);
    CHECK(r.holds);
    CHECK(r.check == &c);
    CHECK(r.stage == 0);
    // false is not present.
    const GateCheck flag = check(GateCheck::Kind::present, "solution.in_customer_design");
    p.solution.in_customer_design = false;
    CHECK_FALSE(evaluate_check(flag, 0, p, process, kToday).holds);
    p.solution.in_customer_design = true;
    CHECK(evaluate_check(flag, 0, p, process, kToday).holds);
}

TEST_CASE("gate: equals, one value or any of several") {
    const Process process = default_process();
    GateCheck c = check(GateCheck::Kind::equals, "tender.result");
    c.values = {"won"};
    Project p;
    CheckResult r = evaluate_check(c, 5, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "is absent");
    p.tender.result = "lost";
    r = evaluate_check(c, 5, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "is \"lost\"");
    p.tender.result = "won";
    CHECK(evaluate_check(c, 5, p, process, kToday).holds);
    c.values = {"pending", "lost"};
    CHECK_FALSE(evaluate_check(c, 5, p, process, kToday).holds);
    p.tender.result = "pending";
    CHECK(evaluate_check(c, 5, p, process, kToday).holds);
}

TEST_CASE("gate: count with where, min and max") {
    const Process process = default_process();
    GateCheck c = check(GateCheck::Kind::count, "contacts");
    c.where = where(c, {{"role", {"decision_maker", "influencer"}}, {"attitude", {"support", "neutral"}}});
    c.min = 2;
    Project p;
    CheckResult r = evaluate_check(c, 3, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "0 of 2");
    p.contacts = {{"陈", "", "decision_maker", "support", "", {}},
                  {"刘", "", "decision_maker", "oppose", "", {}},
                  {"孙", "", "influencer", "neutral", "", {}},
                  {"周", "", "insider", "support", "", {}}};
    r = evaluate_check(c, 3, p, process, kToday);
    CHECK(r.holds);
    CHECK(r.detail == "2 of 2");
    c.min = 1;
    c.max = 1;
    r = evaluate_check(c, 3, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "2 found, 1–1 needed");
    GateCheck any = check(GateCheck::Kind::count, "contacts");
    any.min = 4;
    any.max = 4;
    CHECK(evaluate_check(any, 3, p, process, kToday).holds);
    CHECK(evaluate_check(any, 3, p, process, kToday).detail == "4 found, 4–4 needed");
    GateCheck none = check(GateCheck::Kind::count, "risks");
    none.min = 0;
    none.max = 0;
    CHECK(evaluate_check(none, 3, p, process, kToday).holds);  // an absent list counts as empty
}

TEST_CASE("gate: count on every list") {
    const Process process = default_process();
    Project p;
    p.team = {{"zhang.san", "销售", {}}};
    p.competitors = {{"东软", "", "", {}}};
    p.risks.push_back(Risk{});
    p.risks[0].owner = "zhang.san";
    p.activities.push_back({Date::parse("2026-01-01"), "拜访", "", "zhang.san", {}});
    p.approvals.push_back({"initiation", "li.si", "approved", "", std::nullopt, {}, {}});
    p.payments.push_back(Payment{});
    p.history.push_back(HistoryEntry{});
    p.history[0].to_text = "lead";
    for (auto [list, key, value] : {std::tuple{"team", "role", "销售"}, {"competitors", "name", "东软"},
                                    {"risks", "owner", "zhang.san"}, {"risks", "status", "open"},
                                    {"activities", "date", "2026-01-01"}, {"approvals", "result", "approved"},
                                    {"payments", "amount", "0.00"}, {"history", "to", "lead"},
                                    {"history", "regression", "false"}}) {
        GateCheck c = check(GateCheck::Kind::count, list);
        c.where = where(c, {{key, {value}}});
        CHECK_MESSAGE(evaluate_check(c, 0, p, process, kToday).holds, list, ".", key);
        c.where = where(c, {{key, {"something else"}}});
        CHECK_MESSAGE(!evaluate_check(c, 0, p, process, kToday).holds, list, ".", key);
    }
}

TEST_CASE("gate: person names someone of the roster") {
    const Process process = default_process();
    const GateCheck c = check(GateCheck::Kind::person, "sponsor");
    Project p;
    CheckResult r = evaluate_check(c, 1, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "is absent");
    p.sponsor = "公司";
    r = evaluate_check(c, 1, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "\"公司\" is not in people");
    p.sponsor = "li.si";
    r = evaluate_check(c, 1, p, process, kToday);
    CHECK(r.holds);
    CHECK(r.detail == "");
}

TEST_CASE("gate: not_future") {
    const Process process = default_process();
    const GateCheck c = check(GateCheck::Kind::not_future, "contract.signed_on");
    Project p;
    CHECK(evaluate_check(c, 6, p, process, kToday).detail == "is absent");
    p.contract.signed_on = test::date("2026-11-23");
    CHECK(evaluate_check(c, 6, p, process, kToday).holds);
    p.contract.signed_on = test::date("2026-11-24");
    CheckResult r = evaluate_check(c, 6, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "2026-11-24 is after today");
    const GateCheck text = check(GateCheck::Kind::not_future, "name");
    p.name = "项目";
    r = evaluate_check(text, 6, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "is not a date");
}

TEST_CASE("gate: evaluate_gate and unmet_checks") {
    const Process process = default_process();
    Project p;
    p.sponsor = "li.si";
    const auto all = evaluate_gate(initiation, p, process, kToday);
    REQUIRE(all.size() == 3);
    CHECK_FALSE(all[0].holds);
    CHECK_FALSE(all[1].holds);
    CHECK(all[2].holds);
    const auto unmet = unmet_checks({lead, initiation}, p, process, kToday);
    REQUIRE(unmet.size() == 3);
    CHECK(unmet[0].stage == lead);
    CHECK(unmet[0].check->text == "线索来源已记录");
    CHECK(unmet[1].stage == initiation);
    CHECK(unmet[2].check->text == "项目团队已组建，角色明确");
    CHECK(evaluate_gate(-1, p, process, kToday).empty());
    CHECK(evaluate_gate(7, p, process, kToday).empty());
}

TEST_CASE("gate: plan_transition on the default process") {
    const Process process = default_process();
    using V = std::vector<int>;
    SUBCASE("no move") {
        CHECK(plan_transition(process, solution, solution).kind == TransitionKind::none);
    }
    SUBCASE("forward one stage") {
        const TransitionPlan m = plan_transition(process, lead, initiation);
        CHECK(m.kind == TransitionKind::forward);
        CHECK(m.gates == V{lead});
    }
    SUBCASE("skipping stages needs every gate passed over") {
        CHECK(plan_transition(process, lead, tender).gates == V{lead, initiation, requirements, solution, relations});
        CHECK(plan_transition(process, initiation, contract).gates == V{initiation, requirements, solution, relations, tender});
    }
    SUBCASE("entering a group at any member needs only the gates before it") {
        CHECK(plan_transition(process, initiation, requirements).gates == V{initiation});
        CHECK(plan_transition(process, initiation, relations).gates == V{initiation});
        CHECK(plan_transition(process, lead, solution).gates == V{lead, initiation});
    }
    SUBCASE("within a group, either way, no gate and no regression") {
        const TransitionPlan forward = plan_transition(process, requirements, relations);
        CHECK(forward.kind == TransitionKind::within_group);
        CHECK(forward.gates.empty());
        CHECK(plan_transition(process, relations, requirements).kind == TransitionKind::within_group);
    }
    SUBCASE("leaving a group needs every member's gate") {
        const TransitionPlan m = plan_transition(process, solution, tender);
        CHECK(m.kind == TransitionKind::forward);
        CHECK(m.gates == V{requirements, solution, relations});
        CHECK(plan_transition(process, requirements, contract).gates == V{requirements, solution, relations, tender});
    }
    SUBCASE("backwards out of a group or across stages is a regression") {
        CHECK(plan_transition(process, tender, solution).kind == TransitionKind::regression);
        CHECK(plan_transition(process, tender, solution).gates.empty());
        CHECK(plan_transition(process, initiation, lead).kind == TransitionKind::regression);
        CHECK(plan_transition(process, requirements, initiation).kind == TransitionKind::regression);
    }
}

TEST_CASE("gate: plan_transition without flexible groups") {
    Process process = default_process();
    for (Stage& s : process.stages) s.group = -1;
    process.flexible.clear();
    CHECK(plan_transition(process, requirements, relations).kind == TransitionKind::forward);
    CHECK(plan_transition(process, requirements, relations).gates == std::vector<int>{requirements, solution});
    CHECK(plan_transition(process, relations, requirements).kind == TransitionKind::regression);
}

TEST_CASE("gate: stages_left, the gates a project in a stage has passed") {
    const Process process = default_process();
    using V = std::vector<int>;
    CHECK(stages_left(process, lead).empty());
    CHECK(stages_left(process, initiation) == V{lead});
    CHECK(stages_left(process, requirements) == V{lead, initiation});
    CHECK(stages_left(process, relations) == V{lead, initiation});  // inside the group: only the stages before it
    CHECK(stages_left(process, tender) == V{lead, initiation, requirements, solution, relations});
    CHECK(stages_left(process, contract) == V{lead, initiation, requirements, solution, relations, tender});
    CHECK(stages_left(process, -1).empty());
}

TEST_CASE("gate: inside a flexible group a project weighs what the gates of the group's other stages show") {
    const Process process = default_process();
    const auto evidence = [&](const std::string& stage, const std::string& rest) {
        return flexible_evidence(test::project_from("id: P-1\nname: n\ncustomer: {name: c}\nowner: zhang.san\namount: 100\n"
                                                    "stage: " + stage + "\n" + rest,
                                                    process),
                                 process);
    };
    const std::string requirements_met =
        "contacts:\n  - {name: a, role: insider, attitude: support}\n"
        "requirements: {design_plan: 2026-10-01, technical_parameters: true}\n";
    // None met: the group's first stage, whatever stage of it the project is in.
    auto e = evidence("relations", "");
    REQUIRE(e);
    CHECK(e->met.empty());
    CHECK(e->unmet == std::vector<int>{requirements, solution});
    CHECK(e->weighed_as == requirements);
    CHECK(e->probability == 25);
    // One met (requirements): the group's second stage.
    e = evidence("relations", requirements_met);
    CHECK(e->met == std::vector<int>{requirements});
    CHECK(e->probability == 45);
    // The gate of its own stage is not evidence: in solution, with the gates of solution and
    // relations (the decision maker supports) met, one other gate holds.
    e = evidence("solution",
                 "contacts:\n  - {name: a, role: decision_maker, attitude: support}\n  - {name: b, role: influencer, attitude: neutral}\n"
                 "solution: {in_customer_design: true}\n");
    CHECK(e->met == std::vector<int>{relations});
    CHECK(e->probability == 45);
    // Never above its own stage: in requirements with both others met, 25%.
    e = evidence("requirements",
                 "contacts:\n  - {name: a, role: decision_maker, attitude: support}\n  - {name: b, role: influencer, attitude: neutral}\n"
                 "solution: {in_customer_design: true}\n");
    CHECK(e->met.size() == 2);
    CHECK(e->weighed_as == requirements);
    CHECK(e->probability == 25);
    // Outside a group, or closed: no evidence to weigh.
    CHECK_FALSE(evidence("tender", ""));
    CHECK_FALSE(evidence("relations", "status: lost\nclosed_on: 2026-11-01\nclose_reason: price\n"));
}

TEST_CASE("gate: compare a number, an amount, a percentage or a date with a value or another field") {
    const Process process = test::process_from(R"(currency: CNY
stages:
  - id: lead
    probability: 10
    gate:
      - {compare: margin, op: ">=", value: 20}
      - {compare: amount, op: ">", value: 1000000}
      - {compare: tender.submitted_on, op: "<", field: expected_close}
  - id: signed
    name: 签约
    probability: 100
people:
  - {id: zhang.san, name: 张三}
)");
    REQUIRE(process.stages.size() == 2);
    REQUIRE(process.stages[0].gate.size() == 3);
    CHECK(process.stages[0].gate[0].text == "margin >= 20");
    const auto results = [&](const std::string& rest) {
        const Project p = test::project_from("id: P-1\nname: n\ncustomer: {name: c}\nowner: zhang.san\nstage: lead\n" + rest, process);
        std::string out;
        for (const CheckResult& r : evaluate_gate(0, p, process, kToday))
            out += std::string(r.holds ? "✓" : "✗") + " " + r.check->text + " " + r.detail.english() + "\n";
        return out;
    };
    CHECK(results("margin: 25\namount: 1000000.01\nexpected_close: 2026-12-31\ntender: {submitted_on: 2026-12-01}\n") ==
          "✓ margin >= 20 \n✓ amount > 1000000 \n✓ tender.submitted_on < expected_close is 2026-12-01, expected_close 2026-12-31\n");
    CHECK(results("margin: 20\namount: 1000000\nexpected_close: 2026-12-01\ntender: {submitted_on: 2026-12-01}\n") ==
          "✓ margin >= 20 \n✗ amount > 1000000 is 1000000.00\n✗ tender.submitted_on < expected_close is 2026-12-01, expected_close 2026-12-01\n");
    CHECK(results("amount: 5\n") ==
          "✗ margin >= 20 is absent\n✗ amount > 1000000 is 5.00\n✗ tender.submitted_on < expected_close is absent\n");
    CHECK(results("margin: 30\namount: 2000000\ntender: {submitted_on: 2026-12-01}\n").ends_with(
        "✗ tender.submitted_on < expected_close is 2026-12-01; expected_close is absent\n"));
}

TEST_CASE("gate: compare a whole number with a percentage field, on one scale") {
    const Process process = test::process_from(R"(currency: CNY
fields:
  - {key: floor, type: percent}
stages:
  - id: lead
    probability: 10
    gate:
      - {compare: margin, op: ">=", field: floor}
  - id: signed
    probability: 100
people:
  - {id: zhang.san, name: 张三}
)");
    const auto holds = [&](const std::string& rest) {
        const Project p = test::project_from("id: P-1\nname: n\ncustomer: {name: c}\nowner: zhang.san\nstage: lead\n" + rest, process);
        return evaluate_gate(0, p, process, kToday)[0].holds;
    };
    CHECK(holds("margin: 25\nfloor: 20\n"));
    CHECK(holds("margin: 20\nfloor: 20\n"));
    CHECK_FALSE(holds("margin: 20\nfloor: 20.5\n"));
    CHECK_FALSE(holds("margin: 15\nfloor: 20\n"));
}

TEST_CASE("gate: a compare check that cannot compare is a finding of pipeline.yaml") {
    const auto findings = [](const std::string& check) {
        Diagnostics out;
        load_process("currency: CNY\nstages:\n  - id: lead\n    probability: 10\n    gate:\n      - " + check + "\n", "pipeline.yaml", out);
        std::string s;
        for (const Diagnostic& d : out.items()) s += d.message + "\n";
        return s;
    };
    CHECK(findings("{compare: name, op: \">\", value: 1}") ==
          "compare needs a number, an amount, a percentage or a date; name is none of these\n");
    CHECK(findings("{compare: margin, op: \"=>\", value: 1}").starts_with("op \"=>\""));
    CHECK(findings("{compare: margin, value: 1}") == "a compare check needs op: one of <, <=, >, >=, ==, !=\n");
    CHECK(findings("{compare: margin, op: \">\"}") == "a compare check needs value: or field: (one of them)\n");
    CHECK(findings("{compare: expected_close, op: \">\", value: soon}") == "value \"soon\" is not of the type of expected_close\n");
    CHECK(findings("{compare: expected_close, op: \">\", field: amount}") ==
          "expected_close and amount are not of one type: they do not compare\n");
    CHECK(findings("{compare: margin, op: \">\", field: nothing}") ==
          "unknown project field \"nothing\" (see pipeline-project(5), KNOWN FIELDS)\n");
    CHECK(findings("{compare: margin, op: \">=\", value: 20}").empty());
}

TEST_CASE("gate: a count of approvals counts only approvals by someone allowed") {
    Process process = default_process();
    process.people = {{"wang", "王总", "director", ""},
                      {"li.si", "李四", "manager", "wang"},
                      {"zhang.san", "张三", "sales", "li.si"},
                      {"sun", "孙浩", "presales", "li.si"}};
    process.build_index();
    GateCheck c = check(GateCheck::Kind::count, "approvals");
    c.where = where(c, {{"type", {"initiation"}}, {"result", {"approved"}}});
    Project p;
    p.owner = "zhang.san";
    p.amount = Money{100000000};
    auto approval = [](const char* type, const char* by) {
        Approval a;
        a.type = type, a.by = by, a.result = "approved";
        return a;
    };
    p.approvals = {approval("initiation", "zhang.san")};
    CheckResult r = evaluate_check(c, 1, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "0 of 1; 张三 owns the project and may not approve its initiation; who may approve: "
                      "李四 (the owner's manager), role manager, role director");
    p.approvals = {approval("initiation", "sun")};
    r = evaluate_check(c, 1, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "0 of 1; 孙浩 may not approve the initiation; who may approve: 李四 (the owner's manager), "
                      "role manager, role director");
    p.approvals = {approval("initiation", "li.si")};
    CHECK(evaluate_check(c, 1, p, process, kToday).holds);
    // A pending approval is not judged: it does not count whoever gave it.
    p.approvals = {approval("initiation", "sun")};
    p.approvals[0].result = "pending";
    CHECK(evaluate_check(c, 1, p, process, kToday).detail == "0 of 1");

    // The budget is the sponsor's; a salesperson who is his own sponsor is refused as the owner.
    ApprovalType& budget = *std::find_if(process.approval_types.begin(), process.approval_types.end(),
                                         [](const ApprovalType& t) { return t.id == "budget"; });
    p.sponsor = "zhang.san";
    Approval own = approval("budget", "zhang.san");
    CHECK(approval_refusal(own, p, process)->english() ==
          "张三 owns the project and may not approve its budget; who may approve: 张三 (the sponsor), role director");
    p.sponsor = "sun";
    CHECK_FALSE(approval_refusal(approval("budget", "sun"), p, process));
    // Over the escalation amount only its roles may approve, the sponsor included.
    budget.escalate_over = Money{50000000};
    budget.escalate_to = {"director"};
    CHECK(approval_refusal(approval("budget", "sun"), p, process)->english() ==
          "孙浩 may not approve the budget of a project over 500,000.00; who may approve: role director");
    CHECK_FALSE(approval_refusal(approval("budget", "wang"), p, process));
    budget.self = true;
    budget.escalate_over.reset();
    p.sponsor = "zhang.san";
    CHECK_FALSE(approval_refusal(own, p, process));
    // Without a roster nothing can be checked.
    process.people.clear();
    process.build_index();
    CHECK_FALSE(approval_refusal(approval("initiation", "zhang.san"), p, process));
}

TEST_CASE("gate: document needs one of its type, with its file when it names one") {
    const Process process = default_process();
    GateCheck c;
    c.kind = GateCheck::Kind::document;
    c.field = "解决方案建议书";
    c.text = "t";
    Project p;
    CheckResult r = evaluate_check(c, 3, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "not in documents");
    Document other;
    other.type = "客户信息表";
    p.documents = {other};
    CHECK(evaluate_check(c, 3, p, process, kToday).detail == "not in documents");
    Document proposal;
    proposal.type = "解决方案建议书";
    proposal.path = "docs/方案.md";
    proposal.file_missing = true;
    p.documents.push_back(proposal);
    r = evaluate_check(c, 3, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "its file is not in the repository");
    p.documents.back().file_missing = false;
    CHECK(evaluate_check(c, 3, p, process, kToday).holds);
    // A second one of the type whose file is there is enough; a document without a path is too.
    p.documents.back().file_missing = true;
    Document plain;
    plain.type = "解决方案建议书";
    p.documents.push_back(plain);
    CHECK(evaluate_check(c, 3, p, process, kToday).holds);
}

TEST_CASE("budget: the limit written or derived from the margin, spending, approvals") {
    Process process = default_process();
    process.people = {{"boss", "王总", "director", ""}, {"zhang.san", "张三", "sales", "boss"}};
    process.build_index();
    Project p;
    p.owner = "zhang.san";
    p.sponsor = "boss";
    p.amount = Money{845000000};  // 8,450,000.00
    CHECK_FALSE(budget_standing(p, process));
    p.margin = 27;
    CHECK_FALSE(budget_standing(p, process));  // a margin alone is no budget
    Spending a;
    a.amount = Money{4550050};
    p.budget.spending = {a, a};
    auto b = budget_standing(p, process);
    REQUIRE(b);
    CHECK(b->derived);
    CHECK(b->limit == Money{22815000});  // 8,450,000 × 27 % × 10 %, exact
    CHECK(b->spent == Money{9100100});
    CHECK(b->remaining() == Money{13714900});
    CHECK_FALSE(b->approved);
    p.budget.limit = Money{9000000};
    b = budget_standing(p, process);
    CHECK_FALSE(b->derived);
    CHECK(b->over());
    CHECK(b->remaining() == Money{-100100});
    Approval ok;
    ok.type = "budget", ok.by = "boss", ok.result = "approved";
    Approval own = ok;
    own.by = "zhang.san";
    p.approvals = {own};
    CHECK_FALSE(budget_standing(p, process)->approved);  // the owner may not approve his own budget
    p.approvals = {ok};
    CHECK(budget_standing(p, process)->approved);
    // Rounded once: 0.05 × 50 % × 50 % = 0.0125 → 0.01; rounding each step would give 0.03 → 0.02.
    CHECK(percent_of_percent(Money{5}, 50, 50) == Money{1});
    CHECK(percent_of_percent(Money{-150}, 10, 10) == Money{-2});  // halves away from zero
}

TEST_CASE("gate: importance grades by the table, the named grade or a better one") {
    Process process = default_process();
    Project p;
    CHECK(process.importance_of(p) == "C");  // the default table's last row holds for anything
    p.margin = 24;
    CHECK(process.importance_of(p) == "B");
    p.market_importance = "high";
    CHECK(process.importance_of(p) == "A");
    p.margin = 12;
    CHECK(process.importance_of(p) == "B");
    p.market_importance = "low";
    p.margin = 35;
    CHECK(process.importance_of(p) == "A");
    GateCheck c;
    c.kind = GateCheck::Kind::importance;
    c.field = "B";
    c.text = "t";
    CHECK(evaluate_check(c, 1, p, process, kToday).holds);  // A is better than B
    p.margin = 5;
    CheckResult r = evaluate_check(c, 1, p, process, kToday);
    CHECK_FALSE(r.holds);
    CHECK(r.detail == "the grade is C");
    // A table without a row for everything leaves some projects ungraded.
    process.importance = {{"甲", 30, {}, {}}};
    CHECK(process.importance_of(p) == "");
    c.field = "甲";
    CHECK(evaluate_check(c, 1, p, process, kToday).detail == "the project has no importance grade");
    CHECK(process.importance_grades() == std::vector<std::string>{"甲"});
}
