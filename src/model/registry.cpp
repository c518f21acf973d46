// The one declaration of the project file: every record, every field, in file order. A new
// field is one entry here (and its member in model/project.hpp); loading, the record cache,
// the edit verifier, gates, JSON and the JSON Schema follow from it. pipeline-project(5)
// documents the same fields; test_registry.cpp fails when the two differ.
#include "pipeline/model/registry.hpp"

#include "pipeline/model/customer.hpp"

#include <algorithm>
#include <array>
#include <mutex>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/process.hpp"

namespace pipeline {
namespace {


// The names after the meaning are the Chinese a file may write instead of the id (the first
// is what edits write); pipeline-project(5) lists them.
constexpr std::array<EnumValue, 3> kSizes{{{"large", "大型", "大型"}, {"medium", "中型", "中型"}, {"small", "小型", "小型"}}};
constexpr std::array<EnumValue, 3> kGrades{{{"strategic", "战略客户", "战略|战略客户"},
                                           {"important", "重要客户", "重要|重要客户"},
                                           {"general", "一般客户", "一般|一般客户"}}};
constexpr std::array<EnumValue, 3> kMarketImportance{{{"high", "高", "高"}, {"medium", "中", "中"}, {"low", "低", "低"}}};
constexpr std::array<EnumValue, 3> kLeadGrades{{{"A", "高意向，匹配度高"}, {"B", "有潜力"}, {"C", "待培育"}}};
constexpr std::array<EnumValue, 6> kContactRoles{{{"decision_maker", "决策人", "决策人"}, {"influencer", "影响者", "影响者|影响人"},
                                                 {"insider", "内线", "内线"}, {"user", "使用者", "使用者|使用人"},
                                                 {"technical", "技术把关人", "技术把关人|技术把关"}, {"other", "其他", "其他"}}};
constexpr std::array<EnumValue, 4> kAttitudes{{{"support", "支持", "支持"}, {"neutral", "中立", "中立"},
                                              {"oppose", "反对", "反对"}, {"unknown", "未知", "未知"}}};
constexpr std::array<EnumValue, 6> kRiskTypes{{{"market", "市场风险", "市场|市场风险"},
                                              {"customer", "客户风险（含信用）", "客户|客户风险|信用|信用风险"},
                                              {"competition", "竞争风险", "竞争|竞争风险"},
                                              {"contract", "合同风险", "合同|合同风险"},
                                              {"legal", "法律风险", "法律|法律风险"},
                                              {"other", "其他", "其他|其他风险"}}};
constexpr std::array<EnumValue, 2> kRiskStatus{{{"open", "未关闭", "未关闭|开放"}, {"closed", "已关闭", "已关闭|关闭"}}};
constexpr std::array<EnumValue, 5> kApprovalTypes{{{"initiation", "立项", "立项|立项审批"}, {"budget", "预算", "预算|预算审批"},
                                                   {"change", "调整", "调整|变更|调整审批"}, {"termination", "终止", "终止|终止审批"},
                                                   {"contract_review", "合同评审", "合同评审|合同审核"}}};
constexpr std::array<EnumValue, 3> kApprovalResults{{{"approved", "批准", "批准|已批准|通过"},
                                                     {"rejected", "驳回", "驳回|已驳回|不通过"},
                                                     {"pending", "待审批", "待审批|审批中"}}};
constexpr std::array<EnumValue, 3> kTenderResults{{{"pending", "待定", "待定"}, {"won", "中标", "中标"}, {"lost", "未中标", "未中标"}}};
constexpr std::array<EnumValue, 2> kAcceptanceResults{{{"passed", "通过", "通过|验收通过|合格"},
                                                      {"failed", "不通过", "不通过|未通过|不合格"}}};
constexpr std::array<EnumValue, 2> kLeadKinds{{{"repeat", "复购", "复购|再次购买|老客户"}, {"referral", "转介绍", "转介绍|推荐"}}};
constexpr std::array<EnumValue, 4> kStatus{{{"open", "进行中", kStatusNames[0]}, {"won", "赢单", kStatusNames[1]},
                                           {"lost", "丢单", kStatusNames[2]}, {"abandoned", "放弃", kStatusNames[3]}}};
constexpr std::array<EnumValue, 4> kCategories{{{"pipeline", "管道", "管道"}, {"best_case", "乐观", "乐观"},
                                               {"commit", "承诺", "承诺"}, {"closed", "已成交", "已成交"}}};

FieldSpec text(std::string_view key, Slot s, std::string_view description) {
    return {.key = key, .type = FieldType::text, .description = description, .slot = s};
}

FieldSpec typed(std::string_view key, FieldType type, Slot s, std::string_view description) {
    return {.key = key, .type = type, .description = description, .slot = s};
}

FieldSpec one_of(std::string_view key, std::span<const EnumValue> values, Slot s, std::string_view description) {
    return {.key = key, .type = FieldType::enumeration, .description = description, .slot = s, .values = values};
}

FieldSpec record(std::string_view key, FieldType type, const RecordSpec& spec, Slot s, std::string_view description) {
    return {.key = key, .type = type, .description = description, .slot = s, .record = &spec};
}

template <class F>
F with(F f, auto change) {
    change(f);
    return f;
}

const RecordSpec& customer_spec() {
    static RecordSpec spec{
        // TRANSLATORS: the noun of a record; messages name its fields "<noun> <key>" (customer size), the key as written.
        .noun = N_("customer"),
        .fields = {
            with(text("id", slot<&Customer::id>(), "The customer's id in the customer master (customers/**/*.yaml)."),
                 [](FieldSpec& f) {
                     f.label = "customer.id";
                     f.position = member_at<&Customer::id_at>();
                 }),
            with(text("name", slot<&Customer::name>(), "The customer's name (客户名称)."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.unless = "id";
                f.missing_message = N_("the project has no customer name (customer: {name: ...})");
            }),
            text("industry", slot<&Customer::industry>(), "The industry by the national classification (国民经济行业分类), e.g. 卫生."),
            with(one_of("size", kSizes, slot<&Customer::size>(), "The customer's size (客户规模)."),
                 [](FieldSpec& f) { f.position = member_at<&Customer::size_at>(); }),
            with(one_of("grade", kGrades, slot<&Customer::grade>(), "The customer's value to us (客户等级)."),
                 [](FieldSpec& f) { f.position = member_at<&Customer::grade_at>(); }),
        },
        .shorthand = "name",
    };
    return spec;
}

const RecordSpec& bant_spec() {
    static RecordSpec spec{
        .noun = "bant",
        .fields = {
            typed("budget", FieldType::boolean, slot<&Bant::budget>(), "The budget is known (预算)."),
            typed("authority", FieldType::boolean, slot<&Bant::authority>(), "Who decides is known (决策权)."),
            typed("need", FieldType::boolean, slot<&Bant::need>(), "The need is known (需求)."),
            typed("timeline", FieldType::boolean, slot<&Bant::timeline>(), "The timeline is known (时间表)."),
        },
    };
    return spec;
}

const RecordSpec& lead_spec() {
    static RecordSpec spec{
        .noun = N_("lead"),
        .fields = {
            text("source", slot<&Lead::source>(), "Where the lead came from (线索来源), e.g. 展会; compared with channels of pipeline.yaml."),
            one_of("grade", kLeadGrades, slot<&Lead::grade>(), "The lead's grade (线索等级): A high intent, B potential, C to nurture."),
            typed("date", FieldType::date, slot<&Lead::date>(), "When the lead was captured."),
            text("note", slot<&Lead::note>(), "A note on the lead."),
            one_of("kind", kLeadKinds, slot<&Lead::kind>(), "Repeat business (复购) or a referral (转介绍)."),
            with(text("from_customer", slot<&Lead::from_customer>(), "The customer the lead came from: an id of the customer master."),
                 [](FieldSpec& f) { f.position = member_at<&Lead::from_customer_at>(); }),
            with(text("from_project", slot<&Lead::from_project>(), "The project the lead came from (a won project's id)."),
                 [](FieldSpec& f) { f.position = member_at<&Lead::from_project_at>(); }),
            record("bant", FieldType::record, bant_spec(), slot<&Lead::bant>(), "BANT qualification: each part true when known."),
        },
    };
    return spec;
}

const RecordSpec& team_spec() {
    static RecordSpec spec{
        .noun = N_("team member"),
        .fields = {
            text("name", slot<&TeamMember::name>(), "A roster id, or free text for someone outside the roster."),
            text("role", slot<&TeamMember::role>(), "The member's role in the project, e.g. 销售, 售前."),
        },
        .position = member_at<&TeamMember::position>(),
    };
    return spec;
}

const RecordSpec& contact_spec() {
    static RecordSpec spec{
        .noun = N_("contact"),
        .fields = {
            with(text("name", slot<&Contact::name>(), "The contact's name."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("a contact needs a name");
            }),
            text("title", slot<&Contact::title>(), "The job title, e.g. 信息科主任."),
            one_of("role", kContactRoles, slot<&Contact::role>(), "The contact's part in the decision (决策链角色)."),
            one_of("attitude", kAttitudes, slot<&Contact::attitude>(), "The contact's attitude towards us (态度)."),
            typed("phone", FieldType::value, slot<&Contact::phone>(), "Phone number, internal use only; write it as a string."),
        },
        .position = member_at<&Contact::position>(),
    };
    return spec;
}

const RecordSpec& competitor_spec() {
    static RecordSpec spec{
        .noun = N_("competitor"),
        .fields = {
            text("name", slot<&Competitor::name>(), "The competitor's name."),
            text("strength", slot<&Competitor::strength>(), "What the competitor is strong in."),
            text("note", slot<&Competitor::note>(), "A note on the competitor."),
        },
        .shorthand = "name",
        .position = member_at<&Competitor::position>(),
    };
    return spec;
}

const RecordSpec& risk_spec() {
    static RecordSpec spec{
        .noun = N_("risk"),
        .fields = {
            one_of("type", kRiskTypes, slot<&Risk::type>(), "The kind of risk (风险类型)."),
            text("description", slot<&Risk::description>(), "What could go wrong."),
            with(typed("likelihood", FieldType::integer, slot<&Risk::likelihood>(), "How likely it is, 1 to 5 (可能性)."),
                 [](FieldSpec& f) {
                     f.min = 1, f.max = 5;
                     f.required = Requirement::always;
                     f.missing_message = N_("a risk needs likelihood (1–5)");
                 }),
            with(typed("impact", FieldType::integer, slot<&Risk::impact>(), "How much it would hurt, 1 to 5 (影响程度)."),
                 [](FieldSpec& f) {
                     f.min = 1, f.max = 5;
                     f.required = Requirement::always;
                     f.missing_message = N_("a risk needs impact (1–5)");
                 }),
            text("mitigation", slot<&Risk::mitigation>(), "The planned response (应对措施)."),
            with(typed("owner", FieldType::person, slot<&Risk::owner>(), "Who handles the risk, a roster id."),
                 [](FieldSpec& f) { f.position = member_at<&Risk::owner_at>(); }),
            one_of("status", kRiskStatus, slot<&Risk::status>(), "open (the default) or closed."),
            typed("opened", FieldType::date, slot<&Risk::opened>(), "When the risk was recorded."),
            typed("closed", FieldType::date, slot<&Risk::closed>(), "When it was closed."),
        },
        .position = member_at<&Risk::position>(),
    };
    return spec;
}

const RecordSpec& activity_spec() {
    static RecordSpec spec{
        .noun = N_("activity"),
        .fields = {
            with(typed("date", FieldType::date, slot<&Activity::date>(), "When it happened."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("an activity needs a date");
            }),
            text("type", slot<&Activity::type>(), "What it was, free text, e.g. visit, call, demo, 拜访."),
            text("note", slot<&Activity::note>(), "What came of it."),
            typed("by", FieldType::person, slot<&Activity::by>(), "Who did it, a roster id."),
        },
        .position = member_at<&Activity::position>(),
    };
    return spec;
}

const RecordSpec& history_spec() {
    static RecordSpec spec{
        .noun = N_("history"),
        .fields = {
            with(typed("date", FieldType::date, slot<&HistoryEntry::date>(), "When the move was made."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("a history entry needs a date");
                f.position = member_at<&HistoryEntry::date_at>();
            }),
            with(typed("from", FieldType::stage_or_outcome,
                       stage_or_outcome_slot<&HistoryEntry::from_text, &HistoryEntry::from, &HistoryEntry::from_outcome>(),
                       "The stage (or outcome) the project left; the first entry has none."),
                 [](FieldSpec& f) {
                     f.label = "from";
                     f.position = member_at<&HistoryEntry::from_at>();
                 }),
            with(typed("to", FieldType::stage_or_outcome,
                       stage_or_outcome_slot<&HistoryEntry::to_text, &HistoryEntry::to, &HistoryEntry::to_outcome>(),
                       "Where the project went: a stage, or won, lost, abandoned."),
                 [](FieldSpec& f) {
                     f.label = "to";
                     f.required = Requirement::always;
                     f.missing_message = N_("a history entry needs to: (the stage or outcome reached)");
                     f.position = member_at<&HistoryEntry::to_position>();
                 }),
            with(typed("by", FieldType::person, slot<&HistoryEntry::by>(), "Who made the move, a roster id."),
                 [](FieldSpec& f) { f.position = member_at<&HistoryEntry::by_at>(); }),
            text("note", slot<&HistoryEntry::note>(), "Why; required for a regression."),
            with(text("forced", slot<&HistoryEntry::forced>(), "Why the move was made although a gate it needed did not hold."),
                 [](FieldSpec& f) { f.label = "forced"; }),
            with(typed("imported", FieldType::date, slot<&HistoryEntry::imported>(),
                       "The day the entry was imported from another system: what it reached there is not checked."),
                 [](FieldSpec& f) { f.label = "imported"; }),
            with(typed("regression", FieldType::boolean, slot<&HistoryEntry::regression>(), "true marks a move backward."),
                 [](FieldSpec& f) { f.label = "regression"; }),
        },
        .position = member_at<&HistoryEntry::position>(),
    };
    return spec;
}

const RecordSpec& approval_spec() {
    static RecordSpec spec{
        .noun = N_("approval"),
        .fields = {
            with(one_of("type", kApprovalTypes, slot<&Approval::type>(),
                        "What was approved (审批类型): a built-in kind or one approvals: of pipeline.yaml declares."),
                 [](FieldSpec& f) { f.process_values = true; }),
            with(typed("by", FieldType::person, slot<&Approval::by>(), "Who decided, a roster id."),
                 [](FieldSpec& f) {
                     f.label = N_("approved by");
                     f.position = member_at<&Approval::by_at>();
                 }),
            typed("date", FieldType::date, slot<&Approval::date>(), "When it was decided."),
            one_of("result", kApprovalResults, slot<&Approval::result>(), "The decision."),
            text("note", slot<&Approval::note>(), "A note on the decision."),
        },
        .position = member_at<&Approval::position>(),
    };
    return spec;
}

const RecordSpec& document_spec() {
    static RecordSpec spec{
        .noun = N_("document"),
        .fields = {
            with(text("type", slot<&Document::type>(), "What the document is, e.g. 解决方案建议书; gates ask for a type."),
                 [](FieldSpec& f) {
                     f.required = Requirement::always;
                     f.missing_message = N_("a document needs a type");
                 }),
            text("title", slot<&Document::title>(), "Its title."),
            with(text("path", slot<&Document::path>(), "Its file, relative to the repository root, when kept there."),
                 [](FieldSpec& f) {
                     f.label = N_("document path");
                     f.position = member_at<&Document::path_at>();
                 }),
            typed("date", FieldType::date, slot<&Document::date>(), "When it was issued or received."),
            typed("by", FieldType::person, slot<&Document::by>(), "Who wrote or filed it, a roster id."),
        },
        .shorthand = "type",
        .position = member_at<&Document::position>(),
    };
    return spec;
}

const RecordSpec& spending_spec() {
    static RecordSpec spec{
        .noun = N_("expense"),
        .fields = {
            with(typed("date", FieldType::date, slot<&Spending::date>(), "When it was spent."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("an expense needs a date");
            }),
            with(typed("amount", FieldType::money, slot<&Spending::amount>(), "What was spent."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("an expense needs an amount");
            }),
            text("item", slot<&Spending::item>(), "What it was for, e.g. 差旅, 样机, 招待."),
            typed("by", FieldType::person, slot<&Spending::by>(), "Who spent it, a roster id."),
        },
        .position = member_at<&Spending::position>(),
    };
    return spec;
}

const RecordSpec& budget_spec() {
    static RecordSpec spec{
        .noun = N_("budget"),
        .fields = {
            with(typed("limit", FieldType::money, slot<&Budget::limit>(),
                       "The presales spending limit; absent: derived from amount and margin by rules.budget_share_of_margin."),
                 [](FieldSpec& f) {
                     f.label = N_("budget limit");
                     f.position = member_at<&Budget::limit_at>();
                 }),
            record("spending", FieldType::list, spending_spec(), slot<&Budget::spending>(), "The expenses, oldest first (费用台账)."),
        },
    };
    return spec;
}

const RecordSpec& task_spec() {
    static RecordSpec spec{
        .noun = N_("plan task"),
        .fields = {
            with(text("task", slot<&PlanTask::task>(), "What is to be done."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("a plan task needs a task (what is to be done)");
            }),
            typed("owner", FieldType::person, slot<&PlanTask::owner>(), "Who does it, a roster id (every task has an owner)."),
            with(typed("due", FieldType::date, slot<&PlanTask::due>(), "When it is due."),
                 [](FieldSpec& f) { f.position = member_at<&PlanTask::due_at>(); }),
            typed("done", FieldType::date, slot<&PlanTask::done>(), "When it was done."),
        },
        .shorthand = "task",
        .position = member_at<&PlanTask::position>(),
    };
    return spec;
}

const RecordSpec& exit_criterion_spec() {
    static RecordSpec spec{
        .noun = N_("exit criterion"),
        .fields = {
            text("text", slot<&ExitCriterion::text>(), "When to walk away, e.g. 客户取消预算."),
        },
        .shorthand = "text",
        .position = member_at<&ExitCriterion::position>(),
    };
    return spec;
}

const RecordSpec& control_point_spec() {
    static RecordSpec spec{
        .noun = N_("control point"),
        .fields = {
            with(typed("stage", FieldType::stage, stage_slot<&ControlPoint::stage_text, &ControlPoint::stage>(),
                       "The stage to have reached."),
                 [](FieldSpec& f) {
                     f.required = Requirement::always;
                     f.missing_message = N_("a control point needs a stage");
                 }),
            with(typed("date", FieldType::date, slot<&ControlPoint::date>(), "By when."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("a control point needs a date");
            }),
        },
        .position = member_at<&ControlPoint::position>(),
    };
    return spec;
}

const RecordSpec& plan_spec() {
    static RecordSpec spec{
        .noun = N_("plan"),
        .fields = {
            text("strengths", slot<&Plan::strengths>(), "Our strengths in relations, technology and partners."),
            text("weaknesses", slot<&Plan::weaknesses>(), "Our weaknesses."),
            text("goals", slot<&Plan::goals>(), "What the plan is to achieve."),
            record("tasks", FieldType::list, task_spec(), slot<&Plan::tasks>(), "The tasks, each with an owner and a due date."),
            record("exit_criteria", FieldType::list, exit_criterion_spec(), slot<&Plan::exit_criteria>(),
                   "When to walk away (撤出标准): one sentence each."),
            record("control_points", FieldType::list, control_point_spec(), slot<&Plan::control_points>(),
                   "The planned date for reaching each stage (控制点)."),
        },
    };
    return spec;
}

const RecordSpec& requirements_spec() {
    static RecordSpec spec{
        .noun = "requirements",
        .fields = {
            with(typed("design_plan", FieldType::value, slot<&Requirements::design_plan>(),
                       "Present when the customer's design plan (设计方案) has been obtained, e.g. the date it was received."),
                 [](FieldSpec& f) { f.label = "requirements.design_plan"; }),
            with(typed("technical_parameters", FieldType::value, slot<&Requirements::technical_parameters>(),
                       "Present when the technical parameters (技术参数) have been obtained."),
                 [](FieldSpec& f) { f.label = "requirements.technical_parameters"; }),
        },
    };
    return spec;
}

const RecordSpec& solution_spec() {
    static RecordSpec spec{
        .noun = "solution",
        .fields = {
            with(typed("in_customer_design", FieldType::boolean, slot<&Solution::in_customer_design>(),
                       "True when our strengths are written into the customer's design plan (我方优势已写入客户设计方案)."),
                 [](FieldSpec& f) { f.label = "solution.in_customer_design"; }),
        },
    };
    return spec;
}

const RecordSpec& tender_spec() {
    static RecordSpec spec{
        .noun = N_("tender"),
        .fields = {
            with(typed("published_on", FieldType::date, slot<&Tender::published_on>(), "The tender notice (招标公告) was published."),
                 [](FieldSpec& f) { f.label = "tender.published_on"; }),
            with(typed("deadline", FieldType::date, slot<&Tender::deadline>(), "The bid deadline (投标截止日期)."),
                 [](FieldSpec& f) { f.label = "tender.deadline"; }),
            with(typed("submitted_on", FieldType::date, slot<&Tender::submitted_on>(), "Our bid was submitted."),
                 [](FieldSpec& f) { f.label = "tender.submitted_on"; }),
            one_of("result", kTenderResults, slot<&Tender::result>(), "The result of the tender (中标结果)."),
        },
    };
    return spec;
}

const RecordSpec& contract_spec() {
    static RecordSpec spec{
        .noun = N_("contract"),
        .fields = {
            with(typed("number", FieldType::value, slot<&Contract::number>(), "The contract number (合同编号)."),
                 [](FieldSpec& f) { f.label = "contract.number"; }),
            with(typed("signed_on", FieldType::date, slot<&Contract::signed_on>(), "The day the contract was signed (签约日期)."),
                 [](FieldSpec& f) {
                     f.label = "contract.signed_on";
                     f.position = member_at<&Contract::signed_on_at>();
                 }),
            with(typed("amount", FieldType::money, slot<&Contract::amount>(), "The contract value as signed (合同金额): won figures use it."),
                 [](FieldSpec& f) { f.position = member_at<&Contract::amount_at>(); }),
            text("quality", slot<&Contract::quality>(), "The quality standard agreed (质量标准)."),
            with(typed("delivery_date", FieldType::date, slot<&Contract::delivery_date>(),
                       "The delivery or completion date agreed (交货期/工期)."),
                 [](FieldSpec& f) { f.label = "contract.delivery_date"; }),
            text("payment_terms", slot<&Contract::payment_terms>(), "The payment terms agreed (付款条件), in words."),
        },
    };
    return spec;
}

const RecordSpec& delivery_spec() {
    static RecordSpec spec{
        // TRANSLATORS: the noun of a record; messages name its fields "<noun> <key>".
        .noun = N_("delivery"),
        .fields = {
            typed("planned", FieldType::date, slot<&Delivery::planned>(), "When delivery is planned to be complete (交付计划)."),
            typed("started_on", FieldType::date, slot<&Delivery::started_on>(), "When delivery began (开始实施)."),
            with(typed("delivered_on", FieldType::date, slot<&Delivery::delivered_on>(), "When it was delivered (交付完成)."),
                 [](FieldSpec& f) { f.label = "delivery.delivered_on"; }),
            text("note", slot<&Delivery::note>(), "A note on the delivery (weekly progress, 周进度)."),
        },
    };
    return spec;
}

const RecordSpec& acceptance_spec() {
    static RecordSpec spec{
        // TRANSLATORS: the noun of a record; messages name its fields "<noun> <key>".
        .noun = N_("acceptance"),
        .fields = {
            with(typed("date", FieldType::date, slot<&Acceptance::date>(),
                       "The day the customer accepted (验收日期): instalments due on acceptance count from it."),
                 [](FieldSpec& f) {
                     f.label = "acceptance.date";
                     f.position = member_at<&Acceptance::date_at>();
                 }),
            one_of("result", kAcceptanceResults, slot<&Acceptance::result>(), "The result (验收结论)."),
            text("by", slot<&Acceptance::by>(), "Who accepted for the customer."),
            text("note", slot<&Acceptance::note>(), "A note on the acceptance."),
        },
    };
    return spec;
}

const RecordSpec& payment_spec() {
    static RecordSpec spec{
        .noun = N_("payment"),
        .fields = {
            with(typed("due", FieldType::date, slot<&Payment::due>(), "When the instalment is due (应收日期)."), [](FieldSpec& f) {
                f.label = N_("payment due date");
                f.required = Requirement::always;
                f.unless = "on";
                f.missing_message = N_("a payment instalment needs a due date, or a milestone (on: accepted, days: 30)");
            }),
            with(text("on", slot<&Payment::on>(),
                      "The milestone the instalment is due on, instead of a date: signed, delivered, accepted, a date field "
                      "(acceptance.date) or a stage."),
                 [](FieldSpec& f) { f.position = member_at<&Payment::on_at>(); }),
            with(typed("days", FieldType::integer, slot<&Payment::days>(), "Days after the milestone it is due (on: accepted, days: 30)."),
                 [](FieldSpec& f) { f.min = 0, f.max = 3650; }),
            with(typed("amount", FieldType::money, slot<&Payment::amount>(), "The instalment (应收金额)."), [](FieldSpec& f) {
                f.required = Requirement::always;
                f.missing_message = N_("a payment instalment needs an amount");
            }),
            with(typed("received", FieldType::money, slot<&Payment::received>(), "What has been received, at most amount (已回款)."),
                 [](FieldSpec& f) {
                     f.label = N_("received amount");
                     f.position = member_at<&Payment::received_at>();
                 }),
            with(typed("received_on", FieldType::date, slot<&Payment::received_on>(), "When it was received (回款日期)."),
                 [](FieldSpec& f) { f.label = "received_on"; }),
            text("note", slot<&Payment::note>(), "A note on the instalment."),
        },
        .position = member_at<&Payment::position>(),
    };
    return spec;
}

const RecordSpec& review_spec() {
    static RecordSpec spec{
        .noun = N_("review"),
        .fields = {
            typed("date", FieldType::date, slot<&Review::date>(), "When the review was held."),
            text("summary", slot<&Review::summary>(), "The summary (项目总结)."),
            text("lessons", slot<&Review::lessons>(), "Lessons learned (经验教训)."),
        },
        .shorthand = "summary",
        .present = member_at<&Review::present>(),
    };
    return spec;
}

FieldSpec top(FieldSpec f, MemberAt<Position> at) {
    f.position = at;
    return f;
}

template <auto Member>
MemberAt<Position> at() {
    return member_at<&Project::at, Member>();
}

const RecordSpec& build_project_spec() {
    static RecordSpec spec{
        .noun = "project",
        .fields = {
            top(with(text("id", slot<&Project::id>(), "The project's identifier, equal to the file name without its extension."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the project has no id");
                     }),
                at<&FieldPositions::id>()),
            top(with(text("name", slot<&Project::name>(), "The project's name (项目名称)."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the project has no name");
                     }),
                at<&FieldPositions::name>()),
            record("customer", FieldType::record, customer_spec(), slot<&Project::customer>(),
                   "The customer (客户, the owner 业主 of the project); a string alone is its name."),
            top(with(typed("owner", FieldType::person, slot<&Project::owner>(), "The salesperson responsible (项目负责人), a roster id."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the project has no owner");
                     }),
                at<&FieldPositions::owner>()),
            top(typed("sponsor", FieldType::person, slot<&Project::sponsor>(),
                      "The project sponsor (项目发起人): a named person, never the company."),
                at<&FieldPositions::sponsor>()),
            record("team", FieldType::list, team_spec(), slot<&Project::team>(), "The project team (项目团队) with named roles."),
            top(with(typed("amount", FieldType::money, slot<&Project::amount>(), "The expected value of the deal (预计金额), in currency."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the project has no amount");
                         f.null_message = N_("amount is empty; write the amount, e.g. amount: 1280000");
                     }),
                at<&FieldPositions::amount>()),
            top(typed("currency", FieldType::currency, slot<&Project::currency>(),
                      "The currency of every amount in the file; default: the base currency of pipeline.yaml."),
                at<&FieldPositions::currency>()),
            with(typed("margin", FieldType::integer, slot<&Project::margin>(), "The expected gross margin in percent (预计毛利率)."),
                 [](FieldSpec& f) { f.min = -100, f.max = 100; }),
            one_of("market_importance", kMarketImportance, slot<&Project::market_importance>(),
                   "The market's importance to us (市场重要性): with margin it gives the importance grade (importance: of pipeline.yaml)."),
            top(with(typed("expected_close", FieldType::date, slot<&Project::expected_close>(),
                           "When the contract is expected to be signed (预计签约日期)."),
                     [](FieldSpec& f) {
                         f.required = Requirement::while_open;
                         f.missing_message = N_("an open project needs expected_close (YYYY-MM-DD)");
                     }),
                at<&FieldPositions::expected_close>()),
            top(with(typed("stage", FieldType::stage, stage_slot<&Project::stage_text, &Project::stage>(),
                           "The current stage: its id or display name."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the project has no stage");
                     }),
                at<&FieldPositions::stage>()),
            top(one_of("status", kStatus, slot<&Project::status>(), "open, or the outcome of a closed project."),
                at<&FieldPositions::status>()),
            top(typed("closed_on", FieldType::date, slot<&Project::closed_on>(), "The day the project was closed."),
                at<&FieldPositions::closed_on>()),
            top(text("close_reason", slot<&Project::close_reason>(), "Why the project was lost or abandoned."),
                at<&FieldPositions::close_reason>()),
            top(one_of("forecast_category", kCategories, slot<&Project::forecast_category>(),
                       "Overrides the forecast category of the stage's probability (预测类别)."),
                at<&FieldPositions::forecast_category>()),
            record("lead", FieldType::record, lead_spec(), slot<&Project::lead>(), "How the project was found (线索)."),
            record("contacts", FieldType::list, contact_spec(), slot<&Project::contacts>(),
                   "The people of the customer, the decision chain (决策链)."),
            record("competitors", FieldType::list, competitor_spec(), slot<&Project::competitors>(),
                   "The competitors (竞争对手): a name, or a mapping."),
            record("risks", FieldType::list, risk_spec(), slot<&Project::risks>(), "The risk register (风险台账)."),
            record("activities", FieldType::list, activity_spec(), slot<&Project::activities>(), "The contact history (跟进记录)."),
            top(record("history", FieldType::list, history_spec(), slot<&Project::history>(),
                       "Every move of the project, oldest first, as pipeline advance, close and reopen append them."),
                at<&FieldPositions::history>()),
            record("approvals", FieldType::list, approval_spec(), slot<&Project::approvals>(), "Internal approvals (审批)."),
            record("documents", FieldType::list, document_spec(), slot<&Project::documents>(),
                   "The project's documents (项目文档): a type, or a mapping."),
            record("budget", FieldType::record, budget_spec(), slot<&Project::budget>(), "The presales budget (售前项目任务书)."),
            record("plan", FieldType::record, plan_spec(), slot<&Project::plan>(), "The sales plan (项目销售策划案)."),
            record("requirements", FieldType::record, requirements_spec(), slot<&Project::requirements>(),
                   "What the customer requires (需求确认)."),
            record("solution", FieldType::record, solution_spec(), slot<&Project::solution>(), "The solution (方案确认)."),
            record("tender", FieldType::record, tender_spec(), slot<&Project::tender>(), "The tender (招投标)."),
            record("contract", FieldType::record, contract_spec(), slot<&Project::contract>(), "The signed contract (合同)."),
            record("delivery", FieldType::record, delivery_spec(), slot<&Project::delivery>(), "The delivery after signing (履约交付)."),
            record("acceptance", FieldType::record, acceptance_spec(), slot<&Project::acceptance>(), "The customer's acceptance (验收)."),
            record("payments", FieldType::list, payment_spec(), slot<&Project::payments>(), "The payment schedule (回款计划)."),
            top(record("review", FieldType::record, review_spec(), slot<&Project::review>(),
                       "The review after closing (项目总结报告), win or lose; a string alone is its summary."),
                at<&FieldPositions::review>()),
            {.key = "notes", .type = FieldType::ignored, .description = "Free notes on the project, kept and not read.", .slot = {}},
        },
    };
    return spec;
}

// Text of a field's value at a record, by storage.
std::optional<std::string> text_of(const void* record, const FieldSpec& f) {
    const Slot& s = f.slot;
    switch (s.storage) {
        case Storage::text:
        case Storage::stage:
        case Storage::stage_or_outcome: {
            const CompactString& v = slot_value<CompactString>(s, record);
            return v.empty() ? std::nullopt : std::optional<std::string>(v.str());
        }
        case Storage::optional_date: {
            const auto& v = slot_value<std::optional<Date>>(s, record);
            return v ? std::optional<std::string>(v->iso()) : std::nullopt;
        }
        case Storage::optional_bool: {
            const auto& v = slot_value<std::optional<bool>>(s, record);
            return v ? std::optional<std::string>(*v ? "true" : "false") : std::nullopt;
        }
        case Storage::flag: return slot_value<bool>(s, record) ? "true" : "false";
        case Storage::optional_int: {
            const auto& v = slot_value<std::optional<int>>(s, record);
            return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
        }
        case Storage::integer: return std::to_string(slot_value<int>(s, record));
        case Storage::money: return plain_money(slot_value<Money>(s, record));
        case Storage::optional_money: {
            const auto& v = slot_value<std::optional<Money>>(s, record);
            return v ? std::optional<std::string>(plain_money(*v)) : std::nullopt;
        }
        case Storage::status: return status_id(slot_value<Status>(s, record));
        case Storage::none:
        case Storage::record:
        case Storage::list: return std::nullopt;
    }
    return std::nullopt;
}

void add_paths(const RecordSpec& spec, const std::string& prefix, std::vector<std::string>& out) {
    for (const FieldSpec& f : spec.fields) {
        if (f.type == FieldType::record) add_paths(*f.record, prefix + std::string(f.key) + ".", out);
        else if (f.type != FieldType::list && f.type != FieldType::ignored) out.push_back(prefix + std::string(f.key));
    }
}

std::uint64_t mix(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
    return (h ^ 0xFF) * 0x100000001B3ull;
}

std::uint64_t fingerprint(const RecordSpec& spec, std::uint64_t h) {
    h = mix(h, spec.noun);
    h = mix(h, spec.position ? "pos" : "-");
    h = mix(h, spec.present ? "present" : "-");
    for (const FieldSpec& f : spec.fields) {
        h = mix(h, f.key);
        h = mix(h, field_type_name(f.type));
        h = mix(h, std::to_string(static_cast<int>(f.slot.storage)));
        h = mix(h, f.position ? "pos" : "-");
        if (f.record) h = fingerprint(*f.record, h);
    }
    return h;
}

}  // namespace

const char* field_type_name(FieldType t) {
    switch (t) {
        case FieldType::text: return "text";
        case FieldType::value: return "value";
        case FieldType::integer: return "integer";
        case FieldType::number: return "number";
        case FieldType::percent: return "percent";
        case FieldType::money: return "money";
        case FieldType::date: return "date";
        case FieldType::boolean: return "boolean";
        case FieldType::enumeration: return "enum";
        case FieldType::person: return "person";
        case FieldType::currency: return "currency";
        case FieldType::stage: return "stage";
        case FieldType::stage_or_outcome: return "stage or outcome";
        case FieldType::record: return "mapping";
        case FieldType::list: return "list";
        case FieldType::ignored: return "any";
    }
    return "text";
}

const FieldSpec* RecordSpec::find(std::string_view key) const {
    for (const FieldSpec& f : fields)
        if (f.key == key) return &f;
    return nullptr;
}

namespace {

// Names and paths for messages, computed once: loading a file then formats nothing.
void finish(RecordSpec& spec, const std::string& prefix, bool top, std::size_t& count) {
    for (FieldSpec& f : spec.fields) {
        f.name = field_label(spec, f, top);
        f.path = prefix + std::string(f.key);
        if (!top) f.noun = spec.noun;
        f.index = count++;
        // A record shared with a spec finished before (the contacts of a customer file) keeps its names.
        if (f.record && (f.record->fields.empty() || f.record->fields.front().path.empty()))
            finish(const_cast<RecordSpec&>(*f.record), f.path + ".", false, count);
    }
}

// The name of a field in the current language.
Text translated_name(const FieldSpec& field) {
    if (current_language() == Language::english) return Text(field.name);
    // A label that is the key or the dotted path names the field as the file writes it.
    if (!field.label.empty())
        return field.label == field.key || field.label == field.path ? Text(field.name) : Text(field.name, tr(field.label.data()));
    if (field.noun.empty()) return Text(field.name);
    // The key stays as written, after the noun in Chinese too: no message id to reorder.
    return Text(field.name, fmt::format("{} {}", tr(field.noun.data()), field.key));
}

std::size_t count_fields(const RecordSpec& spec) {
    std::size_t n = spec.fields.size();
    for (const FieldSpec& f : spec.fields)
        if (f.record) n += count_fields(*f.record);
    return n;
}

void name_fields(const RecordSpec& spec, std::vector<Text>& names) {
    for (const FieldSpec& f : spec.fields) {
        names[f.index] = translated_name(f);
        if (f.record) name_fields(*f.record, names);
    }
}

// The names of every field in one language, made on the first call in that language: the
// loader asks from several threads.
struct FieldNames {
    std::once_flag made;
    std::vector<Text> names;
};

}  // namespace

const RecordSpec& project_spec() {
    static const RecordSpec& spec = [] () -> const RecordSpec& {
        RecordSpec& s = const_cast<RecordSpec&>(build_project_spec());
        std::size_t count = 0;
        finish(s, "", true, count);
        return s;
    }();
    return spec;
}

std::size_t customer_value_rank(std::string_view key, std::string_view id) {
    const FieldSpec* spec = customer_file_spec().find(key);
    if (!spec) return 0;
    std::size_t i = 0;
    while (i < spec->values.size() && spec->values[i].id != id) ++i;
    return i;
}

const RecordSpec& customer_file_spec() {
    static const RecordSpec& spec = []() -> const RecordSpec& {
        std::size_t count = count_fields(project_spec());  // after the project's fields, which it shares contacts with
        static RecordSpec revisit{
            // TRANSLATORS: the noun of a record; messages name its fields "<noun> <key>".
            .noun = N_("revisit"),
            .fields = {
                with(typed("date", FieldType::date, slot<&Revisit::date>(), "The day of the revisit (回访日期)."), [](FieldSpec& f) {
                    f.required = Requirement::always;
                    f.missing_message = N_("a revisit needs a date");
                }),
                text("type", slot<&Revisit::type>(), "How: 上门, 电话, 会议, ..."),
                typed("by", FieldType::person, slot<&Revisit::by>(), "Who made it, a roster id."),
                text("note", slot<&Revisit::note>(), "What was learned (回访记录)."),
            },
            .position = member_at<&Revisit::position>(),
        };
        static RecordSpec complaint{
            // TRANSLATORS: the noun of a record; messages name its fields "<noun> <key>".
            .noun = N_("complaint"),
            .fields = {
                text("summary", slot<&Complaint::summary>(), "What the customer complained about."),
                with(typed("received", FieldType::value, slot<&Complaint::received>(),
                           "When it was received, YYYY-MM-DD HH:MM (受理时间)."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("a complaint needs the time it was received (received: YYYY-MM-DD HH:MM)");
                         f.position = member_at<&Complaint::received_at>();
                     }),
                with(typed("answered", FieldType::value, slot<&Complaint::answered>(), "When the customer was answered (首次答复)."),
                     [](FieldSpec& f) { f.position = member_at<&Complaint::answered_at>(); }),
                with(typed("fix_given", FieldType::value, slot<&Complaint::fix_given>(),
                           "When a direction for a fix was given (给出解决方向)."),
                     [](FieldSpec& f) { f.position = member_at<&Complaint::fix_given_at>(); }),
                with(typed("resolved", FieldType::value, slot<&Complaint::resolved>(), "When it was resolved (解决时间)."),
                     [](FieldSpec& f) { f.position = member_at<&Complaint::resolved_at>(); }),
                with(typed("satisfaction", FieldType::integer, slot<&Complaint::satisfaction>(),
                           "The customer's satisfaction afterwards, 1 to 5 (满意度)."),
                     [](FieldSpec& f) { f.min = 1, f.max = 5; }),
                text("note", slot<&Complaint::note>(), "How it is being handled, or what was done."),
            },
            .position = member_at<&Complaint::position>(),
        };
        static RecordSpec file{
            .noun = "customer",
            .fields = {
                with(text("id", slot<&CustomerRecord::id>(), "The customer's id, equal to the file name without its extension."),
                     [](FieldSpec& f) {
                         f.required = Requirement::always;
                         f.missing_message = N_("the customer file has no id");
                         f.position = member_at<&CustomerRecord::id_at>();
                     }),
                with(text("name", slot<&CustomerRecord::name>(), "The customer's name (客户名称)."), [](FieldSpec& f) {
                    f.required = Requirement::always;
                    f.missing_message = N_("the customer file has no name");
                }),
                text("industry", slot<&CustomerRecord::industry>(), "The industry (国民经济行业分类)."),
                one_of("size", kSizes, slot<&CustomerRecord::size>(), "The customer's size (客户规模)."),
                with(one_of("grade", kGrades, slot<&CustomerRecord::grade>(), "The customer's value to us (客户等级)."),
                     [](FieldSpec& f) { f.position = member_at<&CustomerRecord::grade_at>(); }),
                record("contacts", FieldType::list, contact_spec(), slot<&CustomerRecord::contacts>(),
                       "The people of the customer, the decision chain (决策链)."),
                record("revisits", FieldType::list, revisit, slot<&CustomerRecord::revisits>(), "The revisits (回访记录)."),
                record("complaints", FieldType::list, complaint, slot<&CustomerRecord::complaints>(), "The complaints (投诉)."),
                text("notes", slot<&CustomerRecord::notes>(), "Free notes on the customer."),
            },
        };
        finish(file, "", true, count);
        return file;
    }();
    return spec;
}

const std::vector<std::string>& project_key_order() {
    static const std::vector<std::string> order = [] {
        std::vector<std::string> keys;
        for (const FieldSpec& f : project_spec().fields) keys.emplace_back(f.key);
        return keys;
    }();
    return order;
}

std::uint64_t registry_fingerprint() {
    static const std::uint64_t h = fingerprint(project_spec(), 0xCBF29CE484222325ull);
    return h;
}

std::string field_label(const RecordSpec& spec, const FieldSpec& field, bool top_level) {
    if (!field.label.empty()) return std::string(field.label);
    if (top_level) return std::string(field.key);
    return fmt::format("{} {}", spec.noun, field.key);
}

const Text& field_name(const FieldSpec& field) {
    static FieldNames by_language[2];
    FieldNames& n = by_language[current_language() == Language::english ? 0 : 1];
    std::call_once(n.made, [&n] {
        n.names.resize(count_fields(project_spec()) + count_fields(customer_file_spec()));
        name_fields(project_spec(), n.names);
        name_fields(customer_file_spec(), n.names);
    });
    return n.names[field.index];
}

Text registry_text(std::string_view msgid) {
    if (msgid.empty()) return Text();
    return Text(std::string(msgid), tr(msgid.data()));
}

std::optional<FieldRef> find_field(std::string_view dotted, const Process& process) {
    FieldRef ref;
    ref.name = std::string(dotted);
    for (std::size_t i = 0; i < process.fields.size(); ++i)
        if (process.fields[i].key == dotted && !process.fields[i].list) {
            ref.custom = static_cast<int>(i);
            return ref;
        }
    const RecordSpec* spec = &project_spec();
    std::string_view rest = dotted;
    while (true) {
        const std::size_t dot = rest.find('.');
        const FieldSpec* f = spec->find(rest.substr(0, dot));
        if (!f) return std::nullopt;
        ref.path.push_back(f);
        if (dot == std::string_view::npos) {
            if (f->type == FieldType::record || f->type == FieldType::list || f->type == FieldType::ignored) return std::nullopt;
            return ref;
        }
        if (f->type != FieldType::record) return std::nullopt;
        spec = f->record;
        rest = rest.substr(dot + 1);
    }
}

std::optional<ListRef> find_list(std::string_view name, const Process& process) {
    ListRef ref;
    ref.name = std::string(name);
    if (const FieldSpec* f = project_spec().find(name); f && f->type == FieldType::list) {
        ref.list = f;
        return ref;
    }
    for (std::size_t i = 0; i < process.fields.size(); ++i)
        if (process.fields[i].key == name && process.fields[i].list) {
            ref.custom = static_cast<int>(i);
            return ref;
        }
    return std::nullopt;
}

const FieldSpec* find_item_field(const ListRef& list, std::string_view key) {
    if (!list.list) return nullptr;
    const FieldSpec* f = list.list->record->find(key);
    return f && f->type != FieldType::record && f->type != FieldType::list && f->type != FieldType::ignored ? f : nullptr;
}

std::vector<std::string> known_field_paths(const Process& process) {
    std::vector<std::string> out;
    add_paths(project_spec(), "", out);
    for (const CustomField& c : process.fields)
        if (!c.list) out.push_back(c.key);
    return out;
}

std::vector<std::string> known_list_names(const Process& process) {
    std::vector<std::string> out;
    for (const FieldSpec& f : project_spec().fields)
        if (f.type == FieldType::list) out.emplace_back(f.key);
    for (const CustomField& c : process.fields)
        if (c.list) out.push_back(c.key);
    return out;
}

std::optional<std::string> field_text(const void* record, const FieldSpec& field) { return text_of(record, field); }

bool field_has_value(const void* record, const FieldSpec& f) {
    const Slot& s = f.slot;
    switch (s.storage) {
        case Storage::text:
        case Storage::stage:
        case Storage::stage_or_outcome: return !slot_value<CompactString>(s, record).empty();
        case Storage::optional_date: return slot_value<std::optional<Date>>(s, record).has_value();
        case Storage::optional_bool: return slot_value<std::optional<bool>>(s, record).has_value();
        case Storage::optional_int: return slot_value<std::optional<int>>(s, record).has_value();
        case Storage::optional_money: return slot_value<std::optional<Money>>(s, record).has_value();
        case Storage::flag:
        case Storage::integer:
        case Storage::money:
        case Storage::status: return true;
        case Storage::none:
        case Storage::record:
        case Storage::list: return false;
    }
    return false;
}

std::optional<std::string> field_text(const Project& p, const FieldRef& field) {
    if (field.is_custom()) {
        const CustomValue* v = p.custom_value(static_cast<std::uint32_t>(field.custom));
        if (!v || v->text.empty()) return std::nullopt;
        return v->text.str();
    }
    const void* record = &p;
    for (std::size_t i = 0; i + 1 < field.path.size(); ++i) record = field.path[i]->slot.at(const_cast<void*>(record));
    return text_of(record, *field.path.back());
}

std::size_t count_items(const Project& p, const ListRef& list, const std::vector<ItemCondition>& where) {
    if (list.custom >= 0) {
        const CustomValue* v = p.custom_value(static_cast<std::uint32_t>(list.custom));
        return v ? v->items.size() : 0;
    }
    const Slot& s = list.list->slot;
    void* items = s.at(const_cast<Project*>(&p));
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(items); ++i) {
        const void* item = s.item(items, i);
        const bool all = std::all_of(where.begin(), where.end(), [&](const ItemCondition& c) {
            const auto v = text_of(item, *c.field);
            return v && std::find(c.values.begin(), c.values.end(), *v) != c.values.end();
        });
        n += all ? 1 : 0;
    }
    return n;
}

}  // namespace pipeline
