#include "pipeline/model/authority.hpp"

#include <algorithm>

namespace pipeline {
namespace {

bool has(const std::vector<std::string>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// The manager of the project's owner, or "" when the roster has none.
std::string_view owner_manager(const Project& p, const Process& process) {
    const Person* owner = process.person(p.owner.view());
    return owner ? std::string_view(owner->manager) : std::string_view();
}

Text joined(const std::vector<Text>& parts) {
    Text out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += i ? Text(", ") + parts[i] : parts[i];
    return out;
}

Text type_name(const ApprovalType& type) { return Text(type.id, type.name.empty() ? type.id : type.name); }

}  // namespace

bool escalated(const ApprovalType& type, const Project& p, const Process& process) {
    return type.escalate_over && !type.escalate_to.empty() &&
           convert(p.amount, process.rate(process.currency_of(p.currency.view()))) > *type.escalate_over;
}

Text who_may_approve(const ApprovalType& type, const Project& p, const Process& process) {
    std::vector<Text> parts;
    const bool up = escalated(type, p, process);
    for (const std::string& who : up ? type.escalate_to : type.approvers) {
        if (!up && who == "sponsor") {
            // TRANSLATORS: who may approve: the project's sponsor, by name (王建国 (the sponsor)); then without one.
            parts.push_back(p.sponsor.empty() ? say("the sponsor") : say("{} (the sponsor)", process.display_name(p.sponsor.view())));
        } else if (!up && who == "owner_manager") {
            const std::string_view manager = owner_manager(p, process);
            // TRANSLATORS: who may approve: the manager of the project's owner, by name; then without one in the roster.
            parts.push_back(manager.empty() ? say("the owner's manager") : say("{} (the owner's manager)", process.display_name(manager)));
        } else {
            // TRANSLATORS: who may approve: anyone whose role (people: role) is {}.
            parts.push_back(say("role {}", who));
        }
    }
    // TRANSLATORS: who may approve when the process names nobody.
    return parts.empty() ? say("nobody") : joined(parts);
}

std::optional<Text> approval_refusal(const Approval& a, const Project& p, const Process& process) {
    if (a.result != "approved" || process.people.empty()) return std::nullopt;
    const ApprovalType* type = process.approval_type(a.type.view());
    if (!type) return std::nullopt;  // an unknown type is the loader's finding
    const Text what = type_name(*type);
    if (a.by.empty())
        // TRANSLATORS: {0} is the kind of approval (立项), {1} who may give it.
        return say("the {0} approval names nobody (by:); who may approve: {1}", what, who_may_approve(*type, p, process));
    const Person* by = process.person(a.by.view());
    if (!by) return std::nullopt;  // `pipeline check` reports the unknown person
    const std::string name = process.display_name(by->id);
    if (!type->self && by->id == p.owner.view())
        // TRANSLATORS: {0} is a person, {1} the kind of approval (立项), {2} who may give it.
        return say("{0} owns the project and may not approve its {1}; who may approve: {2}", name, what,
                   who_may_approve(*type, p, process));
    if (escalated(*type, p, process)) {
        if (has(type->escalate_to, by->role)) return std::nullopt;
        // TRANSLATORS: {0} a person, {1} the kind of approval, {2} the escalation amount, {3} who may give it.
        return say("{0} may not approve the {1} of a project over {2}; who may approve: {3}", name, what,
                   format_money(*type->escalate_over), who_may_approve(*type, p, process));
    }
    const bool allowed = has(type->approvers, by->role) ||
                         (has(type->approvers, "sponsor") && by->id == p.sponsor.view()) ||
                         (has(type->approvers, "owner_manager") && !owner_manager(p, process).empty() &&
                          by->id == owner_manager(p, process));
    if (allowed) return std::nullopt;
    // TRANSLATORS: {0} a person, {1} the kind of approval (立项), {2} who may give it.
    return say("{0} may not approve the {1}; who may approve: {2}", name, what, who_may_approve(*type, p, process));
}

bool approval_counts(const Approval& a, const Project& p, const Process& process) {
    return a.result == "approved" && !approval_refusal(a, p, process);
}

}  // namespace pipeline
