#include "pipeline/model/process.hpp"

#include <array>
#include <string>

namespace pipeline {
namespace {

// The default pipeline.yaml, key by key: the comment over a key in each language, then the
// YAML both share — one process, however it is commented.
struct Section {
    const char* english;
    const char* chinese;
    const char* yaml;
};

constexpr Section kSections[] = {
    {R"yaml(# The sales process of this repository: stages, gates, rules, people, targets. See pipeline-config(5).
# language: zh    # uncomment for Chinese messages whatever the machine's locale
)yaml",
     R"yaml(# 销售流程定义：本仓库的阶段、门槛、规则、人员与目标。说明见 pipeline-config(5)。

# 提示语言：zh 为中文（不论本机的语言设置），en 为英文。
language: zh

# 本位币
)yaml",
     R"yaml(currency: CNY
)yaml"},
    {R"yaml(
# Seven stages: the cumulative win probability, and the gate (milestone) to leave each.
)yaml",
     R"yaml(
# 七个阶段：累计赢率，以及离开每个阶段必须满足的门槛（gate，即里程碑）。
)yaml",
     R"yaml(stages:
  - id: lead
    name: 信息搜集
    probability: 5
    gate:
      - present: lead.source
        text: 线索来源已记录
  - id: initiation
    name: 项目立项
    probability: 10
    gate:
      - count: approvals
        where: {type: initiation, result: approved}
        min: 1
        text: 立项申请审批表已由销售经理批准
      - count: team
        min: 2
        text: 项目团队已组建，角色明确
      - person: sponsor
        text: 已指定项目发起人（具体人员，不是“公司”）
  - id: requirements
    name: 需求确认
    probability: 25
    gate:
      - count: contacts
        min: 1
        text: 与业主建立了工作关系
      - present: requirements.design_plan
        text: 已获取设计方案
      - present: requirements.technical_parameters
        text: 已获取技术参数
      - count: contacts
        where: {role: insider}
        min: 1
        text: 已发展1–2名内线
  - id: solution
    name: 方案确认
    probability: 45
    gate:
      - count: contacts
        where: {role: [decision_maker, influencer], attitude: [support, neutral]}
        min: 2
        text: 与决策链各方建立了深度关系
      - equals: solution.in_customer_design
        value: true
        text: 我方优势已写入客户设计方案
  - id: relations
    name: 深度公关
    probability: 80
    gate:
      - count: contacts
        where: {role: decision_maker, attitude: support}
        min: 1
        text: 项目决策人支持我方
  - id: tender
    name: 招投标
    probability: 90
    gate:
      - equals: tender.result
        value: won
        text: 已中标
  - id: contract
    name: 谈判签约
    probability: 100
    gate:
      - present: contract.signed_on
        text: 正式合同已签订
      - not_future: contract.signed_on
        text: 签约日期不在未来
)yaml"},
    {R"yaml(
# Requirements, solution and relations can be worked in any order.
)yaml",
     R"yaml(
# 需求确认、方案确认、深度公关可以交叉进行、不分先后。
)yaml",
     R"yaml(flexible:
  - [requirements, solution, relations]
)yaml"},
    {R"yaml(
# Display names of the outcomes (the ids are fixed).
)yaml",
     R"yaml(
# 结束状态的显示名称（id 固定）。
)yaml",
     R"yaml(outcomes:
  won: 赢单
  lost: 丢单
  abandoned: 放弃
)yaml"},
    {R"yaml(
# Forecast categories: a project is in the first whose minimum its stage probability reaches (won is closed).
)yaml",
     R"yaml(
# 预测分类：阶段赢率达到该值即归入该类（已赢单为 closed）。
)yaml",
     R"yaml(forecast_categories:
  commit: 80
  best_case: 45
  pipeline: 0
)yaml"},
    {R"yaml(
# Rules: days without a follow-up before a project is stale, days a gate may stay unmet, the risk score
# that flags a risk, days to write the review after closing, the share an amount may change and the
# days a close may move out in a merge request without a change approval, who may force a gate, the
# largest project file.
)yaml",
     R"yaml(
# 管理规则：几天无跟进算停滞、门槛几天未达成算超期、风险分值阈值、结案后几天内完成项目总结、
# 金额变动超过几成或预计签约日推迟超过几天须附调整审批、哪些角色可强制越过关口、文件大小上限。
)yaml",
     R"yaml(rules:
  stale_days: 7
  gate_overdue_days: 30
  risk_threshold: 12
  review_within_days: 30
  review_required: [won, lost, abandoned]
  change_amount_percent: 20
  change_close_days: 60
  force_roles: [manager, director]
  max_file_size: 1048576
)yaml"},
    {R"yaml(
# The roster: owners and sponsors must be listed here.
)yaml",
     R"yaml(
# 人员名册：负责人、发起人须在此登记。
)yaml",
     R"yaml(people: []
#  - id: zhang.san
#    name: 张三
#    role: sales
#    manager: li.si
)yaml"},
    {R"yaml(
# Targets: without owner, a target of the team.
)yaml",
     R"yaml(
# 目标：省略 owner 即为团队目标。
)yaml",
     R"yaml(targets: []
#  - period: 2026Q4
#    amount: 5000000
)yaml"},
    {R"yaml(
# Rates of other currencies to the base currency.
)yaml",
     R"yaml(
# 其他币种对本位币的汇率。
)yaml",
     R"yaml(currencies: {}
#  USD: 7.1
)yaml"},
};

std::string assembled(Language language) {
    std::string out;
    for (const Section& s : kSections) out += std::string(language == Language::chinese ? s.chinese : s.english) + s.yaml;
    return out;
}

}  // namespace

// Written by `pipeline init`: the seven stages of the project-sales process, commented in
// the language of the run (the Chinese text also sets `language: zh` for the whole team).
std::string_view default_process_text(Language language) {
    static const std::array<std::string, 2> texts{assembled(Language::english), assembled(Language::chinese)};
    return texts[language == Language::chinese ? 1 : 0];
}

}  // namespace pipeline
