#include "pipeline/render/record_json.hpp"

#include <fmt/format.h>

#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/registry.hpp"

namespace pipeline {
namespace {

// A fixed-point value without trailing zeros: 3500000 with 6 decimals is "3.5".
std::string trimmed_decimal(std::int64_t scaled, int decimals) {
    JsonWriter w(false);
    w.decimal(scaled, decimals);
    std::string s = w.str();
    s.pop_back();  // the newline
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

void write_scalar(JsonWriter& w, const FieldSpec& f, const void* record) {
    const Slot& s = f.slot;
    switch (s.storage) {
        case Storage::none: w.null(); return;
        case Storage::text:
        case Storage::stage:
        case Storage::stage_or_outcome: {
            const CompactString& v = slot_value<CompactString>(s, record);
            v.empty() ? w.null() : w.value(v);
            return;
        }
        case Storage::optional_date: {
            const auto& v = slot_value<std::optional<Date>>(s, record);
            v ? w.value(v->iso()) : w.null();
            return;
        }
        case Storage::optional_bool: {
            const auto& v = slot_value<std::optional<bool>>(s, record);
            v ? w.value(*v) : w.null();
            return;
        }
        case Storage::flag: w.value(slot_value<bool>(s, record)); return;
        case Storage::optional_int: {
            const auto& v = slot_value<std::optional<int>>(s, record);
            v ? w.value(*v) : w.null();
            return;
        }
        case Storage::integer: w.value(slot_value<int>(s, record)); return;
        case Storage::money: w.money(slot_value<Money>(s, record)); return;
        case Storage::optional_money: {
            const auto& v = slot_value<std::optional<Money>>(s, record);
            v ? w.money(*v) : w.null();
            return;
        }
        case Storage::status: w.value(status_id(slot_value<Status>(s, record))); return;
        case Storage::record:
        case Storage::list: w.null(); return;
    }
}

void write_fields(JsonWriter& w, const RecordSpec& spec, const void* record) {
    for (const FieldSpec& f : spec.fields) {
        if (f.slot.storage == Storage::none) continue;
        w.key(f.key);
        void* r = const_cast<void*>(record);
        if (f.slot.storage == Storage::record) {
            void* nested = f.slot.at(r);
            if (f.record->present && !*f.record->present(nested)) {
                w.null();
            } else {
                w.begin_object();
                write_fields(w, *f.record, nested);
                w.end_object();
            }
        } else if (f.slot.storage == Storage::list) {
            void* items = f.slot.at(r);
            w.begin_array();
            for (std::size_t i = 0; i < f.slot.size(items); ++i) {
                w.begin_object();
                write_fields(w, *f.record, f.slot.item(items, i));
                w.end_object();
            }
            w.end_array();
        } else {
            write_scalar(w, f, record);
        }
    }
}

void write_custom_scalar(JsonWriter& w, const CustomField& field, std::string_view text) {
    auto parsed = parse_custom_scalar(field, text);
    const auto* s = std::get_if<CustomScalar>(&parsed);
    if (!s) {
        w.value(text);
        return;
    }
    switch (field.type) {
        case FieldType::money: w.money(Money{s->number}); return;
        case FieldType::number: w.decimal(s->number, 6); return;
        case FieldType::percent: w.decimal(s->number, 2); return;
        case FieldType::boolean: w.value(s->number != 0); return;
        default: w.value(s->text); return;
    }
}

void write_custom_values(JsonWriter& w, const Project& p, const Process& process) {
    for (std::size_t i = 0; i < process.fields.size(); ++i) {
        const CustomField& field = process.fields[i];
        w.key(field.key);
        const CustomValue* v = p.custom_value(static_cast<std::uint32_t>(i));
        if (!v) {
            w.null();
        } else if (field.list) {
            w.begin_array();
            for (const CompactString& item : v->items) write_custom_scalar(w, field, item.view());
            w.end_array();
        } else {
            write_custom_scalar(w, field, v->text.view());
        }
    }
}

}  // namespace

void write_custom_fields_json(JsonWriter& w, const Project& p, const Process& process) {
    w.begin_object();
    write_custom_values(w, p, process);
    w.end_object();
}

void write_record_json(JsonWriter& w, const Project& p, const Process& process) {
    w.begin_object();
    write_fields(w, project_spec(), &p);
    write_custom_values(w, p, process);
    w.end_object();
}

std::string custom_value_text(const CustomField& field, const CustomValue& value, const Process& process,
                              const std::string& currency) {
    auto one = [&](std::string_view text) -> std::string {
        auto parsed = parse_custom_scalar(field, text);
        const auto* s = std::get_if<CustomScalar>(&parsed);
        if (!s) return std::string(text);
        switch (field.type) {
            case FieldType::money: return format_money(Money{s->number}) + " " + currency;
            case FieldType::number: return trimmed_decimal(s->number, 6);
            case FieldType::percent: return trimmed_decimal(s->number, 2) + "%";
            case FieldType::person: {
                const Person* person = process.person(s->text);
                return person && !person->name.empty() && person->name != s->text ? fmt::format("{} ({})", person->name, s->text)
                                                                                   : s->text;
            }
            default: return s->text;
        }
    };
    if (!field.list) return one(value.text.view());
    std::string out;
    for (const CompactString& item : value.items) out += (out.empty() ? "" : ", ") + one(item.view());
    return out;
}

}  // namespace pipeline
