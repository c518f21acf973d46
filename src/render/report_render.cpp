#include "pipeline/render/report_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {

Text owner_label(const Process& process, const std::string& owner) {
    if (owner.empty()) return say("(none)");
    return process.display_name(owner);
}

std::string stage_label_of(const Process& process, int stage) {
    if (stage < 0 || stage >= static_cast<int>(process.stages.size())) return "";
    return process.stages[static_cast<std::size_t>(stage)].name;
}

std::string tenths(std::int64_t v) {
    const bool negative = v < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    return fmt::format("{}{}.{}", negative ? "-" : "", abs / 10, abs % 10);
}

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Cells in the two number styles: people read separators and % signs, programs plain numbers.
struct Cells {
    NumberStyle style;
    std::string money(Money m) const { return style.money(m); }
    std::string money(const std::optional<Money>& m) const { return m ? money(*m) : ""; }
    std::string count(std::size_t n) const { return std::to_string(n); }
    std::string percent(const std::optional<std::int64_t>& permille) const {
        if (!permille) return "";
        std::string s = format_permille(*permille);
        if (style.machines) s.pop_back();
        return s;
    }
    std::string days(const std::optional<std::int64_t>& t) const { return t ? tenths(*t) : ""; }
    std::string date(const std::optional<Date>& d) const { return d ? d->iso() : ""; }
};

Column left(const char* h) { return {h, Align::left}; }
Column right(const char* h) { return {h, Align::right}; }
// A column of long text (names, notes, reasons), which a narrow table shortens.
Column text(const char* h) { return {h, Align::left, true}; }

std::string or_none(const std::string& s) { return s.empty() ? std::string(tr("(none)")) : s; }

// The roster name of an owner, else the id, "(none)" for none: in the reader's language.
std::string owner_cell(const Process& process, const std::string& owner) { return owner_label(process, owner).local(); }

// ---- funnel ----

std::vector<ReportSection> sections(const Funnel& f, const Process& process, Cells c) {
    Table t;
    t.columns = {left(tr("stage")), right(tr("projects")), right(tr("amount")), right(tr("weighted")),
                 right(tr("weighted share")), right(tr("amount share"))};
    for (const FunnelRow& r : f.stages)
        t.rows.push_back({stage_label_of(process, r.stage), c.count(r.figures.open), c.money(r.figures.open_amount),
                          c.money(r.figures.weighted_open), c.percent(r.weighted_share), c.percent(r.amount_share)});
    const bool any = f.total.open > 0;
    t.total = {tr("total"), c.count(f.total.open), c.money(f.total.open_amount), c.money(f.total.weighted_open),
               c.percent(any ? std::optional<std::int64_t>(1000) : std::nullopt),
               c.percent(any ? std::optional<std::int64_t>(1000) : std::nullopt)};
    return {{"", std::move(t)}};
}

// ---- conversion ----

std::vector<ReportSection> sections(const Conversion& conv, const Process& process, Cells c) {
    Table stages;
    stages.columns = {left(tr("stage")), right(tr("reached")), right(tr("advanced")), right(tr("to next")),
                      right(tr("won")), right(tr("to won")), right(tr("stays")), right(tr("median days")),
                      right(tr("mean days"))};
    for (const StageConversion& s : conv.stages)
        stages.rows.push_back({stage_label_of(process, s.stage), c.count(s.reached), c.count(s.advanced),
                               c.percent(s.to_next), c.count(s.won), c.percent(s.to_won), c.count(s.days.count),
                               c.days(s.days.median), c.days(s.days.mean)});
    Table outcomes;
    outcomes.columns = {right(tr("closed")), right(tr("won")), right(tr("lost")), right(tr("abandoned")),
                        right(tr("win rate")), right(tr("won cycles")), right(tr("median cycle days")),
                        right(tr("mean cycle days"))};
    outcomes.rows.push_back({c.count(conv.closed), c.count(conv.won), c.count(conv.lost), c.count(conv.abandoned),
                             c.percent(conv.win_rate), c.count(conv.cycle.count), c.days(conv.cycle.median),
                             c.days(conv.cycle.mean)});
    return {{tr("Stages"), std::move(stages)}, {tr("Outcomes"), std::move(outcomes)}};
}

// ---- stale ----

std::string alert_label(AlertKind k) {
    switch (k) {
        case AlertKind::no_activity: return tr("no activity");
        case AlertKind::past_close: return tr("past expected close");
        case AlertKind::gate_overdue: return tr("gate unmet");
        case AlertKind::task_overdue: return tr("task overdue");
        case AlertKind::control_point: return tr("control point missed");
        case AlertKind::revisit_due: return tr("revisit due");
        case AlertKind::complaint_late: return tr("complaint answered late");
    }
    return "";
}

std::string alert_detail(const StaleAlert& a, const Process& process) {
    if (a.kind == AlertKind::task_overdue)
        // TRANSLATORS: a task of the sales plan, then who does it.
        return a.task_owner.empty() ? a.task : trf("{} ({})", a.task, owner_cell(process, a.task_owner));
    if (a.kind == AlertKind::control_point)
        // TRANSLATORS: the stage a control point of the sales plan planned to have reached by its date.
        return trf("planned to reach {}", stage_label_of(process, a.next_stage));
    if (a.kind == AlertKind::revisit_due) return a.customer_name;
    // TRANSLATORS: a customer, then the summary of its complaint.
    if (a.kind == AlertKind::complaint_late) return trf("{}: {}", a.customer_name, a.complaint);
    if (a.kind != AlertKind::gate_overdue) return "";
    std::string next = a.next_stage >= 0 ? stage_label_of(process, a.next_stage) : process.outcome_name(Status::won);
    std::string unmet;
    // TRANSLATORS: between the items of a list inside a sentence.
    for (std::size_t i = 0; i < a.unmet.size(); ++i) unmet += (i ? tr("; ") : "") + a.unmet[i];
    // TRANSLATORS: a stage name (or the name of the outcome won), then the unmet checks of its
    // gate as pipeline.yaml words them, joined with "; ".
    return trf("to {}: {}", next, unmet);
}

std::vector<ReportSection> sections(const Stale& s, const Process& process, Cells c) {
    Table t;
    t.columns = {left(tr("owner")), left(tr("id")), text(tr("name")), left(tr("stage")), left(tr("alert")),
                 left(tr("since")), right(tr("days")), text(tr("detail"))};
    for (const StaleOwner& o : s.owners)
        for (const StaleAlert& a : o.alerts)
            t.rows.push_back({owner_cell(process, o.owner), a.project.id, a.project.name,
                              stage_label_of(process, a.project.stage), alert_label(a.kind), c.date(a.since),
                              std::to_string(a.days), alert_detail(a, process)});
    return {{"", std::move(t)}};
}

// ---- risks ----

std::vector<ReportSection> sections(const RiskRegister& r, const Process& process, Cells c) {
    const bool people = !c.style.machines;
    Table t;
    t.columns = {right(tr("score")), left(tr("flag")), right(tr("likelihood")), right(tr("impact")), left(tr("type")),
                 left(tr("id")), text(tr("name")), text(tr("description")), left(tr("owner")), text(tr("mitigation"))};
    for (const RiskRow& row : r.risks)
        t.rows.push_back({std::to_string(row.risk.score()), people ? (row.flagged ? "!" : "") : (row.flagged ? "true" : "false"),
                          std::to_string(row.risk.likelihood), std::to_string(row.risk.impact),
                          people ? item_value_label(process, "risks", "type", row.risk.type) : row.risk.type.str(),
                          row.project.id, row.project.name, row.risk.description, owner_cell(process, row.owner),
                          row.risk.mitigation});
    Table m;
    m.columns = {left(tr("likelihood \\ impact"))};
    for (int i = 1; i <= 5; ++i) m.columns.push_back({std::to_string(i), Align::right});
    for (int l = 5; l >= 1; --l) {
        std::vector<std::string> row{std::to_string(l)};
        for (int i = 1; i <= 5; ++i) row.push_back(std::to_string(r.matrix[static_cast<std::size_t>(l - 1)][static_cast<std::size_t>(i - 1)]));
        m.rows.push_back(std::move(row));
    }
    return {{tr("Register"), std::move(t)}, {tr("Matrix: open risks by likelihood and impact"), std::move(m)}};
}

// ---- payments ----

// `waiting`: with the column of instalments waiting for a milestone (only when some do).
void figure_cells(std::vector<std::string>& row, const PaymentFigures& f, Cells c, bool waiting) {
    for (Money m : {f.contracted, f.received, f.outstanding}) row.push_back(c.money(m));
    if (waiting) row.push_back(c.money(f.waiting));
    row.push_back(c.money(f.overdue));
    for (Money m : f.aging) row.push_back(c.money(m));
}

// "accepted + 30 days": the milestone an instalment waits for.
std::string milestone_cell(const Instalment& i) {
    // TRANSLATORS: {0} a milestone as the file writes it (accepted, acceptance.date, a stage), {1} days after it.
    if (!i.days_after) return i.milestone;
    return trnf("{} + {} day", "{} + {} days", static_cast<unsigned long>(i.days_after), i.milestone, i.days_after);
}

std::vector<Column> figure_columns(bool waiting) {
    std::vector<Column> out{right(tr("contracted")), right(tr("received")), right(tr("outstanding"))};
    // TRANSLATORS: a column: outstanding on milestones that have not happened yet.
    if (waiting) out.push_back(right(tr("waiting")));
    out.push_back(right(tr("overdue")));
    for (std::size_t b = 1; b <= kAgingBuckets; ++b) out.push_back(right(tr(bucket_label(static_cast<AgingBucket>(b)))));
    return out;
}

std::vector<ReportSection> sections(const Payments& p, const Process& process, Cells c) {
    const bool waits = p.total.waiting_instalments > 0;
    Table projects;
    projects.columns = {left(tr("id")), text(tr("name")), left(tr("owner"))};
    for (Column& col : figure_columns(waits)) projects.columns.push_back(col);
    projects.columns.push_back(right(tr("oldest days")));
    for (const ProjectPayments& row : p.projects) {
        std::vector<std::string> cells{row.project.id, row.project.name, owner_cell(process, row.project.owner)};
        figure_cells(cells, row.figures, c, waits);
        cells.push_back(row.figures.overdue_instalments ? std::to_string(row.figures.oldest_days) : "");
        projects.rows.push_back(std::move(cells));
    }
    projects.total = {tr("total"), "", ""};
    figure_cells(projects.total, p.total, c, waits);
    projects.total.push_back(p.total.overdue_instalments ? std::to_string(p.total.oldest_days) : "");

    Table owners;
    owners.columns = {left(tr("owner")), right(tr("projects"))};
    for (Column& col : figure_columns(waits)) owners.columns.push_back(col);
    for (const OwnerPayments& o : p.owners) {
        std::vector<std::string> cells{owner_cell(process, o.owner), c.count(o.projects)};
        figure_cells(cells, o.figures, c, waits);
        owners.rows.push_back(std::move(cells));
    }
    owners.total = {tr("total"), c.count(p.projects.size())};
    figure_cells(owners.total, p.total, c, waits);

    std::vector<const Instalment*> overdue;
    for (const Instalment& i : p.instalments)
        if (i.bucket != AgingBucket::none) overdue.push_back(&i);
    std::stable_sort(overdue.begin(), overdue.end(),
                     [](const Instalment* a, const Instalment* b) { return a->days_overdue > b->days_overdue; });
    Table late;
    late.columns = {left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("due")), right(tr("amount")),
                    right(tr("received")), right(tr("outstanding")), right(tr("days overdue")), left(tr("aging"))};
    for (const Instalment* i : overdue)
        late.rows.push_back({i->project.id, i->project.name, owner_cell(process, i->project.owner), c.date(i->due),
                             c.money(i->amount), c.money(i->received), c.money(i->outstanding),
                             std::to_string(i->days_overdue), tr(bucket_label(i->bucket))});
    std::vector<ReportSection> out{{tr("By project"), std::move(projects)}, {tr("By owner"), std::move(owners)},
                                   {tr("Overdue instalments"), std::move(late)}};
    // Instalments due on a milestone still to come (验收后30天): shown as waiting for it.
    Table waiting;
    waiting.columns = {left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("due on")), right(tr("outstanding"))};
    for (const Instalment& i : p.instalments)
        if (i.waiting && i.outstanding > Money{})
            waiting.rows.push_back({i.project.id, i.project.name, owner_cell(process, i.project.owner),
                                    milestone_cell(i), c.money(i.outstanding)});
    if (!waiting.rows.empty()) out.push_back({tr("Waiting for a milestone"), std::move(waiting)});
    return out;
}

Table payments_data(const Payments& p, const Process& process) {
    Cells c{NumberStyle::for_machines()};
    Table t;
    t.columns = {left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("due")), left(tr("milestone")),
                 right(tr("days after")), right(tr("amount")), right(tr("received")), left(tr("received on")),
                 right(tr("outstanding")), right(tr("days overdue")), left(tr("aging"))};
    for (const Instalment& i : p.instalments)
        t.rows.push_back({i.project.id, i.project.name, owner_cell(process, i.project.owner), c.date(i.due), i.milestone,
                          i.milestone.empty() ? "" : std::to_string(i.days_after), c.money(i.amount), c.money(i.received),
                          c.date(i.received_on), c.money(i.outstanding),
                          // The bucket as an id, as JSON has it: programs read CSV too.
                          std::to_string(i.days_overdue), bucket_id(i.bucket)});
    return t;
}

// ---- scorecard ----

std::vector<std::string> score_cells(std::string label, const OwnerScore& s, Cells c, bool targets) {
    std::vector<std::string> row{std::move(label),
                                 c.count(s.pipeline.open),
                                 c.money(s.pipeline.open_amount),
                                 c.money(s.pipeline.weighted_open),
                                 c.count(s.won),
                                 c.money(s.won_amount),
                                 c.count(s.lost + s.abandoned),
                                 c.percent(s.win_rate),
                                 c.days(s.cycle.median),
                                 c.count(s.activities)};
    if (targets) {
        row.push_back(s.target ? c.money(s.target->target) : "");
        row.push_back(s.target ? c.percent(s.target->permille) : "");
    }
    return row;
}

std::vector<ReportSection> sections(const Scorecard& s, const Process& process, Cells c) {
    bool targets = c.style.machines || s.total.target.has_value();
    for (const OwnerScore& o : s.owners) targets = targets || o.target.has_value();
    Table t;
    t.columns = {left(tr("owner")), right(trc("count", "open")), right(trc("open amount", "pipeline")), right(tr("weighted")),
                 right(tr("won")), right(tr("won amount")), right(tr("lost")), right(tr("win rate")),
                 right(tr("median cycle days")), right(trc("count", "activities"))};
    if (targets) {
        t.columns.push_back(right(tr("target")));
        t.columns.push_back(right(tr("attainment")));
    }
    for (const OwnerScore& o : s.owners) t.rows.push_back(score_cells(owner_cell(process, o.owner), o, c, targets));
    t.total = score_cells(tr("team"), s.total, c, targets);
    return {{"", std::move(t)}};
}

// ---- sources ----

std::vector<ReportSection> sections(const Sources& s, const Process& process, Cells c) {
    const std::string stage = s.reached_stage >= 0 && s.reached_stage < static_cast<int>(process.stages.size())
                                  ? process.stages[static_cast<std::size_t>(s.reached_stage)].name
                                  : std::string("?");
    // TRANSLATORS: a column header: the display name of the stage the leads reached.
    const std::string reached = trf("reached {}", stage);
    Table t;
    t.columns = {left(tr("source")), right(tr("leads")), {reached, Align::right}, right(tr("won")),
                 right(tr("won amount")), right(tr("cost")), right(tr("cost per lead")), right(tr("cost per win"))};
    const auto cells = [&](std::string label, const SourceRow& r) {
        return std::vector<std::string>{std::move(label), c.count(r.leads), c.count(r.reached), c.count(r.won),
                                        c.money(r.won_amount), c.money(r.cost), c.money(r.cost_per_lead),
                                        c.money(r.cost_per_win)};
    };
    for (const SourceRow& r : s.sources) t.rows.push_back(cells(or_none(r.source), r));
    t.total = cells(tr("total"), s.total);
    std::vector<ReportSection> out{{"", std::move(t)}};
    // Repeat business and referrals beside new business, when any lead names its kind.
    if (std::any_of(s.kinds.begin(), s.kinds.end(), [](const LeadKindRow& k) { return !k.kind.empty(); })) {
        Table k;
        k.columns = {left(tr("kind")), right(tr("leads")), {reached, Align::right}, right(tr("won")),
                     right(tr("won amount")), right(tr("won share"))};
        for (const LeadKindRow& r : s.kinds)
            k.rows.push_back({r.kind.empty() ? std::string(tr("new business"))
                                             : r.kind == "repeat" ? std::string(tr("repeat")) : std::string(tr("referral")),
                              c.count(r.leads), c.count(r.reached), c.count(r.won), c.money(r.won_amount),
                              c.percent(r.win_rate)});
        out.push_back({tr("Repeat business and referrals"), std::move(k)});
    }
    return out;
}

// ---- calibration ----

std::vector<ReportSection> sections(const Calibration& k, const Process& process, Cells c) {
    Table t;
    t.columns = {left(tr("stage")), right(tr("probability")), right(tr("reached")), right(tr("won")),
                 right(tr("realised")), right(tr("90% low")), right(tr("90% high"))};
    for (const CalibrationRow& r : k.stages)
        t.rows.push_back({stage_label_of(process, r.stage), c.percent(std::int64_t{r.probability} * 10), c.count(r.reached),
                          c.count(r.won), c.percent(r.rate), c.percent(r.low), c.percent(r.high)});
    return {{"", std::move(t)}};
}

// ---- losses ----

std::vector<std::string> loss_cells(std::string label, const LossCount& l, Cells c) {
    return {std::move(label), c.count(l.lost), c.count(l.abandoned), c.count(l.projects()), c.money(l.amount)};
}

std::vector<ReportSection> sections(const Losses& l, const Process& process, Cells c) {
    Table reasons;
    reasons.columns = {text(tr("reason")), right(tr("lost")), right(tr("abandoned")), right(tr("projects")),
                       right(tr("amount"))};
    for (const LossByReason& r : l.reasons) reasons.rows.push_back(loss_cells(or_none(r.reason), r.count, c));
    reasons.total = loss_cells(tr("total"), l.total, c);
    Table stages;
    stages.columns = {left(tr("stage")), right(tr("lost")), right(tr("abandoned")), right(tr("projects")),
                      right(tr("amount"))};
    for (const LossByStage& s : l.stages) stages.rows.push_back(loss_cells(or_none(stage_label_of(process, s.stage)), s.count, c));
    stages.total = loss_cells(tr("total"), l.total, c);
    Table projects;
    projects.columns = {left(trc("date", "closed")), left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("outcome")),
                        left(tr("stage")), text(tr("reason")), right(tr("amount"))};
    for (const LostProject& p : l.projects)
        projects.rows.push_back({p.closed_on.iso(), p.project.id, p.project.name, owner_cell(process, p.project.owner),
                                 !c.style.machines && current_language() == Language::chinese ? status_label(p.project.status, process)
                                                                                   : process.outcome_name(p.project.status),
                                 stage_label_of(process, p.stage), p.reason,
                                 c.money(p.amount)});
    return {{tr("By reason"), std::move(reasons)}, {tr("By stage"), std::move(stages)}, {tr("Projects"), std::move(projects)}};
}

// ---- budget ----

std::vector<ReportSection> sections(const BudgetReport& b, const Process& process, Cells c) {
    Table t;
    t.columns = {left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("sponsor")), right(tr("limit")),
                 right(tr("spent")), right(tr("remaining")), right(tr("used")), left(tr("approved")), text(tr("note"))};
    for (const BudgetRow& r : b.projects) {
        std::string note;
        // TRANSLATORS: notes of report budget: the limit is derived from the margin; spent over the
        // limit without a change approval; spending without an approved budget.
        if (r.derived) note = tr("limit from margin");
        const auto add = [&](const char* msgid) { note += (note.empty() ? "" : std::string(tr("; "))) + tr(msgid); };
        if (r.over_unapproved) add(N_("over budget, no change approved"));
        else if (r.over) add(N_("over budget, change approved"));
        if (r.expenses > 0 && !r.approved) add(N_("budget not approved"));
        t.rows.push_back({r.project.id, r.project.name, owner_cell(process, r.project.owner),
                          r.sponsor.empty() ? "" : owner_cell(process, r.sponsor), c.money(r.limit), c.money(r.spent),
                          c.money(r.remaining), c.percent(r.used),
                          c.style.machines ? (r.approved ? "true" : "false") : (r.approved ? tr("yes") : tr("no")), note});
    }
    const std::optional<Money> remaining = b.limit - b.spent;
    t.total = {tr("total"), "", "", "", c.money(b.limit), c.money(b.spent), c.money(remaining), "", "", ""};
    return {{"", std::move(t)}};
}

// ---- progress ----

std::string progress_label(ProgressKind k) {
    switch (k) {
        case ProgressKind::stage_move: return tr("stage move");
        case ProgressKind::activity: return tr("activity");
        case ProgressKind::approval: return tr("approval");
        case ProgressKind::payment: return tr("payment received");
        case ProgressKind::task_done: return tr("task done");
        case ProgressKind::task_overdue: return tr("task overdue");
        case ProgressKind::amount_change: return tr("amount changed");
        case ProgressKind::close_change: return tr("close moved");
        case ProgressKind::risk_opened: return tr("risk opened");
        case ProgressKind::risk_closed: return tr("risk closed");
    }
    return "";
}

std::string place(const Process& process, int stage, const std::optional<Status>& outcome) {
    if (stage >= 0) return process.stage_label(stage);
    return outcome ? status_label(*outcome, process) : std::string();
}

std::string progress_detail(const ProgressEvent& e, const Process& process) {
    std::string out;
    switch (e.kind) {
        case ProgressKind::stage_move:
            out = e.from >= 0 || (e.outcome && e.to >= 0) ? place(process, e.from, e.to >= 0 ? e.outcome : std::nullopt) + " → " : "→ ";
            out += place(process, e.to, e.to >= 0 ? std::nullopt : e.outcome);
            // TRANSLATORS: after a stage move in report progress: the reason a gate was overridden.
            if (!e.forced.empty()) out += trf(" (forced: {})", e.forced);
            if (!e.text.empty()) out += ": " + e.text;
            break;
        case ProgressKind::activity:
            out = e.type.empty() ? e.text : e.text.empty() ? e.type : e.type + ": " + e.text;
            break;
        case ProgressKind::approval:
            out = item_value_label(process, "approvals", "type", e.type) + " " + item_value_label(process, "approvals", "result", e.text);
            break;
        case ProgressKind::payment:
            // TRANSLATORS: which instalment a payment received in report progress pays: its due date.
            out = e.due ? trf("instalment due {}", e.due->iso()) : "";
            if (!e.text.empty()) out += (out.empty() ? "" : ": ") + e.text;
            break;
        case ProgressKind::task_done:
        case ProgressKind::task_overdue:
            out = e.text;
            break;
        case ProgressKind::amount_change:
            out = format_money(e.amount_before.value_or(Money{})) + " → " + format_money(e.amount.value_or(Money{}));
            break;
        case ProgressKind::risk_opened:
        case ProgressKind::risk_closed:
            out = e.type.empty() ? e.text : item_value_label(process, "risks", "type", e.type) + ": " + e.text;
            break;
        case ProgressKind::close_change:
            out = (e.close_before ? e.close_before->iso() : "") + " → " + (e.close_after ? e.close_after->iso() : "");
            break;
    }
    return out;
}

std::string next_text(const ProjectProgress& p, const Process& process) {
    if (!p.has_next) return "";
    const std::string next = p.next_stage >= 0 ? stage_label_of(process, p.next_stage) : process.outcome_name(Status::won);
    if (p.unmet.empty()) return trf("to {}: its gates hold", next);
    std::string unmet;
    for (std::size_t i = 0; i < p.unmet.size(); ++i) unmet += (i ? tr("; ") : "") + p.unmet[i];
    return trf("to {}: {}", next, unmet);
}

std::vector<ReportSection> sections(const Progress& g, const Process& process, Cells c) {
    Table summary;
    summary.columns = {left(tr("id")), text(tr("name")), left(tr("owner")), left(tr("stage")), right(tr("moves")),
                       right(tr("activities")), right(tr("received")), right(tr("changes")), right(tr("risks opened")),
                       right(tr("risks closed")), right(tr("tasks done")),
                       right(tr("tasks overdue")), text(tr("next"))};
    for (const ProjectProgress& p : g.projects)
        summary.rows.push_back({p.project.id, p.project.name, owner_cell(process, p.project.owner),
                                p.project.status == Status::open ? stage_label_of(process, p.project.stage)
                                                                 : status_label(p.project.status, process),
                                c.count(p.moves), c.count(p.activities), c.money(p.received),
                                g.changes_read ? c.count(p.changes) : "", c.count(p.risks_opened), c.count(p.risks_closed),
                                c.count(p.tasks_done), c.count(p.tasks_overdue),
                                next_text(p, process)});
    summary.total = {tr("total"), "", "", "", c.count(g.moves), c.count(g.activities), c.money(g.received),
                     g.changes_read ? c.count(g.changes) : "", c.count(g.risks_opened), c.count(g.risks_closed),
                     c.count(g.tasks_done), c.count(g.tasks_overdue), ""};
    std::vector<ReportSection> out{{"", std::move(summary)}};
    for (const ProjectProgress& p : g.projects) {
        if (p.events.empty()) continue;
        Table t;
        t.columns = {left(tr("date")), left(tr("what")), text(tr("detail")), left(tr("by")), right(tr("amount"))};
        for (const ProgressEvent& e : p.events)
            t.rows.push_back({e.date.iso(), progress_label(e.kind), progress_detail(e, process),
                              e.by.empty() ? "" : owner_cell(process, e.by),
                              e.kind == ProgressKind::payment ? c.money(e.amount) : ""});
        // TRANSLATORS: the heading of one project in report progress: its id, name and owner.
        out.push_back({trf("{} {} ({})", p.project.id, p.project.name, owner_cell(process, p.project.owner)), std::move(t)});
    }
    return out;
}

// ---- customers and service ----

// The header of the grouping column, and a group's key as people read it.
std::string grouping_header(CustomerGrouping by) { return tr(customer_grouping_name(by)); }
std::string group_cell(CustomerGrouping by, const std::string& key) {
    if (key.empty()) return tr("(none)");
    return by == CustomerGrouping::industry ? key : customer_value_label(customer_grouping_name(by), key);
}

std::vector<ReportSection> sections(const CustomerReport& k, const Process&, Cells c) {
    Table t;
    t.columns = {left(grouping_header(k.by).c_str()), right(tr("customers")), right(tr("projects")), right(tr("open")),
                 right(tr("pipeline")), right(tr("weighted")), right(tr("won")), right(tr("won amount")),
                 right(tr("receivable")), right(tr("revisits overdue")), right(tr("complaints open")),
                 right(tr("complaints late"))};
    const auto cells = [&](std::string label, const CustomerGroup& g) {
        const CustomerFigures& f = g.figures;
        return std::vector<std::string>{std::move(label), c.count(g.customers), c.count(f.project_count), c.count(f.open),
                                        c.money(f.pipeline), c.money(f.weighted), c.count(f.won), c.money(f.won_amount),
                                        c.money(f.receivable), c.count(g.revisits_overdue), c.count(g.complaints_open),
                                        c.count(g.complaints_late)};
    };
    for (const CustomerGroup& g : k.groups) t.rows.push_back(cells(group_cell(k.by, g.key), g));
    t.total = cells(tr("total"), k.total);
    return {{"", std::move(t)}};
}

std::vector<ReportSection> sections(const ServiceReport& s, const Process&, Cells c) {
    Table groups;
    groups.columns = {left(grouping_header(s.by).c_str()), right(tr("complaints")), right(tr("open")),
                      right(tr("answered late")), right(tr("fix late")), right(tr("median answer h")),
                      right(tr("median fix h")), right(tr("satisfaction"))};
    const auto cells = [&](std::string label, const ServiceGroup& g) {
        return std::vector<std::string>{std::move(label), c.count(g.complaints), c.count(g.open), c.count(g.answer_late),
                                        c.count(g.fix_late), c.days(g.answer_hours.median), c.days(g.fix_hours.median),
                                        c.days(g.satisfaction)};
    };
    for (const ServiceGroup& g : s.groups) groups.rows.push_back(cells(group_cell(s.by, g.key), g));
    groups.total = cells(tr("total"), s.total);

    Table list;
    list.columns = {left(trc("complaint", "received")), left(tr("customer")), text(tr("summary")), right(tr("answer h")),
                    right(tr("fix h")), left(tr("resolved")), right(tr("satisfaction")), left(tr("late"))};
    const auto hours = [&](const std::optional<std::int64_t>& h, bool done) {
        if (!h) return std::string();
        // A time still running is marked as such: waited so far.
        return done ? std::to_string(*h) : trf("{}+", *h);
    };
    for (const ServiceComplaint& k : s.complaints) {
        std::string late;
        const auto add = [&](const char* msgid) { late += (late.empty() ? "" : std::string(tr(", "))) + tr(msgid); };
        if (k.timing.answer_late) add(N_("answer"));
        if (k.timing.fix_late) add(N_("fix direction"));
        list.rows.push_back({k.received, k.customer_name.empty() ? k.customer_id : k.customer_name, k.summary,
                             hours(k.timing.answer_hours, !k.answered.empty()), hours(k.timing.fix_hours, !k.fix_given.empty()),
                             k.resolved.empty() ? std::string(tr("open")) : k.resolved,
                             k.satisfaction ? std::to_string(*k.satisfaction) : "", late});
    }
    return {{"", std::move(groups)}, {tr("Complaints"), std::move(list)}};
}

// ---- captions ----

std::string window_text(const ReportContext& c) { return describe_range(c.window); }

std::string state_date(const ReportContext& c) { return (c.as_of ? *c.as_of : c.today).iso(); }

}  // namespace

std::string report_caption(const Report& r, const ReportContext& c) {
    std::string out = std::visit(
        Overloaded{
            // TRANSLATORS: a date, then the currency code.
            [&](const Funnel&) { return trf("Funnel: open projects by stage on {}, in {}", state_date(c), money_unit_label(c.unit, c.currency)); },
            // TRANSLATORS: the range of dates ("2026Q4 (2026-10-01 to 2026-12-31)", "all dates").
            [&](const Conversion&) { return trf("Conversion through the stages, {}", window_text(c)); },
            [&](const Stale& s) {
                std::string out = trf("Stale projects on {}: no activity for more than {} days, past expected close, "
                                      "next gate unmet for more than {} days, plan tasks overdue, control points missed",
                                      c.today.iso(), s.stale_days, s.gate_overdue_days);
                // TRANSLATORS: appended to the caption of report stale when there is a customer master.
                if (s.customer_master) out += tr("; customers: revisits due, complaints answered late");
                return out;
            },
            [&](const RiskRegister& k) {
                return trf("Risk register on {}: open risks of open and won projects, flagged (!) at score {} or more",
                           c.today.iso(), k.threshold);
            },
            [&](const Payments&) { return trf("Payments (回款) on {}, in {}", c.today.iso(), money_unit_label(c.unit, c.currency)); },
            [&](const Scorecard&) {
                // TRANSLATORS: the range of dates, the currency code, the date of the open projects' state.
                return trf("Scorecard, {}, in {}; open pipeline on {}", window_text(c), money_unit_label(c.unit, c.currency), state_date(c));
            },
            // TRANSLATORS: the range of dates ("from 2026-10-15"), then the currency code.
            [&](const Sources&) { return trf("Lead sources, leads recorded {}, in {}", window_text(c), money_unit_label(c.unit, c.currency)); },
            // TRANSLATORS: the range of dates ("2026Q4 (2026-10-01 to 2026-12-31)"), then the currency code.
            [&](const Losses&) { return trf("Losses, closed {}, in {}", window_text(c), money_unit_label(c.unit, c.currency)); },
            [&](const Progress& g) {
                // TRANSLATORS: the month (2026-11 (2026-11-01 to 2026-11-30)), the currency, how many projects.
                std::string out = trnf(
                    "Progress in {}, in {}: {} project open or active in the month; next = the unmet checks on {}",
                    "Progress in {}, in {}: {} projects open or active in the month; next = the unmet checks on {}",
                    g.projects.size(), describe_range(g.month), money_unit_label(c.unit, c.currency), g.projects.size(),
                    c.today.iso());
                // TRANSLATORS: appended to the caption of report progress outside a git repository.
                if (!g.changes_read) out += tr("; amount and close changes need the git history");
                return out;
            },
            [&](const BudgetReport& b) {
                // TRANSLATORS: the date, the currency, rules.budget_share_of_margin, then how many
                // projects are over their limit.
                return trf("Presales budgets on {}, in {}; a limit not written is {}% of amount × margin; {} over budget",
                           c.today.iso(), money_unit_label(c.unit, c.currency), b.share_of_margin, b.over);
            },
            [&](const CustomerReport& k) {
                // TRANSLATORS: grade, size or industry; the date; the currency. Revisits are overdue by
                // rules.revisit_days, complaints late by rules.complaint_answer_hours and complaint_fix_hours.
                std::string out = trf("Customers by {} on {}, in {}: revisits overdue by the interval of the customer's grade, "
                                      "complaints answered or given a fix direction later than the rules",
                                      grouping_header(k.by), c.today.iso(), money_unit_label(c.unit, c.currency));
                // TRANSLATORS: appended to the caption of report customers without a customers/ folder.
                if (!k.has_master) out += tr("; no customer master (customers/): customers are the names the projects give");
                return out;
            },
            [&](const ServiceReport& s) {
                // TRANSLATORS: the range of dates, then rules.complaint_answer_hours and rules.complaint_fix_hours.
                return trf("Customer service, complaints received {}: an answer within {} hours and a direction for a fix "
                           "within {} hours (rules); hours with + are still running",
                           window_text(c), s.answer_hours, s.fix_hours);
            },
            [&](const Calibration& k) {
                // TRANSLATORS: the range of dates, then how many projects closed in it and how many were won.
                return trf("Stage probabilities beside what happened, projects closed {}: {} closed, {} won; per stage, "
                           "the share won of those that reached it, with its 90% interval",
                           window_text(c), k.closed, k.won);
            },
        },
        r);
    // Funnel and scorecard name the date of the projects' state already.
    const bool dated = std::holds_alternative<Funnel>(r) || std::holds_alternative<Scorecard>(r);
    // TRANSLATORS: appended to a caption: the date the projects were rebuilt as of.
    if (c.as_of && !dated) out += trf(", as of {}", c.as_of->iso());
    return out + filter_clause(c.filter);
}

std::vector<ReportSection> report_sections(const Report& r, const Process& process, NumberStyle style) {
    return std::visit([&](const auto& report) { return sections(report, process, Cells{style}); }, r);
}

Table report_data(const Report& r, const Process& process) {
    if (const auto* p = std::get_if<Payments>(&r)) return payments_data(*p, process);
    auto all = report_sections(r, process, NumberStyle::for_machines());
    // Losses: the projects; the groupings are sums over them. Service: the complaints.
    if (std::holds_alternative<Losses>(r) || std::holds_alternative<ServiceReport>(r)) return std::move(all.back().table);
    return std::move(all.front().table);
}

std::string render_report_text(const Report& r, const Process& process, const ReportContext& c) {
    std::string out = report_caption(r, c) + "\n";
    for (const ReportSection& s : report_sections(r, process, NumberStyle::for_people(c.unit))) {
        out += "\n";
        if (!s.title.empty()) out += s.title + "\n";
        out += render_text(s.table, c.width);
    }
    return out;
}

std::string render_report_markdown(const Report& r, const Process& process, const ReportContext& c) {
    std::string out = "## " + markdown_escape(report_caption(r, c)) + "\n";
    for (const ReportSection& s : report_sections(r, process, NumberStyle::for_people(c.unit))) {
        out += "\n";
        if (!s.title.empty()) out += "### " + markdown_escape(s.title) + "\n\n";
        out += render_markdown(s.table);
    }
    return out;
}

}  // namespace pipeline
