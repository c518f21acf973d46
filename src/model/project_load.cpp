#include "pipeline/model/project_load.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/yaml/node_reader.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {

namespace {

// Reads the scalar leaves of a milestone section; anything else in it is kept and ignored.
std::string milestone(NodeReader& r, const YamlNode* section, std::string_view key, std::string_view what) {
    if (!section || !section->is_mapping()) return {};
    return r.scalar(section->find(key), what).value_or("");
}

// A required key of a list item that is absent or has no value (`date:` alone).
bool missing(const YamlNode& item, std::string_view key) {
    const YamlNode* v = item.find(key);
    return !v || v->is_null();
}

template <class Item, class Read>
std::vector<Item> read_list(NodeReader& r, const YamlNode* n, std::string_view what,
                            std::initializer_list<std::string_view> known, Read read) {
    std::vector<Item> out;
    if (!r.sequence(n, what)) return out;
    for (const YamlNode& item : n->items) {
        if (!item.is_mapping()) {
            r.error(&item, "type", fmt::format("each item of {} must be a mapping (key: value)", what));
            continue;
        }
        r.unknown_keys(item, known, fmt::format(" in {}", what));
        out.push_back(read(item));
    }
    return out;
}

void read_history_end(NodeReader& r, const YamlNode* n, const Process& process, CompactString& text, int& stage,
                      std::optional<Status>& outcome, std::string_view what) {
    auto t = r.text(n, what);
    if (!t) return;
    text = *t;
    stage = process.stage_index(*t);
    if (stage < 0) {
        auto s = parse_status(*t);
        if (s && *s != Status::open) outcome = s;
        else r.error(n, "stage", fmt::format("history {} \"{}\" is neither a stage nor an outcome", what, *t));
    }
}

}  // namespace

std::optional<Project> load_project(std::string_view text, const std::string& path, const Process& process,
                                    Diagnostics& out, LoadOptions options) {
    const YamlDocument doc = parse_yaml(text, path, out);
    NodeReader r(path, out, "type", options.strict);
    if (!doc.root) {
        if (!out.has_errors() || std::none_of(out.items().begin(), out.items().end(),
                                              [&](const Diagnostic& d) { return d.path == path; }))
            r.error_at({1, 1}, "syntax", "the file is empty; a project is a mapping with id, name, customer, ...");
        return std::nullopt;
    }
    const YamlNode& root = *doc.root;
    if (!root.is_mapping()) {
        r.error(&root, "syntax", fmt::format("a project file must be a mapping (key: value) at the top, not a {}",
                                             kind_name(root.kind)));
        return std::nullopt;
    }
    r.unknown_keys(root, {"id", "name", "customer", "owner", "sponsor", "team", "amount", "currency", "margin",
                          "expected_close", "stage", "status", "closed_on", "close_reason", "forecast_category",
                          "lead", "contacts", "competitors", "risks", "activities", "history", "approvals",
                          "requirements", "solution", "tender", "contract", "payments", "review", "notes"},
                   "");
    Project p;
    p.path = path;
    auto pos = [&](std::string_view key) {
        const YamlEntry* e = root.find_entry(key);
        return e ? e->value.position : Position{};
    };
    p.id = r.text(root.find("id"), "id").value_or("");
    p.name = r.text(root.find("name"), "name").value_or("");
    p.owner = r.text(root.find("owner"), "owner").value_or("");
    p.sponsor = r.text(root.find("sponsor"), "sponsor").value_or("");
    p.currency = r.text(root.find("currency"), "currency").value_or(process.currency);
    p.at = {pos("id"), pos("name"), pos("owner"), pos("sponsor"), pos("amount"), pos("currency"), pos("expected_close"),
            pos("stage"), pos("status"), pos("closed_on"), pos("close_reason"), pos("history"), {}, pos("review"),
            pos("forecast_category")};

    if (const YamlNode* c = root.find("customer"); c && c->is_scalar()) {
        p.customer.name = c->value;  // a bare customer name is accepted
    } else if (r.mapping(c, "customer")) {
        r.unknown_keys(*c, {"name", "industry", "size", "grade"}, " in customer");
        p.customer.name = r.text(c->find("name"), "customer name").value_or("");
        p.customer.industry = r.text(c->find("industry"), "customer industry").value_or("");
        p.customer.size = r.one_of(c->find("size"), "customer size", {"large", "medium", "small"}).value_or("");
        p.customer.grade = r.one_of(c->find("grade"), "customer grade", {"strategic", "important", "general"}).value_or("");
    }
    p.team = read_list<TeamMember>(r, root.find("team"), "team",
        {"name", "role"}, [&](const YamlNode& n) {
        return TeamMember{r.text(n.find("name"), "team member name").value_or(""),
                          r.text(n.find("role"), "team member role").value_or(""), n.position};
    });
    p.amount = r.money(root.find("amount"), "amount").value_or(Money{});
    if (const YamlNode* a = root.find("amount"); a && a->is_null())
        r.error(a, "required", "amount is empty; write the amount, e.g. amount: 1280000");
    p.margin = r.integer(root.find("margin"), "margin", -100, 100);
    p.expected_close = r.date(root.find("expected_close"), "expected_close");
    p.closed_on = r.date(root.find("closed_on"), "closed_on");
    if (auto stage = r.text(root.find("stage"), "stage")) {
        p.stage_text = *stage;
        p.stage = process.stage_index(*stage);
    }
    if (auto status = r.one_of(root.find("status"), "status", {"open", "won", "lost", "abandoned"}))
        p.status = *parse_status(*status);
    p.close_reason = r.text(root.find("close_reason"), "close_reason").value_or("");
    p.forecast_category = r.one_of(root.find("forecast_category"), "forecast_category",
                                   {"pipeline", "best_case", "commit", "closed"}).value_or("");

    if (const YamlNode* lead = root.find("lead"); r.mapping(lead, "lead")) {
        r.unknown_keys(*lead, {"source", "grade", "bant", "date", "note"}, " in lead");
        p.lead.source = r.text(lead->find("source"), "lead source").value_or("");
        p.lead.grade = r.one_of(lead->find("grade"), "lead grade", {"A", "B", "C"}).value_or("");
        if (const YamlNode* bant = lead->find("bant"); r.mapping(bant, "lead.bant")) {
            r.unknown_keys(*bant, {"budget", "authority", "need", "timeline"}, " in lead.bant");
            p.lead.bant = {r.boolean(bant->find("budget"), "bant budget"), r.boolean(bant->find("authority"), "bant authority"),
                           r.boolean(bant->find("need"), "bant need"), r.boolean(bant->find("timeline"), "bant timeline")};
        }
    }
    p.contacts = read_list<Contact>(r, root.find("contacts"), "contacts",
        {"name", "title", "role", "attitude", "phone"}, [&](const YamlNode& n) {
        Contact c;
        c.name = r.text(n.find("name"), "contact name").value_or("");
        c.title = r.text(n.find("title"), "contact title").value_or("");
        c.role = r.one_of(n.find("role"), "contact role",
                          {"decision_maker", "influencer", "insider", "user", "technical", "other"}).value_or("");
        c.attitude = r.one_of(n.find("attitude"), "contact attitude", {"support", "neutral", "oppose", "unknown"}).value_or("");
        c.phone = r.scalar(n.find("phone"), "contact phone").value_or("");
        c.position = n.position;
        if (c.name.empty()) r.error(&n, "required", "a contact needs a name");
        return c;
    });
    if (const YamlNode* comps = root.find("competitors"); r.sequence(comps, "competitors")) {
        for (const YamlNode& n : comps->items) {
            if (n.is_scalar()) {
                p.competitors.push_back({n.value, "", ""});
            } else if (n.is_mapping()) {
                r.unknown_keys(n, {"name", "strength", "note"}, " in competitors");
                p.competitors.push_back({r.text(n.find("name"), "competitor name").value_or(""),
                                         r.text(n.find("strength"), "competitor strength").value_or(""),
                                         r.text(n.find("note"), "competitor note").value_or("")});
            } else {
                r.error(&n, "type", "a competitor is a name or a mapping with name, strength, note");
            }
        }
    }
    p.risks = read_list<Risk>(r, root.find("risks"), "risks",
        {"type", "description", "likelihood", "impact", "mitigation", "owner", "status"}, [&](const YamlNode& n) {
        Risk k;
        k.type = r.one_of(n.find("type"), "risk type", {"market", "customer", "competition", "contract", "legal", "other"}).value_or("");
        k.description = r.text(n.find("description"), "risk description").value_or("");
        k.likelihood = r.integer(n.find("likelihood"), "risk likelihood", 1, 5).value_or(0);
        k.impact = r.integer(n.find("impact"), "risk impact", 1, 5).value_or(0);
        for (auto* key : {"likelihood", "impact"})
            if (missing(n, key)) r.error(&n, "required", fmt::format("a risk needs {} (1–5)", key));
        k.mitigation = r.text(n.find("mitigation"), "risk mitigation").value_or("");
        k.owner = r.text(n.find("owner"), "risk owner").value_or("");
        k.status = r.one_of(n.find("status"), "risk status", {"open", "closed"}).value_or("open");
        k.position = n.position;
        return k;
    });
    p.activities = read_list<Activity>(r, root.find("activities"), "activities",
        {"date", "type", "note", "by"}, [&](const YamlNode& n) {
        Activity a;
        a.date = r.date(n.find("date"), "activity date");
        if (missing(n, "date")) r.error(&n, "required", "an activity needs a date");
        a.type = r.text(n.find("type"), "activity type").value_or("");
        a.note = r.text(n.find("note"), "activity note").value_or("");
        a.by = r.text(n.find("by"), "activity by").value_or("");
        a.position = n.position;
        return a;
    });
    p.history = read_list<HistoryEntry>(r, root.find("history"), "history",
        {"date", "from", "to", "by", "note", "forced", "regression"}, [&](const YamlNode& n) {
        HistoryEntry h;
        h.position = n.position;
        h.date = r.date(n.find("date"), "history date");
        if (missing(n, "date")) r.error(&n, "required", "a history entry needs a date");
        read_history_end(r, n.find("from"), process, h.from_text, h.from, h.from_outcome, "from");
        read_history_end(r, n.find("to"), process, h.to_text, h.to, h.to_outcome, "to");
        if (const YamlNode* to = n.find("to")) h.to_position = to->position;
        if (missing(n, "to")) r.error(&n, "required", "a history entry needs to: (the stage or outcome reached)");
        h.by = r.text(n.find("by"), "history by").value_or("");
        h.note = r.text(n.find("note"), "history note").value_or("");
        h.forced = r.text(n.find("forced"), "forced").value_or("");
        h.regression = r.boolean(n.find("regression"), "regression").value_or(false);
        return h;
    });
    p.approvals = read_list<Approval>(r, root.find("approvals"), "approvals",
        {"type", "by", "date", "result", "note"}, [&](const YamlNode& n) {
        Approval a;
        a.type = r.one_of(n.find("type"), "approval type", {"initiation", "budget", "change", "termination"}).value_or("");
        a.by = r.text(n.find("by"), "approved by").value_or("");
        a.date = r.date(n.find("date"), "approval date");
        a.result = r.one_of(n.find("result"), "approval result", {"approved", "rejected", "pending"}).value_or("");
        a.note = r.text(n.find("note"), "approval note").value_or("");
        a.position = n.position;
        return a;
    });
    const YamlNode* requirements = root.find("requirements");
    const YamlNode* solution = root.find("solution");
    const YamlNode* tender = root.find("tender");
    const YamlNode* contract = root.find("contract");
    if (r.mapping(requirements, "requirements"))
        r.unknown_keys(*requirements, {"design_plan", "technical_parameters"}, " in requirements");
    if (r.mapping(solution, "solution")) r.unknown_keys(*solution, {"in_customer_design"}, " in solution");
    if (r.mapping(tender, "tender"))
        r.unknown_keys(*tender, {"published_on", "deadline", "submitted_on", "result"}, " in tender");
    if (r.mapping(contract, "contract")) r.unknown_keys(*contract, {"number", "signed_on", "amount"}, " in contract");
    Milestones& m = p.milestones;
    m.design_plan = milestone(r, requirements, "design_plan", "requirements.design_plan");
    m.technical_parameters = milestone(r, requirements, "technical_parameters", "requirements.technical_parameters");
    if (solution && solution->is_mapping())
        if (auto b = r.boolean(solution->find("in_customer_design"), "solution.in_customer_design"))
            m.in_customer_design = *b ? "true" : "false";
    if (tender && tender->is_mapping()) {
        auto date = [&](const char* key, CompactString& into) {
            if (auto d = r.date(tender->find(key), fmt::format("tender.{}", key))) into = d->iso();
        };
        date("published_on", m.tender_published_on);
        date("deadline", m.tender_deadline);
        date("submitted_on", m.tender_submitted_on);
        m.tender_result = r.one_of(tender->find("result"), "tender result", {"pending", "won", "lost"}).value_or("");
    }
    if (contract && contract->is_mapping()) {
        if (auto d = r.date(contract->find("signed_on"), "contract.signed_on")) m.contract_signed_on = d->iso();
        if (const YamlNode* s = contract->find("signed_on")) p.at.contract_signed_on = s->position;
        if (auto a = r.money(contract->find("amount"), "contract amount")) m.contract_amount = plain_money(*a);
        m.contract_number = milestone(r, contract, "number", "contract.number");
    }
    p.payments = read_list<Payment>(r, root.find("payments"), "payments",
        {"due", "amount", "received", "received_on", "note"}, [&](const YamlNode& n) {
        Payment pay;
        pay.due = r.date(n.find("due"), "payment due date");
        if (missing(n, "due")) r.error(&n, "required", "a payment instalment needs a due date");
        pay.amount = r.money(n.find("amount"), "payment amount").value_or(Money{});
        if (missing(n, "amount")) r.error(&n, "required", "a payment instalment needs an amount");
        pay.received = r.money(n.find("received"), "received amount");
        pay.received_on = r.date(n.find("received_on"), "received_on");
        pay.note = r.text(n.find("note"), "payment note").value_or("");
        pay.position = n.position;
        return pay;
    });
    if (const YamlNode* review = root.find("review"); review && review->is_scalar()) {
        p.review.present = !review->value.empty();
        p.review.summary = review->value;
    } else if (r.mapping(review, "review")) {
        r.unknown_keys(*review, {"date", "summary", "lessons"}, " in review");
        p.review.present = true;
        p.review.date = r.date(review->find("date"), "review date");
        p.review.summary = r.text(review->find("summary"), "review summary").value_or("");
        p.review.lessons = r.text(review->find("lessons"), "review lessons").value_or("");
    }
    return p;
}

}  // namespace pipeline
