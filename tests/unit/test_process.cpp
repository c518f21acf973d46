// The process definition: the default text, and every way pipeline.yaml can be wrong.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/model/process.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

struct Loaded {
    std::optional<Process> process;
    Diagnostics out;
    std::string findings() const { return test::findings(out); }
};

Loaded load(std::string_view text) {
    Loaded l;
    l.process = load_process(text, "pipeline.yaml", l.out);
    return l;
}

// Three stages; tests append or replace lines.
const std::string kThree = R"(currency: CNY
stages:
  - {id: a, name: 甲, probability: 10}
  - {id: b, name: 乙, probability: 50}
  - {id: c, name: 丙, probability: 100}
)";

}  // namespace

TEST_CASE("process: the default process text loads with the seven stages of the manual") {
    auto l = load(default_process_text());
    CHECK(l.findings() == "");
    REQUIRE(l.process);
    const Process& p = *l.process;
    CHECK(p.currency == "CNY");
    REQUIRE(p.stages.size() == 7);
    const char* ids[] = {"lead", "initiation", "requirements", "solution", "relations", "tender", "contract"};
    const char* names[] = {"信息搜集", "项目立项", "需求确认", "方案确认", "深度公关", "招投标", "谈判签约"};
    const int probabilities[] = {5, 10, 25, 45, 80, 90, 100};
    for (int i = 0; i < 7; ++i) {
        CHECK(p.stages[i].id == ids[i]);
        CHECK(p.stages[i].name == names[i]);
        CHECK(p.stages[i].probability == probabilities[i]);
        CHECK_FALSE(p.stages[i].gate.empty());
    }
    REQUIRE(p.flexible.size() == 1);
    CHECK(p.flexible[0] == std::vector<int>{2, 3, 4});
    CHECK(p.stages[1].group == -1);
    CHECK(p.stages[2].group == 0);
    CHECK(p.stages[4].group == 0);
    CHECK(p.stages[5].group == -1);
    CHECK(p.same_group(2, 4));
    CHECK_FALSE(p.same_group(1, 2));
    CHECK_FALSE(p.same_group(-1, 2));
    CHECK(p.stage_index("tender") == 5);
    CHECK(p.stage_index("招投标") == 5);
    CHECK(p.stage_index("nothing") == -1);
    CHECK(p.stage_label(5) == "招投标 (tender)");
    CHECK(p.stage_label(9) == "?");
    CHECK(p.outcome_name(Status::won) == "赢单");
    CHECK(p.rules.stale_days == 7);
    CHECK(p.rules.review_required.size() == 3);
    CHECK(p.people.empty());
    CHECK(p.knows_currency("CNY"));
    CHECK_FALSE(p.knows_currency("USD"));
    CHECK(p.rate("CNY").micros == 1'000'000);
}

TEST_CASE("process: gate checks of the default process") {
    auto l = load(default_process_text());
    REQUIRE(l.process);
    const Stage& initiation = l.process->stages[1];
    REQUIRE(initiation.gate.size() == 3);
    const GateCheck& approval = initiation.gate[0];
    CHECK(approval.kind == GateCheck::Kind::count);
    CHECK(approval.field == "approvals");
    REQUIRE(approval.where.size() == 2);
    CHECK(approval.where[0].field->key == "type");
    CHECK(approval.where[0].values == std::vector<std::string>{"initiation"});
    CHECK(approval.min == 1);
    CHECK_FALSE(approval.max);
    CHECK(approval.text == "立项申请审批表已由销售经理批准");
    CHECK(initiation.gate[2].kind == GateCheck::Kind::person);
    const Stage& solution = l.process->stages[3];
    CHECK(solution.gate[0].where[0].values == std::vector<std::string>{"decision_maker", "influencer"});
    CHECK(solution.gate[1].kind == GateCheck::Kind::equals);
    CHECK(solution.gate[1].values == std::vector<std::string>{"true"});
    CHECK(l.process->stages[6].gate[1].kind == GateCheck::Kind::not_future);
}

TEST_CASE("process: every key with its value") {
    auto l = load(R"(currency: USD
currencies: {CNY: 0.14, EUR: 1.08}
stages:
  - {id: a, probability: 0}
  - {id: b, name: 乙, probability: 50, description: x,
     gate: [{count: contacts, min: 1, max: 3}, {equals: tender.result, in: [won, pending]}]}
  - {id: c, probability: 50}
flexible: [[b, c]]
outcomes: {won: 成交}
forecast_categories: {commit: 90, best_case: 50, pipeline: 0}
rules: {stale_days: 14, gate_overdue_days: 60, risk_threshold: 9, review_within_days: 0,
        review_required: [lost], max_file_size: 2048}
people:
  - {id: boss, name: 老板, role: manager}
  - {id: zhang.san, name: 张三, role: sales, manager: boss, email: z@example.com}
targets:
  - {period: 2026, amount: 1000000}
  - {owner: zhang.san, period: 2026Q4, amount: 250000.50}
channels:
  - {source: 展会, cost: 80000}
)");
    CHECK(l.findings() == "");
    REQUIRE(l.process);
    const Process& p = *l.process;
    CHECK(p.currency == "USD");
    CHECK(p.rate("CNY").micros == 140000);
    CHECK(p.rate("EUR").micros == 1080000);
    CHECK(p.knows_currency("EUR"));
    CHECK(p.stages[0].name == "a");
    CHECK(p.stage_label(0) == "a");
    CHECK(p.stages[1].gate[0].max == 3);
    CHECK(p.stages[1].gate[1].values == std::vector<std::string>{"won", "pending"});
    CHECK(p.stages[1].gate[0].text == "count contacts ≥ 1");
    CHECK(p.stages[1].gate[1].text == "equals tender.result");
    CHECK(p.flexible[0] == std::vector<int>{1, 2});
    CHECK(p.outcome_name(Status::won) == "成交");
    CHECK(p.outcome_name(Status::lost) == "丢单");
    CHECK(p.categories.commit == 90);
    CHECK(p.categories.best_case == 50);
    CHECK(p.rules.stale_days == 14);
    CHECK(p.rules.gate_overdue_days == 60);
    CHECK(p.rules.risk_threshold == 9);
    CHECK(p.rules.review_within_days == 0);
    CHECK(p.rules.review_required == std::vector<Status>{Status::lost});
    CHECK(p.rules.max_file_size == 2048);
    REQUIRE(p.people.size() == 2);
    CHECK(p.person("zhang.san")->manager == "boss");
    CHECK(p.person("nobody") == nullptr);
    REQUIRE(p.targets.size() == 2);
    CHECK(p.targets[0].owner == "");
    CHECK(p.targets[1].period.label == "2026Q4");
    CHECK(p.targets[1].amount == Money{25000050});
    REQUIRE(p.channels.size() == 1);
    CHECK(p.channels[0].cost == Money{8000000});
}

TEST_CASE("process: unusable documents") {
    CHECK(load("").findings() == "1:1: pipeline.yaml is empty [config]\n");
    CHECK(load("# nothing\n").findings() == "1:1: pipeline.yaml is empty [config]\n");
    CHECK(load("- a\n").findings() == "1:1: pipeline.yaml must be a mapping with currency, stages, ... [config]\n");
    CHECK(load("currency: CNY\n").findings() == "1:1: pipeline.yaml needs a list of stages [config]\n");
    CHECK(load("currency: CNY\nstages: []\n").findings() == "2:9: pipeline.yaml needs a list of stages [config]\n");
    CHECK(load("currency: CNY\nstages: x\n").findings() == "2:9: stages must be a list, not a scalar [config]\n");
    auto syntax = load("currency: CNY\nstages: [\n");
    CHECK_FALSE(syntax.process);
    REQUIRE(syntax.out.items().size() == 1);
    CHECK(syntax.out.items()[0].rule == "syntax");
}

TEST_CASE("process: currency") {
    CHECK(load("currency: yuan\nstages: [{id: a, probability: 1}]\n").findings() ==
          "1:11: currency \"yuan\" must be a three-letter code such as CNY [config]\n");
    CHECK(load("stages: [{id: a, probability: 1}]\n").findings() ==
          "1:1: pipeline.yaml needs currency: the base currency, such as CNY [config]\n");
    CHECK(load(kThree + "currencies: {USD: -7}\n").findings() == "6:19: rate of USD must be a positive number [config]\n");
    CHECK(load(kThree + "currencies: {USD: \"7.1\"}\n").findings() == "6:19: rate of USD must be a positive number [config]\n");
    // {USD: 7,1} reads as {USD: 7, 1: null}.
    CHECK(load(kThree + "currencies: {USD: 7,1}\n").findings() ==
          "6:21: currency \"1\" must be a three-letter code such as USD [config]\n");
    CHECK(load(kThree + "currencies: {usd: 7.1}\n").findings() ==
          "6:14: currency \"usd\" must be a three-letter code such as USD [config]\n");
    CHECK(load(kThree + "currencies:\n  USD:\n").findings() == "7:3: currency USD needs a rate, e.g. USD: 7.1 [config]\n");
    CHECK(load(kThree + "currencies: {USD: 7.1234567}\n").findings() == "6:19: rate of USD \"7.1234567\" has more than 6 decimals [config]\n");
    CHECK(load(kThree + "currencies: [USD]\n").findings() == "6:13: currencies must be a mapping (key: value), not a list [config]\n");
}

TEST_CASE("process: stage errors") {
    SUBCASE("a stage without id") {
        auto l = load("currency: CNY\nstages:\n  - {name: 甲, probability: 10}\n");
        CHECK_FALSE(l.process);
        CHECK(l.findings() == "3:5: a stage needs an id [config]\n");
    }
    SUBCASE("a stage that is not a mapping") {
        CHECK(load("currency: CNY\nstages:\n  - lead\n").findings() ==
              "3:5: a stage must be a mapping with id, name, probability and gate [config]\n");
    }
    SUBCASE("duplicate ids and names") {
        auto l = load("currency: CNY\nstages:\n  - {id: a, name: 甲, probability: 10}\n  - {id: a, name: 甲, probability: 20}\n");
        CHECK_FALSE(l.process);
        CHECK(l.findings() == "4:10: duplicate stage id \"a\" [config]\n4:19: duplicate stage name \"甲\" [config]\n");
    }
    SUBCASE("an id of the wrong form") {
        CHECK(load("currency: CNY\nstages:\n  - {id: Lead, probability: 10}\n").findings() ==
              "3:10: stage id \"Lead\" must match [a-z][a-z0-9_]* [config]\n");
    }
    SUBCASE("probability missing, out of range, not a number, decreasing") {
        CHECK(load("currency: CNY\nstages:\n  - {id: a}\n").findings() ==
              "3:5: stage \"a\" needs a probability (0–100) [config]\n");
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 120}\n").findings() ==
              "3:26: probability must be between 0 and 100, not 120 [config]\n");
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: -1}\n").findings() ==
              "3:26: probability must be between 0 and 100, not -1 [config]\n");
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 12.5}\n").findings() ==
              "3:26: probability must be a whole number, not \"12.5\" [config]\n");
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 50}\n  - {id: b, probability: 40}\n").findings() ==
              "4:26: probability of stage \"b\" (40) is lower than the stage before (50) [config]\n");
    }
    SUBCASE("a gate that is not a list, a check that is not a mapping") {
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 1, gate: {present: name}}\n").findings() ==
              "3:35: a gate must be a list of checks [config]\n");
        CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 1, gate: [name]}\n").findings() ==
              "3:36: a gate check of stage \"a\" must be a mapping such as {present: FIELD, text: ...} [config]\n");
    }
}

TEST_CASE("process: gate check errors") {
    auto gate = [](std::string_view check) {
        return load(fmt::format("currency: CNY\nstages:\n  - id: a\n    probability: 1\n    gate:\n      - {}\n", check)).findings();
    };
    CHECK(gate("{present: name}") == "");
    CHECK(gate("{present: nmae}") == "6:19: unknown project field \"nmae\" (see pipeline-project(5), KNOWN FIELDS) [config]\n");
    CHECK(gate("{equals: tender.reslt, value: won}") ==
          "6:18: unknown project field \"tender.reslt\" (see pipeline-project(5), KNOWN FIELDS) [config]\n");
    CHECK(gate("{count: contact}") ==
          "6:17: unknown list \"contact\" (lists: team, contacts, competitors, risks, activities, history, approvals, documents, payments) [config]\n");
    CHECK(gate("{count: contacts, where: {rank: high}}") == "6:35: items of contacts have no field \"rank\" [config]\n");
    CHECK(gate("{count: contacts, where: [role]}") == "6:34: where must be a mapping (key: value), not a list [config]\n");
    CHECK(gate("{count: contacts, min: 3, max: 2}") == "6:40: max is smaller than min [config]\n");
    CHECK(gate("{count: contacts, min: -1}") == "6:32: min must be between 0 and 1000, not -1 [config]\n");
    CHECK(gate("{equals: tender.result}") == "6:9: an equals check needs value: or in: [config]\n");
    CHECK(gate("{text: 无}") == "6:9: a gate check needs one of: present, equals, count, person, not_future, compare, document, importance [config]\n");
    CHECK(gate("{present: name, person: owner}") ==
          "6:25: a gate check has one kind; \"present\" and \"person\" are both given [config]\n");
    CHECK(gate("{present: }") == "6:10: present needs a field name [config]\n");
    CHECK(gate("{person: [owner]}") ==
          "6:18: person must be text, not a list [config]\n");
}

TEST_CASE("process: flexible groups") {
    CHECK(load(kThree + "flexible: [[a, b]]\n").findings() == "");
    CHECK(load(kThree + "flexible: [[a, x]]\n").findings() ==
          "6:16: flexible group names unknown stage \"x\" [config]\n");
    CHECK(load(kThree + "flexible: [[a]]\n").findings() == "6:12: a flexible group needs at least two stages [config]\n");
    CHECK(load(kThree + "flexible: [[a, c]]\n").findings() == "6:12: the stages of a flexible group must be consecutive [config]\n");
    CHECK(load(kThree + "flexible: [[c, b]]\n").findings() == "");  // order within the group does not matter
    CHECK(load(kThree + "flexible: [[a, b], [b, c]]\n").findings() ==
          "6:21: stage \"b\" is in two flexible groups [config]\n");
    CHECK(load(kThree + "flexible: [a, b]\n").findings() ==
          "6:12: a flexible group must be a list of stage ids, e.g. [requirements, solution] [config]\n"
          "6:15: a flexible group must be a list of stage ids, e.g. [requirements, solution] [config]\n");
    CHECK(load(kThree + "flexible: [[甲, 乙]]\n").findings() == "");  // display names are accepted
}

TEST_CASE("process: outcomes") {
    CHECK(load(kThree + "outcomes: {win: 赢}\n").findings() == "6:12: unknown outcome \"win\" (outcomes are won, lost, abandoned) [config]\n");
    CHECK(load(kThree + "outcomes: {open: 进行中}\n").findings() == "6:12: unknown outcome \"open\" (outcomes are won, lost, abandoned) [config]\n");
    CHECK(load(kThree + "outcomes: [won]\n").findings() == "6:11: outcomes must be a mapping (key: value), not a list [config]\n");
}

TEST_CASE("process: forecast categories and rules") {
    CHECK(load(kThree + "forecast_categories: {commit: 40, best_case: 50}\n").findings() ==
          "6:22: forecast_categories: best_case must not be above commit [config]\n");
    CHECK(load(kThree + "rules: {stale_days: 0}\n").findings() == "6:21: rules.stale_days must be between 1 and 3650, not 0 [config]\n");
    CHECK(load(kThree + "rules: {risk_threshold: 26}\n").findings() ==
          "6:25: rules.risk_threshold must be between 1 and 25, not 26 [config]\n");
    CHECK(load(kThree + "rules: {review_required: [won, open]}\n").findings() ==
          "6:32: outcome \"open\" is not one of: won, lost, abandoned [config]\n");
    CHECK(load(kThree + "rules: {max_file_size: 10}\n").findings() ==
          "6:24: rules.max_file_size must be between 1024 and 1073741824, not 10 [config]\n");
    CHECK(load(kThree + "rules: {stale: 3}\n").findings() == "6:9: warning: unknown key \"stale\" in rules (kept and ignored) [unknown-key]\n");
}

TEST_CASE("process: unknown keys are warnings that do not make the process unusable") {
    auto l = load(kThree + "colour: blue\n");
    CHECK(l.findings() == "6:1: warning: unknown key \"colour\" (kept and ignored) [unknown-key]\n");
    CHECK(l.process);
}

TEST_CASE("process: people") {
    CHECK(load(kThree + "people:\n  - {name: 张三}\n").findings() == "7:5: a person needs an id [config]\n");
    CHECK(load(kThree + "people:\n  - {id: a}\n  - {id: a}\n").findings() == "8:10: duplicate person id \"a\" [config]\n");
    CHECK(load(kThree + "people:\n  - {id: a, manager: boss}\n").findings() ==
          "7:22: manager \"boss\" of \"a\" is not in people [config]\n");
    CHECK(load(kThree + "people:\n  - zhang.san\n").findings() ==
          "7:5: a person must be a mapping with id, name, role and manager [config]\n");
}

TEST_CASE("process: approval kinds, built in and the team's own, with who may approve") {
    const std::string roster = kThree + "people:\n  - {id: boss, role: director}\n  - {id: a, role: presales, manager: boss}\n";
    Loaded l = load(roster + "approvals:\n  - {type: bid_review, name: 投标评审, approvers: [presales, owner_manager]}\n"
                             "  - {type: change, escalate: {over: 10000000, to: [director]}}\n");
    REQUIRE(l.process);
    CHECK(l.findings() == "");
    const ApprovalType* bid = l.process->approval_type("投标评审");
    REQUIRE(bid);
    CHECK(bid->id == "bid_review");
    CHECK(bid->approvers == std::vector<std::string>{"presales", "owner_manager"});
    const ApprovalType* change = l.process->approval_type("变更");
    REQUIRE(change);
    CHECK(change->approvers == std::vector<std::string>{"owner_manager", "manager", "director"});  // kept from the default
    CHECK(change->escalate_over == Money{1000000000});
    CHECK(l.process->approval_types.size() == 6);
    CHECK(load(roster + "approvals:\n  - {type: Bid, approvers: [presales]}\n").findings() ==
          "10:12: an approval kind needs a type, [a-z][a-z0-9_]*, e.g. bid_review [config]\n");
    CHECK(load(roster + "approvals:\n  - {type: bid}\n").findings() ==
          "10:5: approvals.bid: approvers names who may approve (roles, sponsor, owner_manager) [config]\n");
    CHECK(load(roster + "approvals:\n  - {type: bid, approvers: [presale]}\n").findings() ==
          "10:29: approvals.bid.approvers: no one in people has role \"presale\" (did you mean presales?) [config]\n");
    CHECK(load(roster + "approvals:\n  - {type: change, escalate: {over: 100, to: [sponsor]}}\n").findings() ==
          "10:47: approvals.change.escalate.to: only roles may be named here, not sponsor [config]\n");
    CHECK(load(roster + "approvals:\n  - {type: budget, approvers: [director]}\n  - {type: budget, approvers: [director]}\n")
              .findings() == "11:12: approval kind \"budget\" is declared twice [config]\n");
}

TEST_CASE("process: a stage's output documents are checks of its gate") {
    Loaded l = load("currency: CNY\nstages:\n  - {id: a, probability: 10, gate: [{present: lead.source}],\n"
                    "     documents: [客户信息表, 客户需求分析报告]}\n  - {id: b, probability: 100}\n");
    REQUIRE(l.process);
    CHECK(l.findings() == "");
    const std::vector<GateCheck>& gate = l.process->stages[0].gate;
    REQUIRE(gate.size() == 3);
    CHECK(gate[1].kind == GateCheck::Kind::document);
    CHECK(gate[1].field == "客户信息表");
    CHECK(gate[2].text == "客户需求分析报告");
    CHECK(load("currency: CNY\nstages:\n  - {id: a, probability: 10, documents: 客户信息表}\n").findings() ==
          "3:41: documents must be a list, not a scalar [config]\n");
}

TEST_CASE("process: a broken person before a good one does not shift the manager check") {
    // The manager check pairs people with list items; an item that was skipped must not misalign it.
    CHECK(load(kThree + "people:\n  - {name: 无名}\n  - {id: boss}\n  - {id: a, manager: boss}\n").findings() ==
          "7:5: a person needs an id [config]\n");
}

TEST_CASE("process: targets") {
    CHECK(load(kThree + "people: [{id: a}]\ntargets:\n  - {owner: b, period: 2026, amount: 1}\n").findings() ==
          "8:13: target owner \"b\" is not in people [config]\n");
    CHECK(load(kThree + "targets:\n  - {period: 2026Q5, amount: 1}\n").findings() ==
          "7:14: a target needs a period such as 2026, 2026Q4 or 2026-11 [config]\n");
    CHECK(load(kThree + "targets:\n  - {amount: 1}\n").findings() ==
          "7:5: a target needs a period such as 2026, 2026Q4 or 2026-11 [config]\n");
    CHECK(load(kThree + "targets:\n  - {period: 2026}\n").findings() == "7:5: a target needs an amount [config]\n");
    CHECK(load(kThree + "targets:\n  - {period: 2026, amount: \"1,000\"}\n").findings() ==
          "7:28: target amount \"1,000\" is quoted text, not a number, and unquoted it has a thousands separator: write the digits alone, e.g. 1280000 [amount]\n");
    CHECK(load(kThree + "targets:\n  - {period: 2026, amount: -5}\n").findings() ==
          "7:28: target amount must not be negative (-5) [amount]\n");
}

TEST_CASE("process: channels") {
    CHECK(load(kThree + "channels:\n  - {cost: 5}\n").findings() == "7:5: a channel needs a source [config]\n");
    CHECK(load(kThree + "channels:\n  - 展会\n").findings() == "7:5: a channel must be a mapping with source and cost [config]\n");
}

TEST_CASE("process: status ids") {
    CHECK(std::string(status_id(Status::abandoned)) == "abandoned");
    CHECK(parse_status("won") == Status::won);
    CHECK_FALSE(parse_status("Won"));
}
