// Loading a project file: every field typed, every wrong type a finding at its node.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

struct Loaded {
    std::optional<Project> project;
    Diagnostics out;
    std::string findings() const { return test::findings(out); }
};

Loaded load(std::string_view text, bool strict = false) {
    static const Process process = test::default_process();
    Loaded l;
    l.project = load_project(text, "projects/P-1.yaml", process, l.out, {strict});
    return l;
}

const char* const kFull = R"(id: SH-2026-001
name: 某市第一人民医院信息化升级
customer:
  name: 某市第一人民医院
  industry: 卫生
  size: large
  grade: strategic
owner: zhang.san
sponsor: li.si
team:
  - {name: zhang.san, role: 销售}
  - {name: 王工, role: 实施顾问}
amount: 2800000.50
currency: USD
margin: -5
expected_close: 2026-11-30
stage: 谈判签约
status: won
closed_on: 2026-11-06
close_reason: 技术领先
forecast_category: commit
lead:
  source: 展会
  grade: A
  bant: {budget: true, authority: false, need: True, timeline: FALSE}
contacts:
  - {name: 陈主任, title: 信息科主任, role: decision_maker, attitude: support, phone: 13800000000}
competitors:
  - 东软
  - {name: 卫宁健康, strength: 本地团队, note: 报价低}
risks:
  - {type: competition, description: 低价, likelihood: 3, impact: 4, mitigation: 强调服务, owner: zhang.san, status: closed}
activities:
  - {date: 2026-03-02, type: 展会, note: 结识陈主任, by: zhang.san}
history:
  - {date: 2026-03-02, to: lead, by: zhang.san, note: 展会获取}
  - {date: 2026-03-20, from: lead, to: 项目立项, forced: 客户催促, regression: false}
  - {date: 2026-11-06, from: initiation, to: won}
approvals:
  - {type: initiation, by: li.si, date: 2026-03-19, result: approved, note: 立项}
requirements: {design_plan: 2026-04-10, technical_parameters: true}
solution: {in_customer_design: true}
tender: {published_on: 2026-10-01, deadline: 2026-10-15, submitted_on: 2026-10-14, result: won}
contract: {number: HT-118, signed_on: 2026-11-06, amount: 2750000}
payments:
  - {due: 2026-11-20, amount: 825000, received: 825000, received_on: 2026-11-18, note: 首付款}
  - {due: 2027-03-31, amount: 1375000}
review:
  date: 2026-11-18
  summary: 早期介入
  lessons: 尽早发展内线
notes: 自由文本
)";

}  // namespace

TEST_CASE("project: every field of a full file") {
    auto l = load(kFull);
    CHECK(l.findings() == "");
    REQUIRE(l.project);
    const Project& p = *l.project;
    CHECK(p.path == "projects/P-1.yaml");
    CHECK(p.id == "SH-2026-001");
    CHECK(p.name == "某市第一人民医院信息化升级");
    CHECK(p.customer.name == "某市第一人民医院");
    CHECK(p.customer.industry == "卫生");
    CHECK(p.customer.size == "large");
    CHECK(p.customer.grade == "strategic");
    CHECK(p.owner == "zhang.san");
    CHECK(p.sponsor == "li.si");
    REQUIRE(p.team.size() == 2);
    CHECK(p.team[1].name == "王工");
    CHECK(p.team[1].role == "实施顾问");
    CHECK(p.team[1].position == Position{12, 5});
    CHECK(p.amount == Money{280000050});
    CHECK(p.currency == "USD");
    CHECK(p.margin == -5);
    CHECK(p.expected_close->iso() == "2026-11-30");
    CHECK(p.stage == 6);
    CHECK(p.stage_text == "谈判签约");
    CHECK(p.status == Status::won);
    CHECK(p.closed_on->iso() == "2026-11-06");
    CHECK(p.close_reason == "技术领先");
    CHECK(p.forecast_category == "commit");
    CHECK(p.lead.source == "展会");
    CHECK(p.lead.grade == "A");
    CHECK(p.lead.bant.budget == true);
    CHECK(p.lead.bant.authority == false);
    CHECK(p.lead.bant.need == true);
    CHECK(p.lead.bant.timeline == false);
    REQUIRE(p.contacts.size() == 1);
    CHECK(p.contacts[0].name == "陈主任");
    CHECK(p.contacts[0].title == "信息科主任");
    CHECK(p.contacts[0].role == "decision_maker");
    CHECK(p.contacts[0].attitude == "support");
    CHECK(p.contacts[0].phone == "13800000000");
    REQUIRE(p.competitors.size() == 2);
    CHECK(p.competitors[0].name == "东软");
    CHECK(p.competitors[1].strength == "本地团队");
    CHECK(p.competitors[1].note == "报价低");
    REQUIRE(p.risks.size() == 1);
    CHECK(p.risks[0].type == "competition");
    CHECK(p.risks[0].score() == 12);
    CHECK(p.risks[0].mitigation == "强调服务");
    CHECK(p.risks[0].owner == "zhang.san");
    CHECK_FALSE(p.risks[0].open());
    REQUIRE(p.activities.size() == 1);
    CHECK(p.activities[0].date->iso() == "2026-03-02");
    CHECK(p.activities[0].by == "zhang.san");
    REQUIRE(p.history.size() == 3);
    CHECK(p.history[0].from == -1);
    CHECK(p.history[0].to == 0);
    CHECK(p.history[1].from == 0);
    CHECK(p.history[1].to == 1);
    CHECK(p.history[1].to_text == "项目立项");
    CHECK(p.history[1].forced == "客户催促");
    CHECK_FALSE(p.history[1].regression);
    CHECK(p.history[2].to == -1);
    CHECK(p.history[2].to_outcome == Status::won);
    CHECK(p.history[2].position == Position{38, 5});
    CHECK(p.history[2].to_position == Position{38, 46});
    REQUIRE(p.approvals.size() == 1);
    CHECK(p.approvals[0].type == "initiation");
    CHECK(p.approvals[0].by == "li.si");
    CHECK(p.approvals[0].result == "approved");
    CHECK(p.approvals[0].date->iso() == "2026-03-19");
    CHECK(p.requirements.design_plan == "2026-04-10");
    CHECK(p.requirements.technical_parameters == "true");
    CHECK(p.solution.in_customer_design == true);
    CHECK(p.tender.published_on->iso() == "2026-10-01");
    CHECK(p.tender.deadline->iso() == "2026-10-15");
    CHECK(p.tender.submitted_on->iso() == "2026-10-14");
    CHECK(p.tender.result == "won");
    CHECK(p.contract.number == "HT-118");
    CHECK(p.contract.signed_on->iso() == "2026-11-06");
    CHECK(p.contract.amount == Money{275000000});
    REQUIRE(p.payments.size() == 2);
    CHECK(p.payments[0].received == Money{82500000});
    CHECK(p.payments[0].received_on->iso() == "2026-11-18");
    CHECK(p.payments[1].outstanding() == Money{137500000});
    CHECK(p.review.present);
    CHECK(p.review.date->iso() == "2026-11-18");
    CHECK(p.review.lessons == "尽早发展内线");
    CHECK(p.at.id == Position{1, 5});
    CHECK(p.at.stage == Position{17, 8});
    CHECK(p.at.status == Position{18, 9});
    CHECK(p.contract.signed_on_at == Position{44, 39});
    CHECK(p.created()->iso() == "2026-03-02");
    CHECK(p.last_touched()->iso() == "2026-11-06");
    CHECK(p.stage_entered() == std::nullopt);  // stage 6 was never entered in this history
}

TEST_CASE("project: defaults of a minimal file") {
    auto l = load("id: P-1\nstage: lead\n");
    CHECK(l.findings() == "");
    REQUIRE(l.project);
    const Project& p = *l.project;
    CHECK(p.currency == "CNY");
    CHECK(p.status == Status::open);
    CHECK(p.amount == Money{0});
    CHECK_FALSE(p.margin);
    CHECK_FALSE(p.review.present);
    CHECK(p.at.amount == Position{});
    CHECK(p.stage == 0);
}

TEST_CASE("project: a bare customer name and a scalar review are accepted") {
    auto l = load("id: P-1\ncustomer: 某区政务服务数据管理局\nreview: 已复盘\n");
    CHECK(l.findings() == "");
    CHECK(l.project->customer.name == "某区政务服务数据管理局");
    CHECK(l.project->review.present);
    CHECK(l.project->review.summary == "已复盘");
}

TEST_CASE("project: files that are no project at all") {
    auto empty = load("");
    CHECK_FALSE(empty.project);
    CHECK(empty.findings() == "1:1: the file is empty; a project is a mapping with id, name, customer, ... [syntax]\n");
    CHECK(load("# 只有注释\n").findings() ==
          "1:1: the file is empty; a project is a mapping with id, name, customer, ... [syntax]\n");
    auto list = load("- id: P-1\n");
    CHECK_FALSE(list.project);
    CHECK(list.findings() == "1:1: a project file must be a mapping (key: value) at the top, not a list [syntax]\n");
    CHECK(load("项目\n").findings() == "1:1: a project file must be a mapping (key: value) at the top, not a scalar [syntax]\n");
    auto broken = load("id: P-1\nname: [\n");
    CHECK_FALSE(broken.project);
    REQUIRE(broken.out.items().size() == 1);
    CHECK(broken.out.items()[0].rule == "syntax");
    auto duplicate = load("id: P-1\nid: P-2\n");
    CHECK_FALSE(duplicate.project);
    CHECK(duplicate.findings() == "2:1: duplicate key \"id\" (first at line 1) [duplicate-key]\n");
}

TEST_CASE("project: wrong types and values, each a finding at the offending node") {
    CHECK(load("id: [P-1]\n").findings() ==
          "1:5: id must be text, not a list [type]\n");
    CHECK(load("name: {a: 1}\n").findings() ==
          "1:7: name must be text, not a mapping [type]\n");
    CHECK(load("owner: [a]\n").findings() ==
          "1:8: owner must be text, not a list [type]\n");
    CHECK(load("customer: [a]\n").findings() ==
          "1:11: customer must be a mapping (key: value), not a list [type]\n");
    CHECK(load("customer: {name: [x], size: huge, grade: vip, industry: {a: 1}}\n").findings() ==
          "1:18: customer name must be text, not a list [type]\n1:57: customer industry must be text, not a mapping [type]\n1:29: customer size \"huge\" is not one of: large (大型), medium (中型), small (小型) [enum]\n1:42: customer grade \"vip\" is not one of: strategic (战略), important (重要), general (一般) [enum]\n");
    CHECK(load("team: 张三\n").findings() ==
          "1:7: team must be a list, not a scalar [type]\n");
    CHECK(load("team: [张三]\n").findings() ==
          "1:8: each item of team must be a mapping (key: value) [type]\n");
    CHECK(load("team: [{name: [a], role: {b: 1}}]\n").findings() ==
          "1:15: team member name must be text, not a list [type]\n1:26: team member role must be text, not a mapping [type]\n");
    CHECK(load("amount: \"1280000\"\n").findings() ==
          "1:9: amount \"1280000\" is quoted text, not a number: remove the quotes [amount]\n");
    CHECK(load("amount: \"1,280,000\"\n").findings() ==
          "1:9: amount \"1,280,000\" is quoted text, not a number, and unquoted it has a thousands separator: "
          "write the digits alone, e.g. 1280000 [amount]\n");
    CHECK(load("amount: \"abc\"\n").findings() == "1:9: amount must be a number, not the text \"abc\" [amount]\n");
    CHECK(load("amount: \"\"\n").findings() == "1:9: amount must be a number, not the text \"\" [amount]\n");
    CHECK(load("amount: \"12万\"\n").findings() == "1:9: amount must be a number, not the text \"12万\" [amount]\n");
    CHECK(load("amount: 1,280,000\n").findings() ==
          "1:9: amount \"1,280,000\" has a thousands separator: write the digits alone, e.g. 1280000 [amount]\n");
    CHECK(load("amount: -5\n").findings() ==
          "1:9: amount must not be negative (-5) [amount]\n");
    CHECK(load("amount: 1e6\n").findings() ==
          "1:9: amount \"1e6\" uses an exponent: write the digits in full [amount]\n");
    CHECK(load("amount: .nan\n").findings() ==
          "1:9: amount \".nan\" is not a number (NaN): write it in digits [amount]\n");
    CHECK(load("amount: 1280000.505\n").findings() ==
          "1:9: amount \"1280000.505\" has more than 2 decimals [amount]\n");
    CHECK(load("amount: 一百万\n").findings() ==
          "1:9: amount \"一百万\" is not a number [amount]\n");
    CHECK(load("amount: [1]\n").findings() ==
          "1:9: amount must be a single value, not a list [type]\n");
    CHECK(load("amount:\n").findings() ==
          "1:1: amount is empty; write the amount, e.g. amount: 1280000 [required]\n");
    CHECK(load("currency: [CNY]\n").findings() ==
          "1:11: currency must be text, not a list [type]\n");
    CHECK(load("margin: 120\n").findings() ==
          "1:9: margin must be between -100 and 100, not 120 [type]\n");
    CHECK(load("margin: \"30\"\n").findings() ==
          "1:9: margin must be a whole number, not \"30\" [type]\n");
    CHECK(load("margin: 30.5\n").findings() ==
          "1:9: margin must be a whole number, not \"30.5\" [type]\n");
    CHECK(load("expected_close: 2026-02-30\n").findings() ==
          "1:17: expected_close \"2026-02-30\" is not a real calendar date [date]\n");
    CHECK(load("expected_close: 2026/02/03\n").findings() ==
          "1:17: expected_close \"2026/02/03\" is not a date (write YYYY-MM-DD) [date]\n");
    CHECK(load("expected_close: \"2026-02-03\"\n").findings() ==
          "");
    CHECK(load("stage: [lead]\n").findings() ==
          "1:8: stage must be text, not a list [type]\n");
    CHECK(load("status: closed\n").findings() ==
          "1:9: status \"closed\" is not one of: open (进行中), won (赢单), lost (丢单), abandoned (放弃) [enum]\n");
    CHECK(load("status: Won\n").findings() ==
          "1:9: status \"Won\" is not one of: open (进行中), won (赢单), lost (丢单), abandoned (放弃) [enum]\n");
    CHECK(load("closed_on: 2026-13-01\n").findings() ==
          "1:12: closed_on \"2026-13-01\" is not a real calendar date [date]\n");
    CHECK(load("close_reason: [a]\n").findings() ==
          "1:15: close_reason must be text, not a list [type]\n");
    CHECK(load("forecast_category: maybe\n").findings() ==
          "1:20: forecast_category \"maybe\" is not one of: pipeline (管道), best_case (乐观), commit (承诺), closed (已成交) [enum]\n");
    CHECK(load("lead: 展会\n").findings() ==
          "1:7: lead must be a mapping (key: value), not a scalar [type]\n");
    CHECK(load("lead: {source: [a], grade: D, bant: yes}\n").findings() ==
          "1:16: lead source must be text, not a list [type]\n1:28: lead grade \"D\" is not one of: A, B, C [enum]\n1:37: lead.bant must be a mapping (key: value), not a scalar [type]\n");
    CHECK(load("lead: {bant: {budget: yes, need: \"true\", timeline: 1}}\n").findings() ==
          "1:23: bant budget must be true or false, not \"yes\" [type]\n1:34: bant need must be true or false, not \"true\" [type]\n1:52: bant timeline must be true or false, not \"1\" [type]\n");
    CHECK(load("contacts: {name: x}\n").findings() ==
          "1:11: contacts must be a list, not a mapping [type]\n");
    CHECK(load("contacts: [{title: 主任, role: boss, attitude: happy}]\n").findings() ==
          "1:30: contact role \"boss\" is not one of: decision_maker (决策人), influencer (影响者), insider (内线), user (使用者), technical (技术把关人), other (其他) [enum]\n1:46: contact attitude \"happy\" is not one of: support (支持), neutral (中立), oppose (反对), unknown (未知) [enum]\n1:12: a contact needs a name [required]\n");
    CHECK(load("contacts: [{name: 陈, phone: [1]}]\n").findings() ==
          "1:29: contact phone must be a single value, not a list [type]\n");
    CHECK(load("competitors: 东软\n").findings() ==
          "1:14: competitors must be a list, not a scalar [type]\n");
    CHECK(load("competitors: [[a]]\n").findings() ==
          "1:15: a competitor is a name or a mapping with name, strength, note [type]\n");
    CHECK(load("risks: [{type: weather, likelihood: 6, impact: 0}]\n").findings() ==
          "1:16: risk type \"weather\" is not one of: market (市场), customer (客户), competition (竞争), contract (合同), legal (法律), other (其他) [enum]\n1:37: risk likelihood must be between 1 and 5, not 6 [type]\n1:48: risk impact must be between 1 and 5, not 0 [type]\n");
    CHECK(load("risks: [{description: x}]\n").findings() ==
          "1:9: a risk needs likelihood (1–5) [required]\n1:9: a risk needs impact (1–5) [required]\n");
    CHECK(load("risks: [{likelihood: \"3\", impact: 2.5}]\n").findings() ==
          "1:22: risk likelihood must be a whole number, not \"3\" [type]\n1:35: risk impact must be a whole number, not \"2.5\" [type]\n");
    CHECK(load("risks: [{likelihood: , impact: 3}]\n").findings() ==
          "1:9: a risk needs likelihood (1–5) [required]\n");
    CHECK(load("risks: [{likelihood: 3, impact: 3, status: done}]\n").findings() ==
          "1:44: risk status \"done\" is not one of: open (未关闭), closed (已关闭) [enum]\n");
    CHECK(load("activities: [{type: 拜访}]\n").findings() ==
          "1:14: an activity needs a date [required]\n");
    CHECK(load("activities: [{date: 昨天}]\n").findings() ==
          "1:21: activity date \"昨天\" is not a date (write YYYY-MM-DD) [date]\n");
    CHECK(load("activities: [{date: }]\n").findings() ==
          "1:14: an activity needs a date [required]\n");
    CHECK(load("history: [{date: 2026-01-01}]\n").findings() ==
          "1:11: a history entry needs to: (the stage or outcome reached) [required]\n");
    CHECK(load("history: [{to: lead}]\n").findings() ==
          "1:11: a history entry needs a date [required]\n");
    CHECK(load("history: [{date: 2026-01-01, to: 不存在}]\n").findings() ==
          "1:34: history to \"不存在\" is neither a stage nor an outcome [stage]\n");
    CHECK(load("history: [{date: 2026-01-01, to: open}]\n").findings() ==
          "1:34: history to \"open\" is neither a stage nor an outcome [stage]\n");
    CHECK(load("history: [{date: 2026-01-01, from: nowhere, to: lead, regression: maybe}]\n").findings() ==
          "1:36: history from \"nowhere\" is neither a stage nor an outcome [stage]\n1:67: regression must be true or false, not \"maybe\" [type]\n");
    CHECK(load("history: [{date: , to: }]\n").findings() ==
          "1:11: a history entry needs a date [required]\n1:11: a history entry needs to: (the stage or outcome reached) [required]\n");
    CHECK(load("approvals: [{type: x, result: ok, date: 2026-02-30}]\n").findings() ==
          "1:20: approval type \"x\" is not one of: initiation (立项), budget (预算), change (调整), termination (终止), contract_review (合同评审) [enum]\n1:41: approval date \"2026-02-30\" is not a real calendar date [date]\n1:31: approval result \"ok\" is not one of: approved (批准), rejected (驳回), pending (待审批) [enum]\n");
    CHECK(load("requirements: [a]\n").findings() ==
          "1:15: requirements must be a mapping (key: value), not a list [type]\n");
    CHECK(load("requirements: {design_plan: [a]}\n").findings() ==
          "1:29: requirements.design_plan must be a single value, not a list [type]\n");
    CHECK(load("solution: true\n").findings() ==
          "1:11: solution must be a mapping (key: value), not a scalar [type]\n");
    CHECK(load("tender: {published_on: [a], result: 中标}\n").findings() ==
          "1:24: tender.published_on must be a single value, not a list [type]\n");
    CHECK(load("tender: {deadline: 2026-02-30}\n").findings() ==
          "1:20: tender.deadline \"2026-02-30\" is not a real calendar date [date]\n");
    CHECK(load("contract: {signed_on: 2026-02-30, amount: \"5\"}\n").findings() ==
          "1:23: contract.signed_on \"2026-02-30\" is not a real calendar date [date]\n1:43: contract amount \"5\" is quoted text, not a number: remove the quotes [amount]\n");
    CHECK(load("contract: {signed_on: [a]}\n").findings() ==
          "1:23: contract.signed_on must be a single value, not a list [type]\n");
    CHECK(load("payments: [{due: 2026-01-01}]\n").findings() ==
          "1:12: a payment instalment needs an amount [required]\n");
    CHECK(load("payments: [{amount: 5}]\n").findings() ==
          "1:12: a payment instalment needs a due date, or a milestone (on: accepted, days: 30) [required]\n");
    CHECK(load("payments: [{due: , amount: }]\n").findings() ==
          "1:12: a payment instalment needs a due date, or a milestone (on: accepted, days: 30) [required]\n"
          "1:12: a payment instalment needs an amount [required]\n");
    // Due on a milestone: no date needed, and `days` is a whole number of days.
    CHECK(load("payments: [{on: accepted, days: 30, amount: 5}]\n").findings() == "");
    CHECK(load("payments: [{on: accepted, days: -1, amount: 5}]\n").findings() ==
          "1:33: payment days must be between 0 and 3650, not -1 [type]\n");
    CHECK(load("payments: [{due: 2026-01-01, amount: 5, received: -1, received_on: x}]\n").findings() ==
          "1:51: received amount must not be negative (-1) [amount]\n1:68: received_on \"x\" is not a date (write YYYY-MM-DD) [date]\n");
    CHECK(load("review: [a]\n").findings() ==
          "1:9: review must be a mapping (key: value), not a list [type]\n");
    CHECK(load("review: {date: x, summary: [a]}\n").findings() ==
          "1:16: review date \"x\" is not a date (write YYYY-MM-DD) [date]\n1:28: review summary must be text, not a list [type]\n");
    CHECK(load("review: \"\"\n").findings() ==
          "");
}

TEST_CASE("project: a stage by id or display name, unknown stages kept as written") {
    CHECK(load("stage: tender\n").project->stage == 5);
    CHECK(load("stage: 招投标\n").project->stage == 5);
    auto unknown = load("stage: 投标\n");
    CHECK(unknown.findings() == "");  // reported by check (rule stage), with a suggestion
    CHECK(unknown.project->stage == -1);
    CHECK(unknown.project->stage_text == "投标");
}

TEST_CASE("project: unknown keys are kept silently, and are warnings under strict") {
    const char* text = "id: P-1\nfoo: 1\ncustomer: {name: x, extra: 1}\nlead: {source: a, channel: b}\n"
                       "contacts: [{name: a, wechat: b}]\nrequirements: {design_plan: x, other: y}\n";
    CHECK(load(text).findings() == "");
    CHECK(load(text).project);
    auto strict = load(text, true);
    CHECK(strict.findings() ==
          "2:1: warning: unknown key \"foo\" (kept and ignored) [unknown-key]\n"
          "3:21: warning: unknown key \"extra\" in customer (kept and ignored) [unknown-key]\n"
          "4:19: warning: unknown key \"channel\" in lead (kept and ignored) [unknown-key]\n"
          "5:22: warning: unknown key \"wechat\" in contacts (kept and ignored) [unknown-key]\n"
          "6:32: warning: unknown key \"other\" in requirements (kept and ignored) [unknown-key]\n");
    CHECK(strict.project);
}

TEST_CASE("project: solution.in_customer_design is a boolean, any spelling YAML allows") {
    CHECK(load("solution: {in_customer_design: True}\n").project->solution.in_customer_design == true);
    CHECK(load("solution: {in_customer_design: false}\n").project->solution.in_customer_design == false);
    auto l = load("solution: {in_customer_design: 是}\n");
    CHECK(l.findings() == "1:32: solution.in_customer_design must be true or false, not \"是\" [type]\n");
    CHECK_FALSE(l.project->solution.in_customer_design);
}

TEST_CASE("project: valid ids") {
    for (std::string_view id : {"SH-2026-001", "a", "A.b_c-1", "0x"}) CHECK_MESSAGE(valid_project_id(id), std::string(id));
    for (std::string_view id : {std::string_view(""), std::string_view("-a"), std::string_view(".a"), std::string_view("_a"),
                                std::string_view("a/b"), std::string_view("a\\b"), std::string_view("a..b"),
                                std::string_view("a b"), std::string_view("项目"), std::string_view("a\0b", 3)})
        CHECK_MESSAGE(!valid_project_id(id), std::string(id));
    CHECK(valid_project_id(std::string(128, 'a')));
    CHECK_FALSE(valid_project_id(std::string(129, 'a')));
}

TEST_CASE("project: dates derived from history and activities") {
    auto l = load("history:\n  - {date: 2026-01-05, to: lead}\n  - {date: 2026-02-01, from: lead, to: initiation}\n"
                  "  - {date: 2026-03-01, from: initiation, to: lead, note: 退回}\n"
                  "activities:\n  - {date: 2026-04-01}\n  - {date: 2026-01-01}\nstage: lead\n");
    CHECK(l.findings() == "");
    const Project& p = *l.project;
    CHECK(p.created()->iso() == "2026-01-05");
    CHECK(p.last_touched()->iso() == "2026-04-01");
    CHECK(p.stage_entered()->iso() == "2026-03-01");  // the latest entry into the current stage
}
