// pipeline show: one project for a person (text) or a program (JSON).
#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/budget.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/render/record_json.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

// -1 day, as 1 day, is singular.
std::string days(int n) {
    return trnf("{} day", "{} days", static_cast<unsigned long>(n < 0 ? -static_cast<long>(n) : n), n);
}

std::string person_label(const Process& process, const std::string& id) {
    if (id.empty()) return tr("(none)");
    const Person* person = process.person(id);
    return person && !person->name.empty() && person->name != id ? fmt::format("{} ({})", person->name, id) : id;
}

std::string stage_list(const Process& process, const std::vector<int>& stages) {
    std::string out;
    for (int s : stages) out += (out.empty() ? "" : ", ") + process.stage_label(s);
    return out;
}

std::string checklist_heading(const Project& p, const ProjectView& v, const Process& process) {
    std::size_t holding = 0;
    for (const CheckResult& r : v.checklist) holding += r.holds ? 1 : 0;
    const bool leaving = !v.free_stages.empty() && v.next_stage >= 0;
    const std::string target = v.next_stage < 0 ? std::string(tr("Gate to close as won"))
                               : leaving        ? trf("Gate to leave the flexible group for {}", process.stage_label(v.next_stage))
                                                : trf("Gate to {}", process.stage_label(v.next_stage));
    // TRANSLATORS: the gate ("Gate to 招投标 (tender)").
    if (v.checklist.empty()) return trf("{}: no checks", target) + "\n";
    // TRANSLATORS: the command to type: "advance" or "close --won", then the project's id.
    const std::string ready = trf("ready: pipeline {} {}", v.next_stage >= 0 ? "advance" : "close --won", p.id);
    std::string status;
    // TRANSLATORS: "ready: pipeline advance ID".
    if (v.checklist.size() == 1) status = holding ? trf("the check holds; {}", ready) : tr("the check does not hold");
    // TRANSLATORS: the number of checks (two or more), then "ready: pipeline advance ID".
    else if (holding == v.checklist.size()) status = trf("all {} checks hold; {}", holding, ready);
    else status = trf("{} of {} checks hold", holding, v.checklist.size());
    // TRANSLATORS: the gate ("Gate to 招投标 (tender)"), then how many of its checks hold.
    return trf("{}: {}", target, status) + "\n";
}

// The market importance as a reader sees it: the id in English, 高/中/低 in Chinese.
std::string market_word(std::string_view id) {
    if (current_language() == Language::english) return std::string(id);
    const EnumValue* v = find_enum_value(project_spec().find("market_importance")->values, id);
    return std::string(v ? v->name() : id);
}

}  // namespace

std::string render_show_text(const Project& p, const ProjectView& v, const Process& process, Date today) {
    std::string out = fmt::format("{}  {}\n", p.id, p.name);
    std::vector<std::vector<std::string>> rows;
    rows.push_back({tr("customer"), p.customer.name + (p.customer.industry.empty() ? "" : " (" + p.customer.industry + ")")});
    rows.push_back({tr("owner"), person_label(process, p.owner)});
    // The status as filters and pipeline.yaml write it: its id, or under zh its name.
    if (p.status == Status::open) {
        rows.push_back({tr("status"), status_label(p.status, process)});
    } else {
        std::string status = status_label(p.status, process);
        // TRANSLATORS: the status ("won", "lost", "abandoned"; under zh its name), then a date.
        if (p.closed_on) status = trf("{}, closed on {}", status, p.closed_on->iso());
        rows.push_back({tr("status"), status});
        if (!p.close_reason.empty()) rows.push_back({tr("close reason"), p.close_reason});
    }
    // TRANSLATORS: the stage ("招投标 (tender)"), then its win probability.
    std::string stage = p.stage >= 0 ? trf("{}, {}%", process.stage_label(p.stage), v.stage_probability)
                                     : trf("\"{}\" (not a stage of pipeline.yaml)", p.stage_text);
    // TRANSLATORS: after the stage and its probability: what a project in a flexible group is weighted at.
    if (v.probability < v.stage_probability) stage += trf("; weighted at {}% (the gates of its flexible group it meets)", v.probability);
    rows.push_back({tr("stage"), stage});
    if (p.status == Status::open && v.days_in_stage) {
        // TRANSLATORS: "12 days", then the date the project entered its stage.
        const std::string since = trf("{}, since {}", days(*v.days_in_stage), v.stage_entered->iso());
        rows.push_back({tr("in stage"), since});
    }
    const std::string currency(process.currency_of(p.currency.view()));
    // The signed contract's amount once there is one: what the figures use.
    const Money value = project_value(p);
    rows.push_back({tr("amount"), currency == process.currency
                                      ? format_money(value) + " " + currency
                                      : fmt::format("{} {} = {} {}", format_money(value), currency,
                                                    format_money(v.amount), process.currency)});
    rows.push_back({tr("weighted"), format_money(v.weighted) + " " + process.currency});
    if (const std::string grade = process.importance_of(p); !grade.empty()) {
        std::string why = p.margin ? trf("margin {}%", *p.margin) : std::string(tr("no margin"));
        if (!p.market_importance.empty())
            why += tr("; ") + trf("market {}", market_word(p.market_importance.view()));
        // TRANSLATORS: the importance grade (A), then what it follows from (margin 24%; market high).
        rows.push_back({tr("importance"), trf("{} ({})", grade, why)});
    }
    if (p.status == Status::open && p.expected_close) {
        const int left = *p.expected_close - today;
        const std::string date = p.expected_close->iso();
        // TRANSLATORS: the expected close date, then "12 days" (from today).
        const std::string when = left >= 0 ? trf("{}, in {}", date, days(left))
                                           // TRANSLATORS: the expected close date, then "12 days" (before today).
                                           : trf("{}, {} ago", date, days(-left));
        rows.push_back({tr("expected close"), when});
    }
    if (v.last_activity) {
        const Activity& a = *v.last_activity;
        std::string what = a.type.empty() ? a.note.str() : a.note.empty() ? a.type.str() : fmt::format("{}: {}", a.type, a.note);
        // TRANSLATORS: the date of the activity, its type and note as written, then "12 days".
        const std::string last = trf("{} {} ({} ago)", a.date->iso(), what, days(today - *a.date));
        rows.push_back({tr("last activity"), last});
    } else {
        rows.push_back({tr("last activity"), tr("none recorded")});
    }
    for (const CustomValue& value : p.custom) {
        if (value.refused) continue;
        const CustomField& field = process.fields[value.field];
        rows.push_back({field.key, custom_value_text(field, value, process, currency)});
    }
    out += aligned_rows(rows, "  ");

    if (v.has_next) {
        out += "\n";
        if (!v.free_stages.empty())
            // TRANSLATORS: the stages of the group, joined with ", ", then the project's id.
            out += trf("Flexible group: free to move to {} in any order (pipeline advance {} --to STAGE)",
                       stage_list(process, v.free_stages), p.id) +
                   "\n";
        out += checklist_heading(p, v, process);
        out += render_checklist(v.checklist, process, "  ");
    }

    // Who decides, who works it, against whom, and what was approved (sop.md §3, §4): the
    // lists a manager reads before a review; a list the file lacks is not shown.
    const auto section = [&out](const std::string& heading, const std::vector<std::vector<std::string>>& rows) {
        if (rows.empty()) return;
        out += "\n" + heading + "\n" + aligned_rows(rows, "  ");
    };
    std::vector<std::vector<std::string>> chain, team, rivals, approvals;
    for (const Contact& c : p.contacts)
        chain.push_back({c.name.str(), c.title.str(), item_value_label(process, "contacts", "role", c.role),
                         item_value_label(process, "contacts", "attitude", c.attitude)});
    for (const TeamMember& m : p.team) team.push_back({person_shown(process, m.name.view()), m.role.str()});
    for (const Competitor& c : p.competitors) rivals.push_back({c.name.str(), c.strength.str(), c.note.str()});
    for (const Approval& a : p.approvals)
        approvals.push_back({item_value_label(process, "approvals", "type", a.type), a.date ? a.date->iso() : "",
                             person_shown(process, a.by.view()), item_value_label(process, "approvals", "result", a.result),
                             a.note.str()});
    section(tr("Decision chain:"), chain);
    section(tr("Team:"), team);
    section(tr("Competitors:"), rivals);
    section(tr("Approvals:"), approvals);

    // The documents, the presales budget and the sales plan (sop.md §3): what the initiation set out.
    std::vector<std::vector<std::string>> documents, tasks, criteria, points;
    for (const Document& d : p.documents)
        documents.push_back({d.type.str(), d.title.str(), d.date ? d.date->iso() : "", person_shown(process, d.by.view()),
                             d.path.empty() ? "" : d.file_missing ? trf("{} (missing)", d.path) : d.path.str()});
    section(tr("Documents:"), documents);
    if (const auto b = budget_standing(p, process)) {
        const std::string currency_code(process.currency_of(p.currency.view()));
        std::vector<std::vector<std::string>> rows;
        // TRANSLATORS: the budget limit, written or derived from the margin (rules.budget_share_of_margin).
        if (b->limit) rows.push_back({tr("limit"), format_money(*b->limit) + " " + currency_code + (b->derived ? trf(" ({}% of the expected gross profit)", process.rules.budget_share_of_margin) : "")});
        rows.push_back({tr("spent"), trnf("{} in {} expense", "{} in {} expenses", b->expenses, format_money(b->spent), b->expenses)});
        if (const auto left = b->remaining()) rows.push_back({tr("remaining"), format_money(*left) + (b->over() ? " " + std::string(tr("(over budget)")) : "")});
        rows.push_back({tr("approved"), b->approved ? tr("yes") : tr("no")});
        out += "\n" + std::string(tr("Presales budget:")) + "\n" + aligned_rows(rows, "  ");
    }
    for (const PlanTask& t : p.plan.tasks) {
        // TRANSLATORS: the state of a task of the sales plan: done on a date, overdue since its due date, or due on it.
        const std::string state = t.done ? trf("done {}", t.done->iso())
                                  : t.due && *t.due < today ? trf("overdue since {}", t.due->iso())
                                  : t.due ? trf("due {}", t.due->iso())
                                          : std::string();
        tasks.push_back({t.task.str(), person_shown(process, t.owner.view()), state});
    }
    for (const ExitCriterion& c : p.plan.exit_criteria) criteria.push_back({c.text.str()});
    for (const ControlPoint& c : p.plan.control_points)
        points.push_back({c.stage >= 0 ? process.stage_label(c.stage) : c.stage_text.str(), c.date ? c.date->iso() : ""});
    const bool has_plan = !p.plan.goals.empty() || !p.plan.strengths.empty() || !p.plan.weaknesses.empty() || !tasks.empty() ||
                          !criteria.empty() || !points.empty();
    if (has_plan) {
        std::vector<std::vector<std::string>> rows;
        if (!p.plan.goals.empty()) rows.push_back({tr("goals"), p.plan.goals.str()});
        if (!p.plan.strengths.empty()) rows.push_back({tr("strengths"), p.plan.strengths.str()});
        if (!p.plan.weaknesses.empty()) rows.push_back({tr("weaknesses"), p.plan.weaknesses.str()});
        out += "\n" + std::string(tr("Sales plan:")) + "\n" + (rows.empty() ? "" : aligned_rows(rows, "  "));
        section(tr("Plan tasks:"), tasks);
        section(tr("Exit criteria:"), criteria);
        section(tr("Control points:"), points);
    }

    out += "\n";
    if (v.open_risks.empty()) {
        out += tr("Open risks: none") + std::string("\n");
    } else {
        out += trf("Open risks (! = score {} or more):", process.rules.risk_threshold) + "\n";
        std::vector<std::vector<std::string>> risk_rows;
        for (const Risk* r : v.open_risks)
            risk_rows.push_back({r->score() >= process.rules.risk_threshold ? "!" : " ", fmt::format("{:>2}", r->score()),
                                 item_value_label(process, "risks", "type", r->type), r->description, r->owner.empty() ? "" : trf("owner {}", person_shown(process, r->owner.view()))});
        out += aligned_rows(risk_rows, "  ");
    }
    out += "\n";
    if (v.overdue.empty()) {
        out += tr("Overdue payments: none") + std::string("\n");
    } else {
        out += tr("Overdue payments:") + std::string("\n");
        std::vector<std::vector<std::string>> pay_rows;
        for (const OverduePayment& o : v.overdue) {
            // TRANSLATORS: the outstanding amount, the amount due, the currency code.
            std::string outstanding = trf("{} of {} {} outstanding", format_money(o.outstanding),
                                          format_money(o.payment->amount), currency);
            // TRANSLATORS: "12 days".
            std::string late = trf("{} overdue", days(o.days));
            pay_rows.push_back(
                {trf("due {}", o.due.iso()), std::move(outstanding), std::move(late), o.payment->note});
        }
        out += aligned_rows(pay_rows, "  ");
    }
    return out;
}

std::string render_show_json(const Project& p, const ProjectView& v, const Process& process, Date today) {
    auto date_or_null = [](JsonWriter& w, const std::optional<Date>& d) {
        if (d) w.value(d->iso());
        else w.null();
    };
    // Absent text is null, as pipeline(1) says, not "".
    auto text = [](JsonWriter& w, std::string_view key, std::string_view value) {
        w.key(key);
        value.empty() ? w.null() : w.value(value);
    };
    JsonWriter w;
    w.begin_object();
    w.key("id").value(p.id);
    w.key("name").value(p.name);
    w.key("path").value(p.path);
    w.key("customer").begin_object();
    text(w, "name", p.customer.name.view());
    text(w, "industry", p.customer.industry.view());
    w.end_object();
    w.key("owner").begin_object();
    w.key("id").value(p.owner);
    const Person* owner = process.person(p.owner);
    text(w, "name", owner ? std::string_view(owner->name) : std::string_view());
    w.end_object();
    w.key("status").value(status_id(p.status));
    w.key("stage");
    write_stage(w, process, p.stage);
    w.key("stage_entered");
    date_or_null(w, v.stage_entered);
    w.key("days_in_stage");
    if (v.days_in_stage) w.value(*v.days_in_stage);
    else w.null();
    w.key("amount").money(p.amount);
    w.key("currency").value(process.currency_of(p.currency.view()));
    w.key("amount_base").money(v.amount);
    w.key("base_currency").value(process.currency);
    w.key("weighted").money(v.weighted);
    w.key("importance");
    if (const std::string grade = process.importance_of(p); !grade.empty()) w.value(grade);
    else w.null();
    w.key("expected_close");
    date_or_null(w, p.expected_close);
    w.key("closed_on");
    date_or_null(w, p.closed_on);
    text(w, "close_reason", p.close_reason.view());
    w.key("next");
    if (!v.has_next) {
        w.null();
    } else {
        w.begin_object();
        w.key("stage");
        write_stage(w, process, v.next_stage);
        w.key("free_stages").begin_array();
        for (int s : v.free_stages) write_stage(w, process, s);
        w.end_array();
        w.key("gates").begin_array();
        for (int s : v.gates) w.value(process.stages[s].id);
        w.end_array();
        bool ready = true;
        for (const CheckResult& r : v.checklist) ready = ready && r.holds;
        w.key("ready").value(ready);
        w.key("checks").begin_array();
        for (const CheckResult& r : v.checklist) write_check(w, r, process);
        w.end_array();
        w.end_object();
    }
    w.key("contacts").begin_array();
    for (const Contact& c : p.contacts) {
        w.begin_object();
        text(w, "name", c.name.view());
        text(w, "title", c.title.view());
        text(w, "role", c.role.view());
        text(w, "attitude", c.attitude.view());
        w.end_object();
    }
    w.end_array();
    w.key("team").begin_array();
    for (const TeamMember& m : p.team) {
        w.begin_object();
        text(w, "name", m.name.view());
        text(w, "role", m.role.view());
        w.end_object();
    }
    w.end_array();
    w.key("competitors").begin_array();
    for (const Competitor& c : p.competitors) {
        w.begin_object();
        text(w, "name", c.name.view());
        text(w, "strength", c.strength.view());
        text(w, "note", c.note.view());
        w.end_object();
    }
    w.end_array();
    w.key("approvals").begin_array();
    for (const Approval& a : p.approvals) {
        w.begin_object();
        text(w, "type", a.type.view());
        text(w, "by", a.by.view());
        w.key("date");
        date_or_null(w, a.date);
        text(w, "result", a.result.view());
        text(w, "note", a.note.view());
        w.end_object();
    }
    w.end_array();
    w.key("budget_standing");
    if (const auto b = budget_standing(p, process)) {
        w.begin_object();
        w.key("limit");
        b->limit ? w.money(*b->limit) : w.null();
        w.key("derived").value(b->derived);
        w.key("spent").money(b->spent);
        w.key("remaining");
        b->remaining() ? w.money(*b->remaining()) : w.null();
        w.key("over").value(b->over());
        w.key("approved").value(b->approved);
        w.key("change_approved").value(b->change_approved);
        w.end_object();
    } else {
        w.null();
    }
    w.key("risk_threshold").value(process.rules.risk_threshold);
    w.key("risks").begin_array();
    for (const Risk* r : v.open_risks) {
        w.begin_object();
        text(w, "type", r->type.view());
        text(w, "description", r->description.view());
        w.key("likelihood").value(r->likelihood);
        w.key("impact").value(r->impact);
        w.key("score").value(r->score());
        w.key("flagged").value(r->score() >= process.rules.risk_threshold);
        text(w, "owner", r->owner.view());
        text(w, "mitigation", r->mitigation.view());
        w.end_object();
    }
    w.end_array();
    w.key("overdue_payments").begin_array();
    for (const OverduePayment& o : v.overdue) {
        w.begin_object();
        w.key("due").value(o.due.iso());
        w.key("amount").money(o.payment->amount);
        w.key("received").money(o.payment->received.value_or(Money{}));
        w.key("outstanding").money(o.outstanding);
        w.key("days_overdue").value(o.days);
        text(w, "note", o.payment->note.view());
        w.end_object();
    }
    w.end_array();
    w.key("last_activity");
    if (!v.last_activity) {
        w.null();
    } else {
        const Activity& a = *v.last_activity;
        w.begin_object();
        w.key("date").value(a.date->iso());
        text(w, "type", a.type.view());
        text(w, "note", a.note.view());
        text(w, "by", a.by.view());
        w.key("days_ago").value(today - *a.date);
        w.end_object();
    }
    w.key("record");
    write_record_json(w, p, process);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
