// Reports as JSON: ids for programs, names beside them for people. Schemas: pipeline(1).
#include <fmt/format.h>

#include "pipeline/render/json.hpp"
#include "pipeline/render/report_render.hpp"

namespace pipeline {
namespace {


class Writer {
public:
    Writer(JsonWriter& w, const Process& process) : w_(w), process_(process) {}

    void date(const char* key, const std::optional<Date>& d) {
        w_.key(key);
        d ? w_.value(d->iso()) : w_.null();
    }
    void percent(const char* key, const std::optional<std::int64_t>& permille) {
        w_.key(key);
        permille ? w_.decimal(*permille, 1) : w_.null();
    }
    void money(const char* key, const std::optional<Money>& m) {
        w_.key(key);
        m ? w_.money(*m) : w_.null();
    }
    void text_or_null(const char* key, const std::string& s) {
        w_.key(key);
        s.empty() ? w_.null() : w_.value(s);
    }
    void days(const DayStats& d, const char* count, const char* median, const char* mean) {
        w_.key(count).value(d.count);
        w_.key(median);
        d.median ? w_.decimal(*d.median, 1) : w_.null();
        w_.key(mean);
        d.mean ? w_.decimal(*d.mean, 1) : w_.null();
    }
    void stage(const char* id_key, const char* name_key, int s) {
        const bool known = s >= 0 && s < static_cast<int>(process_.stages.size());
        w_.key(id_key);
        known ? w_.value(process_.stages[static_cast<std::size_t>(s)].id) : w_.null();
        w_.key(name_key);
        known ? w_.value(process_.stages[static_cast<std::size_t>(s)].name) : w_.null();
    }
    void owner(const std::string& id) {
        text_or_null("owner", id);
        w_.key("owner_name").value(owner_label(process_, id).english());
    }
    // Where a next step leads: a stage id, "won" for closing (-1), null when there is none.
    void next_stage(bool has, int stage) {
        w_.key("next_stage");
        if (!has) w_.null();
        else if (stage >= 0) w_.value(process_.stages[static_cast<std::size_t>(stage)].id);
        else w_.value("won");
    }
    void project(const ProjectRef& p) {
        w_.key("id").value(p.id);
        w_.key("name").value(p.name);
        owner(p.owner);
    }

    void operator()(const Funnel& f) {
        w_.key("stages").begin_array();
        for (const FunnelRow& r : f.stages) {
            w_.begin_object();
            stage("stage", "stage_name", r.stage);
            w_.key("probability").value(process_.stages[static_cast<std::size_t>(r.stage)].probability);
            w_.key("projects").value(r.figures.open);
            w_.key("amount").money(r.figures.open_amount);
            w_.key("weighted").money(r.figures.weighted_open);
            percent("weighted_share", r.weighted_share);
            percent("amount_share", r.amount_share);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        w_.key("projects").value(f.total.open);
        w_.key("amount").money(f.total.open_amount);
        w_.key("weighted").money(f.total.weighted_open);
        w_.end_object();
    }

    void operator()(const Conversion& c) {
        w_.key("stages").begin_array();
        for (const StageConversion& s : c.stages) {
            w_.begin_object();
            stage("stage", "stage_name", s.stage);
            w_.key("reached").value(s.reached);
            w_.key("advanced").value(s.advanced);
            w_.key("won").value(s.won);
            percent("to_next", s.to_next);
            percent("to_won", s.to_won);
            days(s.days, "stays", "median_days", "mean_days");
            w_.end_object();
        }
        w_.end_array();
        w_.key("outcomes").begin_object();
        w_.key("closed").value(c.closed);
        w_.key("won").value(c.won);
        w_.key("lost").value(c.lost);
        w_.key("abandoned").value(c.abandoned);
        percent("win_rate", c.win_rate);
        days(c.cycle, "cycles", "median_cycle_days", "mean_cycle_days");
        w_.end_object();
    }

    void operator()(const Stale& s) {
        w_.key("stale_days").value(s.stale_days);
        w_.key("gate_overdue_days").value(s.gate_overdue_days);
        w_.key("alerts").value(s.alerts);
        w_.key("projects").value(s.projects);
        w_.key("owners").begin_array();
        for (const StaleOwner& o : s.owners) {
            w_.begin_object();
            owner(o.owner);
            w_.key("alerts").begin_array();
            for (const StaleAlert& a : o.alerts) {
                w_.begin_object();
                w_.key("id").value(a.project.id);
                w_.key("name").value(a.project.name);
                stage("stage", "stage_name", a.project.stage);
                w_.key("kind").value(alert_id(a.kind));
                w_.key("since").value(a.since.iso());
                w_.key("days").value(a.days);
                next_stage(a.kind == AlertKind::gate_overdue || a.kind == AlertKind::control_point, a.next_stage);
                w_.key("unmet").begin_array();
                for (const std::string& u : a.unmet) w_.value(u);
                w_.end_array();
                w_.key("task");
                if (a.kind == AlertKind::task_overdue) w_.value(a.task);
                else w_.null();
                w_.key("task_owner");
                if (a.kind == AlertKind::task_overdue && !a.task_owner.empty()) w_.value(a.task_owner);
                else w_.null();
                w_.key("customer");
                if (a.customer.empty()) w_.null();
                else w_.value(a.customer);
                w_.key("complaint");
                if (a.complaint.empty()) w_.null();
                else w_.value(a.complaint);
                w_.end_object();
            }
            w_.end_array();
            w_.end_object();
        }
        w_.end_array();
    }

    void operator()(const RiskRegister& r) {
        w_.key("threshold").value(r.threshold);
        w_.key("flagged").value(r.flagged);
        w_.key("risks").begin_array();
        for (const RiskRow& row : r.risks) {
            w_.begin_object();
            w_.key("id").value(row.project.id);
            w_.key("name").value(row.project.name);
            w_.key("status").value(status_id(row.project.status));
            w_.key("type").value(row.risk.type);
            w_.key("description").value(row.risk.description);
            w_.key("likelihood").value(row.risk.likelihood);
            w_.key("impact").value(row.risk.impact);
            w_.key("score").value(row.risk.score());
            w_.key("flagged").value(row.flagged);
            owner(row.owner);
            w_.key("mitigation").value(row.risk.mitigation);
            w_.end_object();
        }
        w_.end_array();
        w_.key("matrix").begin_array();
        for (const auto& by_impact : r.matrix) {
            w_.begin_array();
            for (int n : by_impact) w_.value(n);
            w_.end_array();
        }
        w_.end_array();
    }

    void figures(const PaymentFigures& f) {
        w_.key("instalments").value(f.instalments);
        w_.key("overdue_instalments").value(f.overdue_instalments);
        w_.key("waiting_instalments").value(f.waiting_instalments);
        w_.key("contracted").money(f.contracted);
        w_.key("received").money(f.received);
        w_.key("outstanding").money(f.outstanding);
        w_.key("waiting").money(f.waiting);
        w_.key("overdue").money(f.overdue);
        w_.key("aging").begin_object();
        for (std::size_t b = 1; b <= kAgingBuckets; ++b) w_.key(bucket_id(static_cast<AgingBucket>(b))).money(f.aging[b - 1]);
        w_.end_object();
        w_.key("oldest_days").value(f.oldest_days);
    }

    void operator()(const Payments& p) {
        w_.key("projects").begin_array();
        for (const ProjectPayments& row : p.projects) {
            w_.begin_object();
            project(row.project);
            figures(row.figures);
            w_.end_object();
        }
        w_.end_array();
        w_.key("owners").begin_array();
        for (const OwnerPayments& o : p.owners) {
            w_.begin_object();
            owner(o.owner);
            w_.key("projects").value(o.projects);
            figures(o.figures);
            w_.end_object();
        }
        w_.end_array();
        w_.key("instalments").begin_array();
        for (const Instalment& i : p.instalments) {
            w_.begin_object();
            project(i.project);
            date("due", i.due);
            text_or_null("milestone", i.milestone);
            w_.key("days_after").value(i.days_after);
            w_.key("waiting").value(i.waiting);
            w_.key("amount").money(i.amount);
            w_.key("received").money(i.received);
            date("received_on", i.received_on);
            w_.key("outstanding").money(i.outstanding);
            w_.key("days_overdue").value(i.days_overdue);
            text_or_null("aging", bucket_id(i.bucket));
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        figures(p.total);
        w_.end_object();
    }

    void score(const OwnerScore& s) {
        w_.key("open").value(s.pipeline.open);
        w_.key("open_amount").money(s.pipeline.open_amount);
        w_.key("weighted_open").money(s.pipeline.weighted_open);
        w_.key("won").value(s.won);
        w_.key("won_amount").money(s.won_amount);
        w_.key("lost").value(s.lost);
        w_.key("abandoned").value(s.abandoned);
        percent("win_rate", s.win_rate);
        days(s.cycle, "cycles", "median_cycle_days", "mean_cycle_days");
        w_.key("activities").value(s.activities);
        money("target", s.target ? std::optional<Money>(s.target->target) : std::nullopt);
        percent("attainment", s.target ? s.target->permille : std::nullopt);
    }

    void operator()(const Scorecard& s) {
        w_.key("targets_apply").value(s.targets_apply);
        w_.key("owners").begin_array();
        for (const OwnerScore& o : s.owners) {
            w_.begin_object();
            owner(o.owner);
            score(o);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        score(s.total);
        w_.end_object();
    }

    void source(const SourceRow& r) {
        w_.key("leads").value(r.leads);
        w_.key("reached").value(r.reached);
        w_.key("won").value(r.won);
        w_.key("won_amount").money(r.won_amount);
        money("cost", r.cost);
        money("cost_per_lead", r.cost_per_lead);
        money("cost_per_win", r.cost_per_win);
    }

    void operator()(const Sources& s) {
        stage("reached_stage", "reached_stage_name", s.reached_stage);
        w_.key("sources").begin_array();
        for (const SourceRow& r : s.sources) {
            w_.begin_object();
            text_or_null("source", r.source);
            source(r);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        source(s.total);
        w_.end_object();
        w_.key("kinds").begin_array();
        for (const LeadKindRow& k : s.kinds) {
            w_.begin_object();
            text_or_null("kind", k.kind);
            w_.key("leads").value(k.leads);
            w_.key("reached").value(k.reached);
            w_.key("won").value(k.won);
            w_.key("won_amount").money(k.won_amount);
            percent("win_rate", k.win_rate);
            w_.end_object();
        }
        w_.end_array();
    }

    void loss(const LossCount& l) {
        w_.key("lost").value(l.lost);
        w_.key("abandoned").value(l.abandoned);
        w_.key("projects").value(l.projects());
        w_.key("amount").money(l.amount);
    }

    void operator()(const Calibration& k) {
        w_.key("closed").value(k.closed);
        w_.key("won").value(k.won);
        w_.key("stages").begin_array();
        for (const CalibrationRow& r : k.stages) {
            w_.begin_object();
            stage("stage", "stage_name", r.stage);
            w_.key("probability").value(r.probability);
            w_.key("reached").value(r.reached);
            w_.key("won").value(r.won);
            percent("realised", r.rate);
            percent("low_90", r.low);
            percent("high_90", r.high);
            w_.end_object();
        }
        w_.end_array();
    }

    void operator()(const Losses& l) {
        w_.key("reasons").begin_array();
        for (const LossByReason& r : l.reasons) {
            w_.begin_object();
            text_or_null("reason", r.reason);
            loss(r.count);
            w_.end_object();
        }
        w_.end_array();
        w_.key("stages").begin_array();
        for (const LossByStage& s : l.stages) {
            w_.begin_object();
            stage("stage", "stage_name", s.stage);
            loss(s.count);
            w_.end_object();
        }
        w_.end_array();
        w_.key("projects").begin_array();
        for (const LostProject& p : l.projects) {
            w_.begin_object();
            project(p.project);
            w_.key("outcome").value(status_id(p.project.status));
            stage("stage", "stage_name", p.stage);
            w_.key("closed_on").value(p.closed_on.iso());
            text_or_null("reason", p.reason);
            w_.key("amount").money(p.amount);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        loss(l.total);
        w_.end_object();
    }

    void operator()(const Progress& g) {
        w_.key("projects").begin_array();
        for (const ProjectProgress& p : g.projects) {
            w_.begin_object();
            project(p.project);
            w_.key("status").value(status_id(p.project.status));
            stage("stage", "stage_name", p.project.stage);
            w_.key("amount").money(p.amount);
            w_.key("weighted").money(p.weighted);
            w_.key("moves").value(p.moves);
            w_.key("activities").value(p.activities);
            w_.key("received").money(p.received);
            w_.key("tasks_done").value(p.tasks_done);
            w_.key("tasks_overdue").value(p.tasks_overdue);
            w_.key("changes");
            g.changes_read ? w_.value(p.changes) : w_.null();
            w_.key("risks_opened").value(p.risks_opened);
            w_.key("risks_closed").value(p.risks_closed);
            w_.key("events").begin_array();
            for (const ProgressEvent& e : p.events) {
                w_.begin_object();
                w_.key("date").value(e.date.iso());
                w_.key("kind").value(progress_id(e.kind));
                text_or_null("type", e.type);
                text_or_null("text", e.text);
                text_or_null("by", e.by);
                if (e.kind == ProgressKind::stage_move) {
                    stage("from", "from_name", e.from);
                    stage("to", "to_name", e.to);
                    w_.key("outcome");
                    e.outcome ? w_.value(status_id(*e.outcome)) : w_.null();
                    text_or_null("forced", e.forced);
                }
                if (e.kind == ProgressKind::payment) date("due", e.due);
                if (e.kind == ProgressKind::amount_change) money("amount_before", e.amount_before);
                if (e.kind == ProgressKind::close_change) {
                    date("close_before", e.close_before);
                    date("close_after", e.close_after);
                }
                money("amount", e.amount);
                w_.end_object();
            }
            w_.end_array();
            next_stage(p.has_next, p.next_stage);
            w_.key("unmet").begin_array();
            for (const std::string& u : p.unmet) w_.value(u);
            w_.end_array();
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        w_.key("projects").value(g.projects.size());
        w_.key("moves").value(g.moves);
        w_.key("activities").value(g.activities);
        w_.key("received").money(g.received);
        w_.key("tasks_done").value(g.tasks_done);
        w_.key("tasks_overdue").value(g.tasks_overdue);
        w_.key("changes");
        g.changes_read ? w_.value(g.changes) : w_.null();
        w_.key("risks_opened").value(g.risks_opened);
        w_.key("risks_closed").value(g.risks_closed);
        w_.end_object();
    }

    void customer_group(const CustomerGroup& g) {
        w_.key("customers").value(g.customers);
        w_.key("projects").value(g.figures.project_count);
        w_.key("open").value(g.figures.open);
        w_.key("pipeline").money(g.figures.pipeline);
        w_.key("weighted").money(g.figures.weighted);
        w_.key("won").value(g.figures.won);
        w_.key("won_amount").money(g.figures.won_amount);
        w_.key("receivable").money(g.figures.receivable);
        w_.key("revisits_overdue").value(g.revisits_overdue);
        w_.key("complaints_open").value(g.complaints_open);
        w_.key("complaints_late").value(g.complaints_late);
    }

    void operator()(const CustomerReport& k) {
        w_.key("by").value(customer_grouping_name(k.by));
        w_.key("customer_master").value(k.has_master);
        w_.key("groups").begin_array();
        for (const CustomerGroup& g : k.groups) {
            w_.begin_object();
            text_or_null("key", g.key);
            customer_group(g);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        customer_group(k.total);
        w_.end_object();
    }

    void service_group(const ServiceGroup& g) {
        w_.key("complaints").value(g.complaints);
        w_.key("open").value(g.open);
        w_.key("answer_late").value(g.answer_late);
        w_.key("fix_late").value(g.fix_late);
        days(g.answer_hours, "answered", "answer_hours_median", "answer_hours_mean");
        days(g.fix_hours, "fix_given", "fix_hours_median", "fix_hours_mean");
        w_.key("satisfaction_mean");
        g.satisfaction ? w_.decimal(*g.satisfaction, 1) : w_.null();
    }

    void operator()(const ServiceReport& s) {
        w_.key("by").value(customer_grouping_name(s.by));
        w_.key("answer_hours").value(s.answer_hours);
        w_.key("fix_hours").value(s.fix_hours);
        w_.key("groups").begin_array();
        for (const ServiceGroup& g : s.groups) {
            w_.begin_object();
            text_or_null("key", g.key);
            service_group(g);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        service_group(s.total);
        w_.end_object();
        w_.key("complaints").begin_array();
        for (const ServiceComplaint& k : s.complaints) {
            w_.begin_object();
            w_.key("customer").value(k.customer_id);
            w_.key("customer_name").value(k.customer_name);
            text_or_null("grade", k.grade);
            w_.key("summary").value(k.summary);
            w_.key("received").value(k.received);
            text_or_null("answered", k.answered);
            text_or_null("fix_given", k.fix_given);
            text_or_null("resolved", k.resolved);
            w_.key("satisfaction");
            k.satisfaction ? w_.value(*k.satisfaction) : w_.null();
            w_.key("answer_hours");
            k.timing.answer_hours ? w_.value(*k.timing.answer_hours) : w_.null();
            w_.key("fix_hours");
            k.timing.fix_hours ? w_.value(*k.timing.fix_hours) : w_.null();
            w_.key("answer_late").value(k.timing.answer_late);
            w_.key("fix_late").value(k.timing.fix_late);
            w_.key("open").value(k.timing.open);
            w_.end_object();
        }
        w_.end_array();
    }

    void operator()(const BudgetReport& b) {
        w_.key("share_of_margin").value(b.share_of_margin);
        w_.key("projects").begin_array();
        for (const BudgetRow& r : b.projects) {
            w_.begin_object();
            project(r.project);
            w_.key("status").value(status_id(r.project.status));
            text_or_null("sponsor", r.sponsor);
            money("limit", r.limit);
            w_.key("derived").value(r.derived);
            w_.key("spent").money(r.spent);
            money("remaining", r.remaining);
            percent("used", r.used);
            w_.key("expenses").value(r.expenses);
            w_.key("approved").value(r.approved);
            w_.key("over").value(r.over);
            w_.key("over_unapproved").value(r.over_unapproved);
            w_.end_object();
        }
        w_.end_array();
        w_.key("total").begin_object();
        w_.key("projects").value(b.projects.size());
        w_.key("limit").money(b.limit);
        w_.key("spent").money(b.spent);
        w_.key("over").value(b.over);
        w_.key("over_unapproved").value(b.over_unapproved);
        w_.key("unapproved").value(b.unapproved);
        w_.end_object();
    }

private:
    JsonWriter& w_;
    const Process& process_;
};

}  // namespace

std::string render_report_json(const Report& r, const Process& process, const ReportContext& c) {
    JsonWriter w;
    Writer out(w, process);
    w.begin_object();
    w.key("report").value(report_kind_name(report_kind(r)));
    w.key("currency").value(c.currency);
    w.key("today").value(c.today.iso());
    out.date("as_of", c.as_of);
    w.key("window").begin_object();
    out.text_or_null("label", c.window.label);
    out.date("from", c.window.from);
    out.date("to", c.window.to);
    w.end_object();
    w.key("filter").begin_array();
    for (const std::string& term : c.filter) w.value(term);
    w.end_array();
    std::visit(out, r);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
