#include "pipeline/model/process.hpp"

#include <algorithm>

#include <fmt/format.h>


namespace pipeline {

int Process::stage_index(std::string_view key) const {
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].id == key || stages[i].name == key) return static_cast<int>(i);
    return -1;
}

const Person* Process::person(std::string_view id) const {
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

std::string Process::stage_label(int index) const {
    if (index < 0 || index >= static_cast<int>(stages.size())) return "?";
    const Stage& s = stages[index];
    return s.name == s.id ? s.id : fmt::format("{} ({})", s.name, s.id);
}

std::string Process::outcome_name(Status s) const {
    auto it = outcome_names.find(status_id(s));
    return it == outcome_names.end() ? status_id(s) : it->second;
}

}  // namespace pipeline
