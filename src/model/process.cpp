#include "pipeline/model/process.hpp"

#include <algorithm>

#include <fmt/format.h>


namespace pipeline {

void Process::build_index() {
    person_index_.clear();
    stage_index_.clear();
    name_index_.clear();
    for (std::size_t i = 0; i < people.size(); ++i) person_index_.emplace(people[i].id, static_cast<int>(i));
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (people[i].name.empty()) continue;
        auto [it, fresh] = name_index_.emplace(people[i].name, static_cast<int>(i));
        if (!fresh) it->second = -1;
    }
    // Ids first: a display name never hides another stage's id (the loader refuses both anyway).
    for (std::size_t i = 0; i < stages.size(); ++i) stage_index_.emplace(stages[i].id, static_cast<int>(i));
    for (std::size_t i = 0; i < stages.size(); ++i) stage_index_.emplace(stages[i].name, static_cast<int>(i));
    indexed_people_ = people.size();
    indexed_stages_ = stages.size();
}

const Person* Process::person_named(std::string_view name) const {
    if (name.empty()) return nullptr;
    if (indexed_people_ == people.size() && !person_index_.empty()) {
        auto it = name_index_.find(name);
        return it == name_index_.end() || it->second < 0 ? nullptr : &people[static_cast<std::size_t>(it->second)];
    }
    const auto named = people_named(name);
    return named.size() == 1 ? named.front() : nullptr;
}

std::vector<const Person*> Process::people_named(std::string_view name) const {
    std::vector<const Person*> out;
    if (name.empty()) return out;
    for (const Person& p : people)
        if (p.name == name) out.push_back(&p);
    return out;
}

std::string Process::person_id(std::string_view written, const Text& what, std::optional<Text>& problem) const {
    if (people.empty() || person(written)) return std::string(written);
    if (const Person* named = person_named(written)) return named->id;
    const auto several = people_named(written);
    if (several.size() > 1) {
        std::string ids;
        for (const Person* p : several) ids += (ids.empty() ? "" : ", ") + p->id;
        // TRANSLATORS: {0} the field (owner), {1} the name written, {2} the roster ids that have it.
        problem = say("{} \"{}\" is the name of several people ({}): write the id of one", what, written, ids);
    }
    return std::string(written);
}

int Process::stage_index(std::string_view key) const {
    if (indexed_stages_ == stages.size() && !stage_index_.empty()) {
        auto it = stage_index_.find(key);
        return it == stage_index_.end() ? -1 : it->second;
    }
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].id == key || stages[i].name == key) return static_cast<int>(i);
    return -1;
}

int Process::won_stage() const {
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].won) return static_cast<int>(i);
    return static_cast<int>(stages.size()) - 1;
}

bool Process::may_force(std::string_view id) const {
    const Person* p = person(id);
    return p && std::find(rules.force_roles.begin(), rules.force_roles.end(), p->role) != rules.force_roles.end();
}

const Person* Process::person(std::string_view id) const {
    if (indexed_people_ == people.size() && !person_index_.empty()) {
        auto it = person_index_.find(id);
        return it == person_index_.end() ? nullptr : &people[static_cast<std::size_t>(it->second)];
    }
    for (const Person& p : people)
        if (p.id == id) return &p;
    return nullptr;
}

Rate Process::rate(std::string_view code) const {
    auto it = rates.find(code);
    return it == rates.end() ? Rate{} : it->second;
}

bool Process::same_group(int a, int b) const {
    if (a < 0 || b < 0 || a >= static_cast<int>(stages.size()) || b >= static_cast<int>(stages.size())) return false;
    return stages[a].group >= 0 && stages[a].group == stages[b].group;
}

std::string Process::display_name(std::string_view id) const {
    const Person* p = person(id);
    return p && !p->name.empty() ? p->name : std::string(id);
}

std::string Process::stage_label(int index) const {
    if (index < 0 || index >= static_cast<int>(stages.size())) return "?";
    const Stage& s = stages[index];
    return s.name == s.id ? s.id : fmt::format("{} ({})", s.name, s.id);
}

std::optional<Status> Process::status_of(std::string_view text) const {
    if (auto s = parse_status(text)) return s;
    for (const auto& [id, name] : outcome_names)
        if (name == text) return parse_status(id);
    return std::nullopt;
}

std::string Process::outcome_name(Status s) const {
    auto it = outcome_names.find(status_id(s));
    return it == outcome_names.end() ? status_id(s) : it->second;
}

std::vector<ApprovalType> default_approval_types() {
    auto kind = [](std::string id, std::string name, std::string names, std::vector<std::string> approvers) {
        ApprovalType t;
        t.id = std::move(id), t.name = std::move(name), t.names = std::move(names), t.approvers = std::move(approvers);
        return t;
    };
    const std::vector<std::string> line{"owner_manager", "manager", "director"};
    return {
        kind("initiation", "立项", "立项审批", line),
        kind("budget", "预算", "预算审批", {"sponsor", "director"}),
        kind("change", "调整", "变更|调整审批", line),
        kind("termination", "终止", "终止审批", line),
        kind("contract_review", "合同评审", "合同审核", {"legal", "manager", "director"}),
    };
}

const ApprovalType* Process::approval_type(std::string_view id_or_name) const {
    for (const ApprovalType& t : approval_types)
        if (t.id == id_or_name || t.name == id_or_name || is_one_of_names(t.names, id_or_name)) return &t;
    return nullptr;
}

std::vector<ImportanceRule> default_importance() {
    auto rule = [](std::string grade, std::optional<int> margin, std::vector<std::string> market) {
        ImportanceRule r;
        r.grade = std::move(grade), r.min_margin = margin, r.market = std::move(market);
        return r;
    };
    return {rule("A", 20, {"high"}), rule("A", 35, {}), rule("B", std::nullopt, {"high", "medium"}), rule("B", 20, {}),
            rule("C", std::nullopt, {})};
}

std::string Process::importance_of(const Project& p) const {
    for (const ImportanceRule& r : importance) {
        if (r.min_margin && (!p.margin || *p.margin < *r.min_margin)) continue;
        if (!r.market.empty() && std::find(r.market.begin(), r.market.end(), p.market_importance.view()) == r.market.end()) continue;
        return r.grade;
    }
    return "";
}

std::vector<std::string> Process::importance_grades() const {
    std::vector<std::string> out;
    for (const ImportanceRule& r : importance)
        if (std::find(out.begin(), out.end(), r.grade) == out.end()) out.push_back(r.grade);
    return out;
}

}  // namespace pipeline
