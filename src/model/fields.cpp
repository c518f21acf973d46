#include "pipeline/model/fields.hpp"

#include <algorithm>
#include <functional>

namespace pipeline {
namespace {

using Text = std::optional<std::string>;

Text text(const CompactString& s) { return s.empty() ? Text{} : Text{s.str()}; }
Text text(const std::optional<Date>& d) { return d ? Text{d->iso()} : Text{}; }
Text text(const std::optional<bool>& b) { return b ? Text{*b ? "true" : "false"} : Text{}; }
Text text(const std::optional<int>& i) { return i ? Text{std::to_string(*i)} : Text{}; }

struct Field {
    std::string_view path;
    std::function<Text(const Project&)> get;
};

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"id", [](const Project& p) { return text(p.id); }},
        {"name", [](const Project& p) { return text(p.name); }},
        {"owner", [](const Project& p) { return text(p.owner); }},
        {"sponsor", [](const Project& p) { return text(p.sponsor); }},
        {"amount", [](const Project& p) { return Text{plain_money(p.amount)}; }},
        {"currency", [](const Project& p) { return text(p.currency); }},
        {"margin", [](const Project& p) { return text(p.margin); }},
        {"expected_close", [](const Project& p) { return text(p.expected_close); }},
        {"stage", [](const Project& p) { return text(p.stage_text); }},
        {"status", [](const Project& p) { return Text{status_id(p.status)}; }},
        {"closed_on", [](const Project& p) { return text(p.closed_on); }},
        {"close_reason", [](const Project& p) { return text(p.close_reason); }},
        {"forecast_category", [](const Project& p) { return text(p.forecast_category); }},
        {"customer.name", [](const Project& p) { return text(p.customer.name); }},
        {"customer.industry", [](const Project& p) { return text(p.customer.industry); }},
        {"customer.size", [](const Project& p) { return text(p.customer.size); }},
        {"customer.grade", [](const Project& p) { return text(p.customer.grade); }},
        {"lead.source", [](const Project& p) { return text(p.lead.source); }},
        {"lead.grade", [](const Project& p) { return text(p.lead.grade); }},
        {"lead.bant.budget", [](const Project& p) { return text(p.lead.bant.budget); }},
        {"lead.bant.authority", [](const Project& p) { return text(p.lead.bant.authority); }},
        {"lead.bant.need", [](const Project& p) { return text(p.lead.bant.need); }},
        {"lead.bant.timeline", [](const Project& p) { return text(p.lead.bant.timeline); }},
        {"requirements.design_plan", [](const Project& p) { return text(p.milestones.design_plan); }},
        {"requirements.technical_parameters", [](const Project& p) { return text(p.milestones.technical_parameters); }},
        {"solution.in_customer_design", [](const Project& p) { return text(p.milestones.in_customer_design); }},
        {"tender.published_on", [](const Project& p) { return text(p.milestones.tender_published_on); }},
        {"tender.deadline", [](const Project& p) { return text(p.milestones.tender_deadline); }},
        {"tender.submitted_on", [](const Project& p) { return text(p.milestones.tender_submitted_on); }},
        {"tender.result", [](const Project& p) { return text(p.milestones.tender_result); }},
        {"contract.number", [](const Project& p) { return text(p.milestones.contract_number); }},
        {"contract.signed_on", [](const Project& p) { return text(p.milestones.contract_signed_on); }},
        {"contract.amount", [](const Project& p) { return text(p.milestones.contract_amount); }},
        {"review.date", [](const Project& p) { return text(p.review.date); }},
        {"review.summary", [](const Project& p) { return text(p.review.summary); }},
        {"review.lessons", [](const Project& p) { return text(p.review.lessons); }},
    };
    return table;
}

// The text of each item key, one function per list.
Text team_item(const TeamMember& m, std::string_view k) {
    if (k == "name") return text(m.name);
    if (k == "role") return text(m.role);
    return {};
}
Text contact_item(const Contact& c, std::string_view k) {
    if (k == "name") return text(c.name);
    if (k == "title") return text(c.title);
    if (k == "role") return text(c.role);
    if (k == "attitude") return text(c.attitude);
    if (k == "phone") return text(c.phone);
    return {};
}
Text competitor_item(const Competitor& c, std::string_view k) {
    if (k == "name") return text(c.name);
    if (k == "strength") return text(c.strength);
    if (k == "note") return text(c.note);
    return {};
}
Text risk_item(const Risk& r, std::string_view k) {
    if (k == "type") return text(r.type);
    if (k == "description") return text(r.description);
    if (k == "likelihood") return Text{std::to_string(r.likelihood)};
    if (k == "impact") return Text{std::to_string(r.impact)};
    if (k == "mitigation") return text(r.mitigation);
    if (k == "owner") return text(r.owner);
    if (k == "status") return text(r.status);
    return {};
}
Text activity_item(const Activity& a, std::string_view k) {
    if (k == "date") return text(a.date);
    if (k == "type") return text(a.type);
    if (k == "note") return text(a.note);
    if (k == "by") return text(a.by);
    return {};
}
Text approval_item(const Approval& a, std::string_view k) {
    if (k == "type") return text(a.type);
    if (k == "by") return text(a.by);
    if (k == "date") return text(a.date);
    if (k == "result") return text(a.result);
    if (k == "note") return text(a.note);
    return {};
}
Text payment_item(const Payment& p, std::string_view k) {
    if (k == "due") return text(p.due);
    if (k == "amount") return Text{plain_money(p.amount)};
    if (k == "received") return p.received ? Text{plain_money(*p.received)} : Text{};
    if (k == "received_on") return text(p.received_on);
    if (k == "note") return text(p.note);
    return {};
}
Text history_item(const HistoryEntry& h, std::string_view k) {
    if (k == "date") return text(h.date);
    if (k == "from") return text(h.from_text);
    if (k == "to") return text(h.to_text);
    if (k == "by") return text(h.by);
    if (k == "note") return text(h.note);
    if (k == "forced") return text(h.forced);
    if (k == "regression") return Text{h.regression ? "true" : "false"};
    return {};
}

struct ListKeys {
    std::string_view list;
    std::vector<std::string_view> keys;
};

const std::vector<ListKeys>& lists() {
    static const std::vector<ListKeys> table = {
        {"team", {"name", "role"}},
        {"contacts", {"name", "title", "role", "attitude", "phone"}},
        {"competitors", {"name", "strength", "note"}},
        {"risks", {"type", "description", "likelihood", "impact", "mitigation", "owner", "status"}},
        {"activities", {"date", "type", "note", "by"}},
        {"approvals", {"type", "by", "date", "result", "note"}},
        {"payments", {"due", "amount", "received", "received_on", "note"}},
        {"history", {"date", "from", "to", "by", "note", "forced", "regression"}},
    };
    return table;
}

template <class Item, class Get>
std::size_t count_matching(const std::vector<Item>& items, Get get, const std::vector<GateCheck::Condition>& where) {
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [&](const Item& item) {
        return std::all_of(where.begin(), where.end(), [&](const GateCheck::Condition& c) {
            const Text v = get(item, c.key);
            return v && std::find(c.values.begin(), c.values.end(), *v) != c.values.end();
        });
    }));
}

}  // namespace

bool is_known_field(std::string_view path) {
    return std::any_of(fields().begin(), fields().end(), [&](const Field& f) { return f.path == path; });
}

bool is_known_list(std::string_view list) {
    return std::any_of(lists().begin(), lists().end(), [&](const ListKeys& l) { return l.list == list; });
}

bool is_known_item_key(std::string_view list, std::string_view key) {
    for (const ListKeys& l : lists())
        if (l.list == list) return std::find(l.keys.begin(), l.keys.end(), key) != l.keys.end();
    return false;
}

std::vector<std::string_view> known_fields() {
    std::vector<std::string_view> out;
    for (const Field& f : fields()) out.push_back(f.path);
    return out;
}

std::vector<std::string_view> known_lists() {
    std::vector<std::string_view> out;
    for (const ListKeys& l : lists()) out.push_back(l.list);
    return out;
}

std::optional<std::string> field_value(const Project& p, std::string_view path) {
    for (const Field& f : fields())
        if (f.path == path) return f.get(p);
    return std::nullopt;
}

std::size_t count_items(const Project& p, std::string_view list, const std::vector<GateCheck::Condition>& where) {
    if (list == "team") return count_matching(p.team, team_item, where);
    if (list == "contacts") return count_matching(p.contacts, contact_item, where);
    if (list == "competitors") return count_matching(p.competitors, competitor_item, where);
    if (list == "risks") return count_matching(p.risks, risk_item, where);
    if (list == "activities") return count_matching(p.activities, activity_item, where);
    if (list == "approvals") return count_matching(p.approvals, approval_item, where);
    if (list == "payments") return count_matching(p.payments, payment_item, where);
    if (list == "history") return count_matching(p.history, history_item, where);
    return 0;
}

}  // namespace pipeline
