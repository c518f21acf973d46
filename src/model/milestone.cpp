#include "pipeline/model/milestone.hpp"

#include "pipeline/model/registry.hpp"

namespace pipeline {
namespace {

// The words a file may write for the milestones of the seed manuals, and the field each means.
std::string_view alias_field(std::string_view on) {
    if (on == "signed" || on == "签约") return "contract.signed_on";
    if (on == "delivered" || on == "交付") return "delivery.delivered_on";
    if (on == "accepted" || on == "验收") return "acceptance.date";
    return on;
}

std::optional<FieldRef> date_field(std::string_view on, const Process& process) {
    auto field = find_field(alias_field(on), process);
    if (!field) return std::nullopt;
    const FieldType type = field->is_custom() ? process.fields[field->custom].type : field->path.back()->type;
    if (type != FieldType::date || (field->is_custom() && process.fields[field->custom].list)) return std::nullopt;
    return field;
}

}  // namespace

std::optional<Date> milestone_date(const Project& p, std::string_view on, const Process& process) {
    // An acceptance that failed is no acceptance: what waits for it still waits.
    if (alias_field(on) == "acceptance.date" && p.acceptance.result == "failed") return std::nullopt;
    if (auto field = date_field(on, process)) {
        auto text = field_text(p, *field);
        return text ? Date::parse(*text) : std::nullopt;
    }
    const int stage = process.stage_index(on);
    return stage >= 0 ? p.entered(stage) : std::nullopt;
}

bool known_milestone(std::string_view on, const Process& process) {
    return date_field(on, process).has_value() || process.stage_index(on) >= 0;
}

InstalmentDue instalment_due(const Payment& pay, const Project& p, const Process& process) {
    if (pay.due || pay.on.empty()) return {pay.due, false};
    const auto day = milestone_date(p, pay.on.view(), process);
    if (!day) return {std::nullopt, true};
    return {*day + pay.days, false};
}

}  // namespace pipeline
