#include "pipeline/change/project_template.hpp"

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {
namespace {

std::string scalar(const std::string& s) { return yaml_scalar(Scalar::string(s), ScalarContext::block); }

std::string gate_texts(const Stage& stage) {
    std::string out;
    for (const GateCheck& c : stage.gate) out += (out.empty() ? "" : "；") + c.text;
    return out;
}

}  // namespace

std::string new_project_text(const NewProjectRequest& r, const Process& process) {
    const Stage& first = process.stages.front();
    const Person* owner = process.person(r.owner);
    const std::string sponsor = owner && !owner->manager.empty() ? owner->manager : r.owner;
    const std::string currency = r.currency.empty() ? process.currency : r.currency;
    std::string t;
    auto line = [&t](std::string_view s) {
        t += s;
        t += '\n';
    };
    std::string title = r.name;  // a comment line: no line breaks
    for (char& c : title)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (!r.schema.empty()) line("# yaml-language-server: $schema=" + r.schema);
    line("# " + title);
    line(fmt::format("# 由 pipeline new 于 {} 创建。格式见 pipeline-project(5)；以 # 开头的行是填写提示，用到时去掉 # 即可。", r.date.iso()));
    line("id: " + scalar(r.id));
    line("name: " + scalar(r.name));
    line("customer:");
    line("  name: " + scalar(r.customer));
    line("  # 行业（国民经济行业分类），如 卫生、教育、政务、制造业、能源、交通、金融");
    line(r.industry.empty() ? "  # industry: 卫生" : "  industry: " + scalar(r.industry));
    line("  # 规模 large | medium | small；客户等级 strategic 战略 | important 重要 | general 一般");
    line("  # size: large");
    line("  # grade: important");
    line("# 负责人（花名册 id）");
    line("owner: " + scalar(r.owner));
    line("# 项目发起人：具体的人（花名册 id），不是“公司”");
    line("# sponsor: " + scalar(sponsor));
    line("# 项目团队，角色明确");
    line("# team:");
    line("#   - {name: " + yaml_scalar(Scalar::string(r.owner), ScalarContext::flow) + ", role: 销售}");
    line("#   - {name: 售前工程师, role: 售前}");
    line(fmt::format("# 预计合同金额（{}）", currency));
    std::string amount = plain_money(r.amount);
    if (amount.ends_with(".00")) amount.resize(amount.size() - 3);
    line("amount: " + amount);
    if (!r.currency.empty()) line("currency: " + scalar(r.currency));
    line("# 预计毛利率（%），立项时据此分级");
    line("# margin: 30");
    line("# 预计签约日期");
    line("expected_close: " + r.expected_close.iso());
    line(fmt::format("# 当前阶段：{}（{}），用 pipeline advance 推进{}", first.name, first.id,
                     first.gate.empty() ? "" : "；离开本阶段须满足：" + gate_texts(first)));
    line("stage: " + scalar(first.id));
    line("lead:");
    line("  # 线索来源：展会、老客户、合作伙伴、网络平台、转介绍、行业研究等");
    line(r.source.empty() ? "  # source: 展会" : "  source: " + scalar(r.source));
    line("  # 线索等级 A 高意向 | B 有潜力 | C 需培育；BANT：预算、决策权、需求、时间表是否明确");
    line("  # grade: B");
    line("  # bant: {budget: false, authority: false, need: true, timeline: false}");
    line("# 客户联系人与决策链。role：decision_maker 决策人 | influencer 影响者 | insider 内线 | user | technical | other；");
    line("# attitude：support | neutral | oppose | unknown。电话仅限内部使用");
    line("# contacts:");
    line("#   - {name: 陈主任, title: 信息科主任, role: decision_maker, attitude: neutral}");
    line("# 竞争对手：名称，或 {name, strength, note}");
    line("# competitors: [竞争对手甲]");
    line(fmt::format("# 风险。type：market | customer | competition | contract | legal | other；可能性、影响各 1–5，"
                     "乘积 ≥ {} 为重点风险", process.rules.risk_threshold));
    line("# risks:");
    line("#   - {type: competition, description: 竞争对手低价, likelihood: 3, impact: 4, mitigation: 强调全生命周期成本, owner: " +
         yaml_scalar(Scalar::string(r.owner), ScalarContext::flow) + "}");
    line(fmt::format("# 跟进记录：超过 {} 天没有跟进会提示", process.rules.stale_days));
    line("# activities:");
    line("#   - {date: YYYY-MM-DD, type: visit, note: 首次拜访}");
    line("# 阶段变更记录：由 pipeline advance / close / reopen 追加");
    line("history:");
    YamlItem entry{{"date", Scalar::plain(r.date.iso())}, {"to", Scalar::string(first.id)}};
    if (!r.by.empty()) entry.push_back({"by", Scalar::string(r.by)});
    line("  - " + yaml_flow_mapping(entry));
    line("# 审批。type：initiation 立项 | budget 预算 | change 变更 | termination 终止；result：approved | rejected | pending");
    line("# approvals:");
    line("#   - {type: initiation, by: " + yaml_scalar(Scalar::string(sponsor), ScalarContext::flow) +
         ", date: YYYY-MM-DD, result: approved}");
    line("# 需求确认：设计方案、技术参数");
    line("# requirements:");
    line("#   design_plan: YYYY-MM-DD");
    line("#   technical_parameters: true");
    line("# 方案确认：我方优势已写入客户设计方案");
    line("# solution:");
    line("#   in_customer_design: true");
    line("# 招投标。result：pending | won | lost");
    line("# tender:");
    line("#   published_on: YYYY-MM-DD");
    line("#   deadline: YYYY-MM-DD");
    line("#   result: pending");
    line("# 合同：价格、质量标准、交付日期、付款条件谈妥后签订");
    line("# contract:");
    line("#   number: HT-YYYY-NNN");
    line("#   signed_on: YYYY-MM-DD");
    line("#   amount: 0");
    line("# 回款计划：每期到期日与金额，收到后填 received 与 received_on");
    line("# payments:");
    line("#   - {due: YYYY-MM-DD, amount: 0}");
    line(fmt::format("# 项目总结：结案后 {} 天内完成，赢单丢单都要写", process.rules.review_within_days));
    line("# review:");
    line("#   date: YYYY-MM-DD");
    line("#   summary: 总结");
    line("#   lessons: 经验教训");
    return t;
}

std::variant<NewProject, Refusal> plan_new(const NewProjectRequest& r, const Process& process, Date today,
                                           const std::string& path) {
    if (!valid_project_id(r.id))
        return Refusal{"id", say("\"{}\" is not a project id: it must match [A-Za-z0-9][A-Za-z0-9._-]* "
                                 "(no separators, no \"..\")", r.id), {}, {}};
    if (process.stages.empty()) return Refusal{"stage", say("pipeline.yaml defines no stage"), {}, {}};
    NewProject out;
    out.text = new_project_text(r, process);
    if (auto why = refused_text(out.text, process.rules.max_file_size))
        // TRANSLATORS: {} says why: the file is too large, has a NUL byte or is not UTF-8.
        return Refusal{"check", say("the new file would be refused when read: {}; nothing written", *why), {}, {}};
    Diagnostics loading;
    auto project = load_project(out.text, path, process, loading);
    if (!project || loading.has_errors()) {
        Refusal refusal{"check", say("the new file would not load as a project"), {}, loading.items()};
        return refusal;
    }
    const Project& p = *project;
    const bool as_asked = p.id == r.id && p.name == r.name && p.customer.name == r.customer && p.owner == r.owner &&
                          p.amount == r.amount && p.expected_close == r.expected_close && p.stage == 0 &&
                          p.history.size() == 1 && p.lead.source == r.source && p.customer.industry == r.industry &&
                          (r.currency.empty() || p.currency == r.currency);
    if (!as_asked) return Refusal{"check", say("the new file would not read back as given"), {}, {}};
    Diagnostics findings;
    check_project(p, process, {today}, findings);
    Refusal refusal{"check", "", {}, {}};
    for (const Diagnostic& d : findings.items())
        if (d.severity == Severity::error) refusal.findings.push_back(d);
    if (!refusal.findings.empty()) {
        refusal.message = sayn("the new project would not pass `pipeline check` ({} error)",
                               "the new project would not pass `pipeline check` ({} errors)", refusal.findings.size(),
                               refusal.findings.size());
        return refusal;
    }
    out.project = std::move(*project);
    return out;
}

}  // namespace pipeline
