// The second half of a text edit: parse the result again and accept it only when it
// means exactly the intended change — as a YAML tree, and as a project record.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "pipeline/text_edit.hpp"
#include "pipeline/yaml_tree.hpp"

namespace pipeline {
namespace {

// Same content and style; positions aside.
bool same_node(const YamlNode& a, const YamlNode& b) {
    if (a.kind != b.kind || a.value != b.value || a.quoted != b.quoted) return false;
    if (!a.is_scalar() && !a.is_null() && a.flow != b.flow) return false;
    if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_node(a.items[i], b.items[i])) return false;
    for (std::size_t i = 0; i < a.entries.size(); ++i)
        if (!same_node(a.entries[i].key, b.entries[i].key) || !same_node(a.entries[i].value, b.entries[i].value)) return false;
    return true;
}

bool holds(const YamlNode& n, const Scalar& s) { return n.is_scalar() && n.value == s.text; }

bool holds(const YamlNode& n, const YamlItem& item) {
    if (!n.is_mapping() || n.entries.size() != item.size()) return false;
    for (std::size_t i = 0; i < item.size(); ++i)
        if (n.entries[i].key.value != item[i].first || !holds(n.entries[i].value, item[i].second)) return false;
    return true;
}

const FileEdit::Set* find_set(const FileEdit& edit, std::string_view key) {
    for (const FileEdit::Set& s : edit.set)
        if (s.key == key) return &s;
    return nullptr;
}

// The items appended to `key`, in order.
std::vector<const YamlItem*> appended(const FileEdit& edit, std::string_view key) {
    std::vector<const YamlItem*> out;
    for (const FileEdit::Append& a : edit.append)
        if (a.list == key) out.push_back(&a.item);
    return out;
}

std::optional<EditError> verify_tree(std::string_view before, std::string_view after, const FileEdit& edit) {
    Diagnostics old_findings, new_findings;
    const YamlDocument old_doc = parse_yaml(before, "before", old_findings);
    const YamlDocument new_doc = parse_yaml(after, "after", new_findings);
    if (!new_doc.root || new_findings.has_errors())
        return EditError{fmt::format("the edited text would not parse ({})",
                                     new_findings.items().empty() ? "empty" : new_findings.items().front().message)};
    if (!old_doc.root || !new_doc.root->is_mapping()) return EditError{"the edited text is not a mapping"};
    const YamlNode& o = *old_doc.root;
    const YamlNode& n = *new_doc.root;
    std::vector<std::string> expected_keys, kept_keys;
    for (const YamlEntry& e : o.entries)
        if (std::find(edit.remove.begin(), edit.remove.end(), e.key.value) == edit.remove.end()) expected_keys.push_back(e.key.value);
    for (const YamlEntry& e : n.entries) {
        const std::string& key = e.key.value;
        const YamlEntry* old_entry = o.find_entry(key);
        if (const FileEdit::Set* s = find_set(edit, key)) {
            if (!holds(e.value, s->value))
                return EditError{fmt::format("after the edit {} would read \"{}\", not \"{}\"", key, e.value.value, s->value.text)};
        } else if (const auto added = appended(edit, key); !added.empty()) {
            const std::vector<YamlNode> none;
            const auto& old_items = old_entry && old_entry->value.is_sequence() ? old_entry->value.items : none;
            const auto& items = e.value.items;
            if (!e.value.is_sequence() || items.size() != old_items.size() + added.size())
                return EditError{fmt::format("after the edit {} would not have exactly {} more item{}", key, added.size(),
                                             added.size() == 1 ? "" : "s")};
            for (std::size_t i = 0; i < old_items.size(); ++i)
                if (!same_node(old_items[i], items[i]))
                    return EditError{fmt::format("the edit would change item {} of {}", i + 1, key)};
            for (std::size_t i = 0; i < added.size(); ++i)
                if (!holds(items[old_items.size() + i], *added[i]))
                    return EditError{fmt::format("the new item of {} would not read as intended", key)};
        } else if (!old_entry || !same_node(old_entry->key, e.key) || !same_node(old_entry->value, e.value)) {
            return EditError{fmt::format("the edit would change {}, which it must not touch", key)};
        }
        if (old_entry) kept_keys.push_back(key);
        else if (!find_set(edit, key) && appended(edit, key).empty())
            return EditError{fmt::format("the edit would add an unexpected key {}", key)};
    }
    if (kept_keys != expected_keys) return EditError{"the edit would change the keys of the file or their order"};
    for (const FileEdit::Set& s : edit.set)
        if (!n.find_entry(s.key)) return EditError{fmt::format("after the edit {} would be missing", s.key)};
    for (const FileEdit::Append& a : edit.append)
        if (!n.find_entry(a.list)) return EditError{fmt::format("after the edit {} would be missing", a.list)};
    return std::nullopt;
}

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

EditResult apply_edit(std::string_view text, const FileEdit& edit) {
    auto planned = plan_splices(text, edit);
    if (auto* error = std::get_if<EditError>(&planned)) return *error;
    std::string out = apply_splices(text, std::get<std::vector<Splice>>(planned));
    if (auto error = verify_tree(text, out, edit)) return *error;
    return out;
}

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
