#include "pipeline/render/customer_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

std::string customer_value(std::string_view key, const CompactString& id) { return customer_value_label(key, id.view()); }

std::string money_cell(Money m, bool plain) { return plain ? plain_money(m) : format_money(m); }

std::string next_revisit(const CustomerView& v) { return v.revisit ? v.revisit->due.iso() : ""; }

void text_or_null(JsonWriter& w, std::string_view key, std::string_view value) {
    w.key(key);
    if (value.empty()) w.null();
    else w.value(value);
}

void date_or_null(JsonWriter& w, std::string_view key, const std::optional<Date>& d) {
    w.key(key);
    if (d) w.value(d->iso());
    else w.null();
}

void figures_json(JsonWriter& w, const CustomerView& v) {
    const CustomerRecord& c = *v.customer;
    w.key("id").value(c.id);
    w.key("name").value(c.name);
    text_or_null(w, "industry", c.industry.view());
    text_or_null(w, "size", c.size.view());
    text_or_null(w, "grade", c.grade.view());
    w.key("projects").value(v.projects.size());
    w.key("open").value(v.open);
    w.key("won").value(v.won);
    w.key("pipeline").money(v.pipeline);
    w.key("weighted").money(v.weighted);
    w.key("won_amount").money(v.won_amount);
    w.key("receivable").money(v.receivable);
    date_or_null(w, "last_revisit", c.last_revisit());
    date_or_null(w, "next_revisit", v.revisit ? std::optional<Date>(v.revisit->due) : std::nullopt);
    w.key("complaints_open").value(v.complaints_open);
    w.key("complaints_late").value(v.complaints_late);
}

}  // namespace

Table customer_list_table(const std::vector<CustomerView>& customers, const Process&, bool plain) {
    Table t;
    t.columns = {{tr("id")}, {tr("name"), Align::left, true}, {tr("grade")}, {tr("size")}, {tr("industry")},
                 {tr("projects"), Align::right}, {tr("pipeline"), Align::right}, {tr("weighted"), Align::right},
                 {tr("won"), Align::right}, {tr("receivable"), Align::right}, {tr("last revisit")}, {tr("next revisit")},
                 // TRANSLATORS: a column: complaints not yet resolved.
                 {tr("open complaints"), Align::right}};
    for (const CustomerView& v : customers) {
        const CustomerRecord& c = *v.customer;
        const auto last = c.last_revisit();
        t.rows.push_back({c.id.str(), c.name.str(), customer_value("grade", c.grade), customer_value("size", c.size),
                          c.industry.str(), std::to_string(v.projects.size()), money_cell(v.pipeline, plain),
                          money_cell(v.weighted, plain), money_cell(v.won_amount, plain), money_cell(v.receivable, plain),
                          last ? last->iso() : "", next_revisit(v), std::to_string(v.complaints_open)});
    }
    return t;
}

std::string render_customer_list_json(const std::vector<CustomerView>& customers, const Process& process) {
    JsonWriter w;
    w.begin_object();
    w.key("currency").value(process.currency);
    w.key("customers").begin_array();
    for (const CustomerView& v : customers) {
        w.begin_object();
        figures_json(w, v);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

std::string render_customer_text(const CustomerView& v, const Process& process, Date today) {
    const CustomerRecord& c = *v.customer;
    std::string out = fmt::format("{}  {}\n", c.id.view(), c.name.view());
    std::vector<std::vector<std::string>> rows;
    const auto row = [&](std::string label, std::string value) {
        if (!value.empty()) rows.push_back({std::move(label), std::move(value)});
    };
    row(tr("industry"), c.industry.str());
    row(tr("size"), customer_value("size", c.size));
    row(tr("grade"), customer_value("grade", c.grade));
    row(tr("pipeline"), fmt::format("{} {} ({} {})", format_money(v.pipeline), process.currency, v.open, tr("open")));
    row(tr("weighted"), fmt::format("{} {}", format_money(v.weighted), process.currency));
    row(tr("won"), fmt::format("{} {} ({})", format_money(v.won_amount), process.currency, v.won));
    row(tr("receivable"), fmt::format("{} {}", format_money(v.receivable), process.currency));
    if (const auto last = c.last_revisit()) row(tr("last revisit"), last->iso());
    if (v.revisit)
        row(tr("next revisit"), v.revisit->due < today ? trf("{} ({} days overdue)", v.revisit->due.iso(), today - v.revisit->due)
                                                       : v.revisit->due.iso());
    row(tr("complaints"), trf("{} open, {} answered late", v.complaints_open, v.complaints_late));
    out += aligned_rows(rows, "  ");

    if (!v.projects.empty()) {
        Table t;
        t.columns = {{tr("id")}, {tr("stage")}, {tr("status")}, {tr("amount"), Align::right}, {tr("name"), Align::left, true}};
        for (const Project* p : v.projects)
            t.rows.push_back({p->id.str(), p->stage >= 0 ? process.stages[p->stage].name : p->stage_text.str(),
                              status_label(p->status, process), format_money(converted_amount(*p, process)), p->name.str()});
        out += std::string("\n") + tr("Projects") + "\n" + render_text(t);
    }
    if (!c.contacts.empty()) {
        out += std::string("\n") + tr("Contacts") + "\n";
        std::vector<std::vector<std::string>> lines;
        for (const Contact& k : c.contacts)
            lines.push_back({k.name.str(), k.title.str(), item_value_label(process, "contacts", "role", k.role.view()),
                             item_value_label(process, "contacts", "attitude", k.attitude.view())});
        out += aligned_rows(lines, "  ");
    }
    if (!c.revisits.empty()) {
        out += std::string("\n") + tr("Revisits") + "\n";
        std::vector<std::vector<std::string>> lines;
        for (const Revisit& r : c.revisits)
            lines.push_back({r.date ? r.date->iso() : "", r.type.str(), person_shown(process, r.by.view()), r.note.str()});
        out += aligned_rows(lines, "  ");
    }
    if (!c.complaints.empty()) {
        out += std::string("\n") + tr("Complaints") + "\n";
        std::vector<std::vector<std::string>> lines;
        for (const Complaint& k : c.complaints) {
            const ComplaintTiming t = complaint_timing(k, process, today);
            lines.push_back({k.received.str(), k.summary.str(),
                             t.answer_hours ? trf("answer {} h", *t.answer_hours) + (t.answer_late ? " !" : "") : "",
                             t.fix_hours ? trf("fix direction {} h", *t.fix_hours) + (t.fix_late ? " !" : "") : "",
                             t.open ? tr("open") : trf("resolved {}", k.resolved.view()),
                             k.satisfaction ? trf("satisfaction {}/5", *k.satisfaction) : ""});
        }
        out += aligned_rows(lines, "  ");
    }
    if (!v.referred.empty()) {
        out += std::string("\n") + tr("Repeat business and referrals") + "\n";
        std::vector<std::vector<std::string>> lines;
        for (const Project* p : v.referred)
            lines.push_back({p->id.str(),
                             p->lead.kind == "repeat"     ? std::string(tr("repeat"))
                             : p->lead.kind == "referral" ? std::string(tr("referral"))
                                                          : p->lead.kind.str(),
                             p->name.str()});
        out += aligned_rows(lines, "  ");
    }
    return out;
}

std::string render_customer_json(const CustomerView& v, const Process& process, Date today) {
    const CustomerRecord& c = *v.customer;
    JsonWriter w;
    w.begin_object();
    figures_json(w, v);
    w.key("project_ids").begin_array();
    for (const Project* p : v.projects) w.value(p->id);
    w.end_array();
    w.key("referred").begin_array();
    for (const Project* p : v.referred) w.value(p->id);
    w.end_array();
    w.key("complaints").begin_array();
    for (const Complaint& k : c.complaints) {
        const ComplaintTiming t = complaint_timing(k, process, today);
        w.begin_object();
        w.key("summary").value(k.summary);
        w.key("received").value(k.received);
        text_or_null(w, "answered", k.answered.view());
        text_or_null(w, "fix_given", k.fix_given.view());
        text_or_null(w, "resolved", k.resolved.view());
        w.key("open").value(t.open);
        w.key("answer_late").value(t.answer_late);
        w.key("fix_late").value(t.fix_late);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace pipeline
