#include "pipeline/render/value_label.hpp"

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/registry.hpp"

namespace pipeline {

std::string status_label(Status status, const Process& process) {
    if (current_language() == Language::english) return status_id(status);
    if (status != Status::open) {
        std::string named = process.outcome_name(status);
        if (named != status_id(status)) return named;
    }
    return std::string(status_name(status));
}

std::string person_shown(const Process& process, std::string_view id) {
    if (current_language() == Language::english) return std::string(id);
    return process.display_name(id);
}

std::string item_value_label(const Process& process, std::string_view list, std::string_view key, std::string_view id) {
    if (current_language() == Language::english) return std::string(id);
    const std::optional<ListRef> found = find_list(list, process);
    const FieldSpec* field = found ? find_item_field(*found, key) : nullptr;
    const EnumValue* value = field ? find_enum_value(field->values, id) : nullptr;
    return std::string(value ? value->name() : id);
}

std::string customer_value_label(std::string_view key, std::string_view id) {
    if (id.empty() || current_language() == Language::english) return std::string(id);
    const FieldSpec* f = customer_file_spec().find(key);
    const EnumValue* v = f ? find_enum_value(f->values, id) : nullptr;
    return std::string(v ? v->name() : id);
}

}  // namespace pipeline
