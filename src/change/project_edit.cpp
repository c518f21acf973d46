// Text edits verified as a project: loading the result must give the intended record.
#include "pipeline/change/project_edit.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace pipeline {
namespace {

// Compares two projects field by field and remembers the first difference.
class Differ {
public:
    std::optional<std::string> first;

    template <class T>
    void field(const std::string& name, const T& a, const T& b) {
        if (!first && !(a == b)) first = name;
    }

    template <class T, class Compare>
    void list(const std::string& name, const std::vector<T>& a, const std::vector<T>& b, Compare compare) {
        if (first) return;
        if (a.size() != b.size()) {
            first = fmt::format("{} (count {} vs {})", name, a.size(), b.size());
            return;
        }
        for (std::size_t i = 0; i < a.size() && !first; ++i) compare(fmt::format("{}[{}]", name, i), a[i], b[i]);
    }
};

}  // namespace

std::optional<std::string> first_difference(const Project& a, const Project& b) {
    Differ d;
    d.field("path", a.path, b.path);
    d.field("id", a.id, b.id);
    d.field("name", a.name, b.name);
    d.field("owner", a.owner, b.owner);
    d.field("sponsor", a.sponsor, b.sponsor);
    d.field("currency", a.currency, b.currency);
    d.field("customer", std::tie(a.customer.name, a.customer.industry, a.customer.size, a.customer.grade),
            std::tie(b.customer.name, b.customer.industry, b.customer.size, b.customer.grade));
    d.list("team", a.team, b.team, [&](const std::string& n, const TeamMember& x, const TeamMember& y) {
        d.field(n, std::tie(x.name, x.role), std::tie(y.name, y.role));
    });
    d.field("amount", a.amount, b.amount);
    d.field("margin", a.margin, b.margin);
    d.field("expected_close", a.expected_close, b.expected_close);
    d.field("closed_on", a.closed_on, b.closed_on);
    d.field("stage", a.stage, b.stage);
    d.field("stage (as written)", a.stage_text, b.stage_text);
    d.field("status", a.status, b.status);
    d.field("close_reason", a.close_reason, b.close_reason);
    d.field("forecast_category", a.forecast_category, b.forecast_category);
    d.field("lead", std::tie(a.lead.source, a.lead.grade, a.lead.bant.budget, a.lead.bant.authority, a.lead.bant.need, a.lead.bant.timeline),
            std::tie(b.lead.source, b.lead.grade, b.lead.bant.budget, b.lead.bant.authority, b.lead.bant.need, b.lead.bant.timeline));
    d.list("contacts", a.contacts, b.contacts, [&](const std::string& n, const Contact& x, const Contact& y) {
        d.field(n, std::tie(x.name, x.title, x.role, x.attitude, x.phone), std::tie(y.name, y.title, y.role, y.attitude, y.phone));
    });
    d.list("competitors", a.competitors, b.competitors, [&](const std::string& n, const Competitor& x, const Competitor& y) {
        d.field(n, std::tie(x.name, x.strength, x.note), std::tie(y.name, y.strength, y.note));
    });
    d.list("risks", a.risks, b.risks, [&](const std::string& n, const Risk& x, const Risk& y) {
        d.field(n, std::tie(x.type, x.description, x.mitigation, x.owner, x.status, x.likelihood, x.impact),
                std::tie(y.type, y.description, y.mitigation, y.owner, y.status, y.likelihood, y.impact));
    });
    d.list("activities", a.activities, b.activities, [&](const std::string& n, const Activity& x, const Activity& y) {
        d.field(n, std::tie(x.date, x.type, x.note, x.by), std::tie(y.date, y.type, y.note, y.by));
    });
    d.list("history", a.history, b.history, [&](const std::string& n, const HistoryEntry& x, const HistoryEntry& y) {
        d.field(n, std::tie(x.date, x.from_text, x.to_text, x.from, x.to, x.from_outcome, x.to_outcome, x.by, x.note, x.forced, x.regression),
                std::tie(y.date, y.from_text, y.to_text, y.from, y.to, y.from_outcome, y.to_outcome, y.by, y.note, y.forced, y.regression));
    });
    d.list("approvals", a.approvals, b.approvals, [&](const std::string& n, const Approval& x, const Approval& y) {
        d.field(n, std::tie(x.type, x.by, x.result, x.note, x.date), std::tie(y.type, y.by, y.result, y.note, y.date));
    });
    const Milestones& m = a.milestones;
    const Milestones& k = b.milestones;
    d.field("requirements/solution", std::tie(m.design_plan, m.technical_parameters, m.in_customer_design),
            std::tie(k.design_plan, k.technical_parameters, k.in_customer_design));
    d.field("tender", std::tie(m.tender_published_on, m.tender_deadline, m.tender_submitted_on, m.tender_result),
            std::tie(k.tender_published_on, k.tender_deadline, k.tender_submitted_on, k.tender_result));
    d.field("contract", std::tie(m.contract_number, m.contract_signed_on, m.contract_amount),
            std::tie(k.contract_number, k.contract_signed_on, k.contract_amount));
    d.list("payments", a.payments, b.payments, [&](const std::string& n, const Payment& x, const Payment& y) {
        d.field(n, std::tie(x.due, x.amount, x.received, x.received_on, x.note), std::tie(y.due, y.amount, y.received, y.received_on, y.note));
    });
    d.field("review", std::tie(a.review.present, a.review.date, a.review.summary, a.review.lessons),
            std::tie(b.review.present, b.review.date, b.review.summary, b.review.lessons));
    return d.first;
}

EditResult edit_project_text(std::string_view text, const std::string& path, const Process& process, const FileEdit& edit,
                             const Project& expected) {
    EditResult result = apply_edit(text, edit);
    if (std::holds_alternative<EditError>(result)) return result;
    const std::string& edited = std::get<std::string>(result);
    Diagnostics before, after;
    load_project(text, path, process, before);
    const auto loaded = load_project(edited, path, process, after);
    if (!loaded) return EditError{"the edited file would not load as a project"};
    if (auto field = first_difference(expected, *loaded))
        return EditError{fmt::format("the edited file would not mean the intended change ({} differs)", *field)};
    auto summary = [](const Diagnostics& d) {
        std::vector<std::tuple<Severity, std::string, std::string>> out;
        for (const Diagnostic& x : d.items()) out.emplace_back(x.severity, x.rule, x.message);
        std::sort(out.begin(), out.end());
        return out;
    };
    if (summary(before) != summary(after)) return EditError{"the edited file would load with different findings"};
    return result;
}

}  // namespace pipeline
