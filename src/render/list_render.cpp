#include "pipeline/render/list_render.hpp"

#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/record_json.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

const Stage* stage_of(const Project& p, const Process& process) {
    if (p.stage < 0 || p.stage >= static_cast<int>(process.stages.size())) return nullptr;
    return &process.stages[static_cast<std::size_t>(p.stage)];
}

void text_or_null(JsonWriter& w, std::string_view key, const std::string& s) {
    w.key(key);
    s.empty() ? w.null() : w.value(s);
}

void date_or_null(JsonWriter& w, std::string_view key, const std::optional<Date>& d) {
    w.key(key);
    d ? w.value(d->iso()) : w.null();
}

}  // namespace

Table project_list_table(const std::vector<Project>& projects, const Process& process, bool plain_amounts, MoneyUnit unit) {
    Table table;
    table.columns = {{tr("id")}, {tr("stage")}, {tr("status")}, {tr("owner")}, {tr("amount"), Align::right},
                     {trc("list column", "close")}, {tr("name"), Align::left, true}};
    // CSV and workbooks carry the customer too, so that a list imports back (pipeline import).
    if (plain_amounts) table.columns.insert(table.columns.end() - 1, {tr("customer"), Align::left, true});
    for (const Project& p : projects) {
        const Stage* stage = stage_of(p, process);
        const auto date = period_date(p);
        // CSV keeps the status id, as it keeps exact amounts: it is read by programs too.
        std::vector<std::string> row{p.id, stage ? stage->name : p.stage_text.str(),
                                     plain_amounts ? std::string(status_id(p.status)) : status_label(p.status, process),
                                     plain_amounts ? p.owner.str() : person_shown(process, p.owner.view()),
                                     plain_amounts ? plain_money(converted_amount(p, process)) : format_money_in(converted_amount(p, process), unit),
                                     date ? date->iso() : ""};
        if (plain_amounts) row.push_back(p.customer.name.str());
        row.push_back(p.name);
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string render_project_list_json(const std::vector<Project>& projects, const Process& process,
                                     const std::optional<Date>& as_of, const std::vector<std::string>& filter) {
    JsonWriter w;
    w.begin_object();
    w.key("currency").value(process.currency);
    date_or_null(w, "as_of", as_of);
    w.key("filter").begin_array();
    for (const std::string& term : filter) w.value(term);
    w.end_array();
    w.key("projects").begin_array();
    for (const Project& p : projects) {
        const Valuation v = valuate(p, process);
        const Stage* stage = stage_of(p, process);
        w.begin_object();
        w.key("id").value(p.id);
        w.key("path").value(p.path);
        w.key("name").value(p.name);
        text_or_null(w, "customer", p.customer.name);
        text_or_null(w, "industry", p.customer.industry);
        text_or_null(w, "source", p.lead.source);
        text_or_null(w, "grade", p.lead.grade);
        text_or_null(w, "owner", p.owner);
        w.key("stage").value(stage ? stage->id : p.stage_text.str());
        w.key("stage_name").value(stage ? stage->name : p.stage_text.str());
        w.key("probability").value(v.probability);
        w.key("status").value(status_id(p.status));
        w.key("category");
        v.category ? w.value(category_id(*v.category)) : w.null();
        date_or_null(w, "expected_close", p.expected_close);
        date_or_null(w, "closed_on", p.closed_on);
        date_or_null(w, "date", v.date);
        w.key("project_currency").value(p.currency);
        w.key("project_amount").money(p.amount);
        w.key("amount").money(v.amount);
        w.key("weighted").money(v.weighted);
        w.key("forecast").money(v.forecast);
        w.key("fields");
        write_custom_fields_json(w, p, process);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace pipeline
