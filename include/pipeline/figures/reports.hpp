// The reviews a sales manager runs (sop.md §6–§8): funnel, conversion, stale projects,
// risks, payments, scorecard, lead sources and losses. Pure functions from the model to
// plain result structs; every amount comes from valuation.hpp, every selection from
// query.hpp, every target from forecast.hpp. Definitions: pipeline(1), "pipeline report".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/check/customer_check.hpp"
#include "pipeline/figures/customer_view.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// What report customers and report service group customers by (--by).
enum class CustomerGrouping : unsigned char { grade, size, industry };
const char* customer_grouping_name(CustomerGrouping g);
std::optional<CustomerGrouping> parse_customer_grouping(std::string_view text);

// What every report is computed over. Funnel, stale, risks and payments describe the
// projects as they stand on `today`; conversion, scorecard, sources and losses count what
// happened inside `window` ([from, to), either end open).
struct ReportRequest {
    Query filter;
    DateRange window;
    Date today;
    const std::vector<CustomerRecord>* customers = nullptr;  // the customer master, when there is one
    CustomerGrouping customers_by = CustomerGrouping::grade;  // customers, service
};

// Days as tenths of a day, so that the median of an even count (the mean of the two
// middle values) is exact: 12.5 days = 125. Means round half away from zero.
struct DayStats {
    std::size_t count = 0;
    std::optional<std::int64_t> median;  // tenths of a day; none when count is 0
    std::optional<std::int64_t> mean;
};

DayStats day_stats(std::vector<int> days);

// The project's name and owner, copied so that results stand alone.
struct ProjectRef {
    std::string id, name, owner;
    int stage = -1;
    Status status = Status::open;
};

ProjectRef project_ref(const Project& p);

// ---- funnel: the open pipeline per stage ----

struct FunnelRow {
    int stage = -1;
    Figures figures;                             // open projects of the stage (open, open_amount, weighted_open)
    std::optional<std::int64_t> weighted_share;  // permille of the total weighted; none when that is 0
    std::optional<std::int64_t> amount_share;    // permille of the total amount
};

struct Funnel {
    std::vector<FunnelRow> stages;               // every stage of the process, in order
    Figures total;
};

Funnel funnel_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- conversion: how projects move through the stages, from their histories ----

struct StageConversion {
    int stage = -1;
    std::size_t reached = 0;                 // first reached the stage (or a later one) inside the window
    std::size_t advanced = 0;                // of those, reached a later stage or won before the window ends
    std::size_t won = 0;                     // of those, won before the window ends
    std::optional<std::int64_t> to_next;     // advanced ÷ reached, permille
    std::optional<std::int64_t> to_won;      // won ÷ reached, permille
    DayStats days;                           // stays in the stage that ended inside the window
};

struct Conversion {
    std::vector<StageConversion> stages;
    std::size_t closed = 0, won = 0, lost = 0, abandoned = 0;  // closed inside the window
    std::optional<std::int64_t> win_rate;    // won ÷ closed, permille
    DayStats cycle;                          // won inside the window: first history entry to closed_on
};

Conversion conversion_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- stale: the alert list ----

enum class AlertKind { no_activity, past_close, gate_overdue, task_overdue, control_point, revisit_due, complaint_late };

// "no-activity", "past-close", "gate-overdue", "task-overdue", "control-point".
const char* alert_id(AlertKind k);

struct StaleAlert {
    ProjectRef project;
    AlertKind kind = AlertKind::no_activity;
    Date since;                              // last touched, expected close, when the current step began,
                                             // a task's due date, a control point's date
    int days = 0;                            // today − since
    int next_stage = -1;                     // gate-overdue: where the next step leads (-1: closing as won);
                                             // control-point: the stage to have reached
    std::vector<std::string> unmet;          // gate-overdue: the texts of the unmet checks
    std::string task, task_owner;            // task-overdue: the plan's task and who does it
    // revisit-due, complaint-late: the customer of the master (on its latest won project, else
    // its latest), and the complaint's summary.
    std::string customer, customer_name, complaint;
};

struct StaleOwner {
    std::string owner;
    std::vector<StaleAlert> alerts;          // oldest first
};

struct Stale {
    int stale_days = 0, gate_overdue_days = 0;
    bool customer_master = false;            // revisits due and late complaints are among the alerts
    std::vector<StaleOwner> owners;          // by owner name (pinyin), then id
    std::size_t alerts = 0, projects = 0;
};

Stale stale_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- risks: the register ----

struct RiskRow {
    ProjectRef project;
    Risk risk;
    std::string owner;                       // the risk's owner, else the project's
    bool flagged = false;                    // score at or above rules.risk_threshold
};

struct RiskRegister {
    int threshold = 0;
    std::vector<RiskRow> risks;              // highest score first
    std::size_t flagged = 0;
    // Open risks by likelihood (first index, 1–5 → 0–4) and impact (second index).
    std::array<std::array<int, 5>, 5> matrix{};
};

RiskRegister risk_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- payments: 回款 ----

enum class AgingBucket { none, up_to_30, up_to_60, up_to_90, up_to_180, over_180 };
inline constexpr std::size_t kAgingBuckets = 5;

// "0-30", "31-60", "61-90", "91-180", "over 180"; "" for none. English ("over 180" is marked
// N_): tr() it where it is shown.
const char* bucket_label(AgingBucket b);
// "0-30", "31-60", "61-90", "91-180", "over_180": what JSON and CSV write; null for none.
const char* bucket_id(AgingBucket b);
AgingBucket bucket_for(int days_overdue);

struct PaymentFigures {
    std::size_t instalments = 0, overdue_instalments = 0, waiting_instalments = 0;
    Money contracted, received, outstanding, overdue;
    Money waiting;                           // outstanding on milestones that have not happened
    std::array<Money, kAgingBuckets> aging{};  // overdue outstanding by bucket: 0–30, …, over 180 days
    int oldest_days = 0;                     // the longest an overdue instalment has waited

    PaymentFigures& operator+=(const PaymentFigures& o);
};

struct Instalment {
    ProjectRef project;
    std::optional<Date> due;                 // as written, or derived from its milestone once it happened
    std::string milestone;                   // `on` as written, when due on a milestone
    int days_after = 0;                      // days after the milestone
    bool waiting = false;                    // the milestone has not happened yet
    Money amount, received, outstanding;     // in the base currency
    std::optional<Date> received_on;
    int days_overdue = 0;                    // 0 unless overdue
    AgingBucket bucket = AgingBucket::none;
};

struct ProjectPayments {
    ProjectRef project;
    PaymentFigures figures;
};

struct OwnerPayments {
    std::string owner;
    std::size_t projects = 0;
    PaymentFigures figures;
};

struct Payments {
    std::vector<ProjectPayments> projects;   // projects with instalments, in repository order
    std::vector<OwnerPayments> owners;       // by owner name (pinyin), then id
    std::vector<Instalment> instalments;     // every instalment, by project then schedule
    PaymentFigures total;
};

Payments payment_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- scorecard: per owner ----

struct OwnerScore {
    std::string owner;
    Figures pipeline;                        // open projects now: open, open_amount, weighted_open
    std::size_t won = 0, lost = 0, abandoned = 0;  // closed inside the window
    Money won_amount;
    std::optional<std::int64_t> win_rate;    // won ÷ closed, permille
    DayStats cycle;                          // of the projects won inside the window
    std::size_t activities = 0;              // dated inside the window, on the owner's projects
    std::optional<Attainment> target;        // as forecast --by owner over the window
};

struct Scorecard {
    std::vector<OwnerScore> owners;          // by owner name (pinyin), then id
    OwnerScore total;                        // owner empty: the team
    bool targets_apply = false;
};

Scorecard scorecard_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- sources: lead channels ----

struct SourceRow {
    std::string source;                      // empty: not recorded
    std::size_t leads = 0;                   // projects first recorded inside the window
    std::size_t reached = 0;                 // of those, reached the second stage (or won)
    std::size_t won = 0;                     // of those, won before the window ends
    Money won_amount;
    std::optional<Money> cost;               // channels[].cost of this source
    std::optional<Money> cost_per_lead, cost_per_win;
};

// New business beside repeat business and referrals (lead.kind, sop.md §6).
struct LeadKindRow {
    std::string kind;                        // "repeat", "referral"; empty: new business
    std::size_t leads = 0, reached = 0, won = 0;
    Money won_amount;
    std::optional<std::int64_t> win_rate;    // won ÷ leads, permille
};

struct Sources {
    int reached_stage = -1;                  // the stage counted as "reached" (the second one)
    std::vector<SourceRow> sources;          // most leads first
    SourceRow total;
    std::vector<LeadKindRow> kinds;          // new business, repeat, referral: those with a lead
};

Sources source_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- losses: lost and abandoned ----

struct LossCount {
    std::size_t lost = 0, abandoned = 0;
    Money amount;
    std::size_t projects() const { return lost + abandoned; }
};

struct LossByReason {
    std::string reason;
    LossCount count;
};

struct LossByStage {
    int stage = -1;
    LossCount count;
};

struct LostProject {
    ProjectRef project;
    int stage = -1;                          // the stage it was in when it closed
    Date closed_on;
    std::string reason;
    Money amount;
};

struct Losses {
    std::vector<LossByReason> reasons;       // most projects first
    std::vector<LossByStage> stages;         // in process order, stages with losses only
    std::vector<LostProject> projects;       // by closing date
    LossCount total;
};

Losses loss_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- calibration: the stage probabilities beside what happened ----

struct CalibrationRow {
    int stage = -1;
    int probability = 0;                     // as pipeline.yaml gives it, percent
    std::size_t reached = 0;                 // projects closed inside the window that had reached the stage
    std::size_t won = 0;                     // of those, won
    std::optional<std::int64_t> rate;        // won ÷ reached, permille; none when none reached it
    std::optional<std::int64_t> low, high;   // the 90 % interval of the rate (Wilson score), permille
};

struct Calibration {
    std::vector<CalibrationRow> stages;      // in process order
    std::size_t closed = 0, won = 0;         // closed inside the window
};

// Per stage, of the projects closed inside the window that reached it (from their history,
// as conversion reads it), the share that was won: the realised win probability of the stage,
// to set beside the configured one. Needs no git.
Calibration calibration_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// Fewer closed projects than this say little about a stage: one lost project would set it to 0 %.
inline constexpr std::size_t kCalibrationMinimum = 5;

// `process` with each stage's probability replaced by its realised rate, to the nearest whole
// percent (halves up), where at least kCalibrationMinimum closed projects reached the stage;
// the others keep theirs. forecast --probabilities calibrated weighs with it.
Process with_realised_probabilities(const Process& process, const Calibration& calibration);

// ---- budget: the presales budgets (售前项目任务书) ----

struct BudgetRow {
    ProjectRef project;
    std::string sponsor;
    std::optional<Money> limit;              // in the base currency; none: no limit written or derived
    bool derived = false;                    // from amount × margin × rules.budget_share_of_margin
    Money spent;
    std::optional<Money> remaining;          // limit − spent, negative when over
    std::optional<std::int64_t> used;        // spent ÷ limit, permille
    std::size_t expenses = 0;
    bool approved = false;                   // a budget approval by someone allowed
    bool over = false;                       // spent more than the limit
    bool over_unapproved = false;            // over, and no change approval counts: an error of check
};

struct BudgetReport {
    int share_of_margin = 0;                 // rules.budget_share_of_margin
    std::vector<BudgetRow> projects;         // projects with a budget, in repository order
    Money limit, spent;                      // sums over the rows (limits where there is one)
    std::size_t over = 0, over_unapproved = 0, unapproved = 0;  // unapproved: spending without an approved budget
};

// Every selected project with a budget (budget_standing of model/budget.hpp), whatever its status.
BudgetReport budget_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- progress: the monthly progress report of a project (seed 003) ----

enum class ProgressKind {
    stage_move, activity, approval, payment, task_done, task_overdue, amount_change, close_change, risk_opened, risk_closed
};

// "stage-move", "activity", "approval", "payment", "task-done", "task-overdue", "amount-change",
// "close-change", "risk-opened", "risk-closed".
const char* progress_id(ProgressKind k);

struct ProgressEvent {
    Date date;                               // task-overdue: the due date
    ProgressKind kind = ProgressKind::activity;
    std::string type;                        // an activity's type, an approval's kind, a risk's type
    std::string text;                        // the note, the task, the approval's result, the risk's description
    std::string by;                          // who: a roster id or as written
    int from = -1, to = -1;                  // stage-move: stage indices (-1: none or an outcome)
    std::optional<Status> outcome;           // stage-move: closed as (won, lost, abandoned), or reopened from
    std::string forced;                      // stage-move: the reason a gate was overridden
    std::optional<Money> amount;             // payment: received, in the base currency
    std::optional<Date> due;                 // payment: the instalment's due date
    std::optional<Money> amount_before;      // amount-change: before (amount: after), base currency
    std::optional<Date> close_before, close_after;  // close-change
};

struct ProjectProgress {
    ProjectRef project;
    Money amount, weighted;                  // now, in the base currency
    std::vector<ProgressEvent> events;       // in date order, then kind
    std::size_t moves = 0, activities = 0, tasks_done = 0, tasks_overdue = 0, changes = 0;
    std::size_t risks_opened = 0, risks_closed = 0;
    Money received;
    // What is next (an open project): the stage the next step leads to (-1: winning) and the
    // checks of its gates that do not hold today.
    bool has_next = false;
    int next_stage = -1;
    std::vector<std::string> unmet;
};

struct Progress {
    DateRange month;                         // the window it covers
    std::vector<ProjectProgress> projects;   // open now or with something in the month; by owner, then id
    std::size_t moves = 0, activities = 0, tasks_done = 0, tasks_overdue = 0, changes = 0;
    std::size_t risks_opened = 0, risks_closed = 0;
    Money received;
    bool changes_read = false;               // amount and close changes were read from the git history
};

// An open project's amount or expected close as it changed from one state of the repository
// to the next (git revisions), dated by the later state.
struct FigureChange {
    std::string id;
    Date date;
    std::optional<Money> amount_before, amount_after;      // base currency; set when the amount changed
    std::optional<Date> close_before, close_after;         // set when the expected close moved
};

// The changes of the projects open in `after` and present in `before`.
std::vector<FigureChange> figure_changes(const std::vector<Project>& before, const Process& before_process,
                                         const std::vector<Project>& after, const Process& after_process, Date date);

// Adds the changes dated inside the month to the projects of the report (events amount-change
// and close-change, in date order) and marks the report as having read them.
void add_figure_changes(Progress& progress, const std::vector<FigureChange>& changes);

// The month is request.window. A task is overdue when due inside the month or before it and not
// done by the month's end.
Progress progress_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- customers: the customers and their figures by grade, size or industry (sop.md §6) ----

// A customer is one of the master, or, for a project that embeds its customer, that name.
struct CustomerGroup {
    std::string key;                 // the grade or size id, or the industry; "" when not given
    std::size_t customers = 0;
    CustomerFigures figures;         // their projects that the filter selects
    std::size_t revisits_overdue = 0, complaints_open = 0, complaints_late = 0;
};

struct CustomerReport {
    CustomerGrouping by = CustomerGrouping::grade;
    bool has_master = false;
    std::vector<CustomerGroup> groups;   // grades and sizes in their order, industries by name; "" last
    CustomerGroup total;
};

// On `today`. With a filter, the customers with a project it selects.
CustomerReport customer_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- service: complaints and their response times against the rules (sop.md §5) ----

struct ServiceComplaint {
    std::string customer_id, customer_name, grade;
    std::string summary, received, answered, fix_given, resolved;
    std::optional<int> satisfaction;
    ComplaintTiming timing;
};

struct ServiceGroup {
    std::string key;                          // as CustomerGroup's
    std::size_t complaints = 0, open = 0, answer_late = 0, fix_late = 0;
    DayStats answer_hours, fix_hours;         // of those answered / given a fix direction (tenths of an hour)
    std::optional<std::int64_t> satisfaction; // mean, tenths, of those that gave one
};

struct ServiceReport {
    CustomerGrouping by = CustomerGrouping::grade;
    int answer_hours = 24, fix_hours = 48;    // the rules
    std::vector<ServiceGroup> groups;
    ServiceGroup total;
    std::vector<ServiceComplaint> complaints; // received inside the window, oldest first
};

// The complaints of the master received inside the window; with a filter, those of customers
// with a project it selects.
ServiceReport service_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request);

// ---- every report by name ----

enum class ReportKind {
    funnel, conversion, stale, risks, payments, scorecard, sources, losses, calibration, budget, progress, customers, service
};

// "funnel", "conversion", ... as written on the command line.
const char* report_kind_name(ReportKind k);
// Its title, a message id ("Funnel"): tr() gives it in the reader's language.
const char* report_kind_title(ReportKind k);
std::optional<ReportKind> parse_report_kind(std::string_view text);
// Every kind, in the order the HTML report shows them.
const std::vector<ReportKind>& report_kinds();

using Report = std::variant<Funnel, Conversion, Stale, RiskRegister, Payments, Scorecard, Sources, Losses, Calibration,
                            BudgetReport, Progress, CustomerReport, ServiceReport>;

// The kind of a computed report (the variant's alternatives follow ReportKind's order).
ReportKind report_kind(const Report& r);

Report compute_report(ReportKind kind, const std::vector<Project>& projects, const Process& process,
                  const ReportRequest& request);

}  // namespace pipeline
