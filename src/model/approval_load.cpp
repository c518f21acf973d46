// Reading `approvals:` of pipeline.yaml: who may give each kind of approval. A built-in kind
// keeps what an entry does not say; a new id is the team's own kind.
#include "pipeline/model/approval_load.hpp"

#include <algorithm>
#include <set>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/model/config_spec.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {
namespace {

bool valid_type_id(std::string_view id) {
    if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Roles, or "sponsor" / "owner_manager" where `people` allows them; each a role someone has.
std::vector<std::string> read_approvers(NodeReader& r, const YamlNode* node, const std::string& what, bool people,
                                        const Process& p) {
    std::vector<std::string> out;
    if (!node || !r.sequence(node, what)) return out;
    std::vector<std::string> roles;
    for (const Person& person : p.people)
        if (!person.role.empty() && std::find(roles.begin(), roles.end(), person.role) == roles.end()) roles.push_back(person.role);
    for (const YamlNode& item : node->items) {
        auto who = r.text(&item, what);
        if (!who) continue;
        const bool special = *who == "sponsor" || *who == "owner_manager";
        if (special && !people)
            r.error(&item, "config", say("{}: only roles may be named here, not {}", what, *who));
        else if (!special && !p.people.empty() && std::find(roles.begin(), roles.end(), *who) == roles.end()) {
            auto near = did_you_mean(*who, roles);
            // TRANSLATORS: {0} is where (approvals.initiation.approvers), {1} the role written.
            r.error(&item, "config", near ? say("{0}: no one in people has role \"{1}\" (did you mean {2}?)", what, *who, *near)
                                          : say("{0}: no one in people has role \"{1}\"", what, *who));
        }
        out.push_back(*who);
    }
    return out;
}

}  // namespace

void read_approval_types(NodeReader& r, const YamlNode& list, Process& p) {
    std::set<std::string> seen;
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("an approval kind must be a mapping with type, name and approvers"));
            continue;
        }
        r.unknown_keys(node, config_keys("approvals"), say(" in approvals"));
        auto id = r.text(node.find("type"), "type");
        if (!id || !valid_type_id(*id)) {
            r.error(node.find("type") ? node.find("type") : &node, "config",
                    say("an approval kind needs a type, [a-z][a-z0-9_]*, e.g. bid_review"));
            continue;
        }
        if (!seen.insert(*id).second) r.error(node.find("type"), "config", say("approval kind \"{}\" is declared twice", *id));
        auto it = std::find_if(p.approval_types.begin(), p.approval_types.end(), [&](const ApprovalType& t) { return t.id == *id; });
        if (it == p.approval_types.end()) {
            ApprovalType own;
            own.id = *id;
            p.approval_types.push_back(std::move(own));
            it = p.approval_types.end() - 1;
        }
        ApprovalType& t = *it;
        t.position = node.position;
        const std::string where = "approvals." + *id;
        if (auto name = r.text(node.find("name"), "name")) t.name = *name;
        if (const YamlNode* who = node.find("approvers")) t.approvers = read_approvers(r, who, where + ".approvers", true, p);
        if (t.approvers.empty())
            r.error(node.find("approvers") ? node.find("approvers") : &node, "config",
                    say("{}: approvers names who may approve (roles, sponsor, owner_manager)", where));
        if (auto self = r.boolean(node.find("self"), "self")) t.self = *self;
        if (const YamlNode* up = node.find("escalate"); up && r.mapping(up, where + ".escalate")) {
            r.unknown_keys(*up, {"over", "to"}, say(" in {}.escalate", where));
            t.escalate_over = r.money(up->find("over"), say("{}.escalate.over", where));
            t.escalate_to = read_approvers(r, up->find("to"), where + ".escalate.to", false, p);
            if (!t.escalate_over || t.escalate_to.empty())
                r.error(up, "config", say("{}.escalate needs over (an amount) and to (roles)", where));
        }
    }
}

}  // namespace pipeline
