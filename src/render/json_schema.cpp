// JSON Schemas (draft-07, what yaml-language-server reads) of the two file kinds, generated
// from their declarations — the field registry for project files, the config spec for
// pipeline.yaml — with this repository's stages, people, currencies and custom fields as
// the values an editor offers, and the descriptions as hover text.
#include "pipeline/render/json_schema.hpp"

#include <fmt/format.h>

#include "pipeline/model/config_spec.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/render/json.hpp"

namespace pipeline {
namespace {

constexpr const char* kDraft = "http://json-schema.org/draft-07/schema#";
constexpr const char* kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// What YAML may give for a text field: the loader reads any scalar as text.
void any_scalar(JsonWriter& w) {
    w.key("type").begin_array().value("string").value("number").value("boolean").end_array();
}

void words(JsonWriter& w, const std::vector<std::string>& values) {
    w.key("enum").begin_array();
    for (const std::string& v : values) w.value(v);
    w.end_array();
}

std::vector<std::string> stage_words(const Process& process, bool outcomes) {
    std::vector<std::string> out;
    for (const Stage& s : process.stages) {
        out.push_back(s.id);
        if (s.name != s.id) out.push_back(s.name);
    }
    if (outcomes)
        for (const char* o : {"won", "lost", "abandoned"}) out.emplace_back(o);
    return out;
}

std::vector<std::string> person_words(const Process& process) {
    std::vector<std::string> out;
    for (const Person& p : process.people) out.push_back(p.id);
    return out;
}

void person(JsonWriter& w, const Process& process) {
    // An empty roster checks nobody (pipeline-config(5)): any text then.
    if (process.people.empty()) w.key("type").value("string");
    else words(w, person_words(process));
}

void date(JsonWriter& w) {
    w.key("type").value("string");
    w.key("format").value("date");
    w.key("pattern").value(kDatePattern);
}

void money(JsonWriter& w) {
    w.key("type").value("number");
    w.key("minimum").value(0);
}

void record_schema(JsonWriter& w, const RecordSpec& spec, const Process& process, bool top);

void field_schema(JsonWriter& w, const FieldSpec& f, const Process& process) {
    w.begin_object();
    if (!f.description.empty()) w.key("description").value(f.description);
    switch (f.type) {
        case FieldType::text:
        case FieldType::value: any_scalar(w); break;
        case FieldType::integer:
            w.key("type").value("integer");
            w.key("minimum").value(f.min);
            w.key("maximum").value(f.max);
            break;
        case FieldType::number:
        case FieldType::percent: w.key("type").value("number"); break;
        case FieldType::money: money(w); break;
        case FieldType::date: date(w); break;
        case FieldType::boolean: w.key("type").value("boolean"); break;
        case FieldType::enumeration: {
            // The approval kinds the team declares besides the built-in ones.
            std::vector<const ApprovalType*> more;
            if (f.process_values)
                for (const ApprovalType& t : process.approval_types)
                    if (!find_enum_value(f.values, t.id)) more.push_back(&t);
            w.key("enum").begin_array();
            for (const EnumValue& v : f.values) w.value(v.id);
            for (const ApprovalType* t : more) w.value(t->id);
            w.end_array();
            w.key("enumDescriptions").begin_array();
            for (const EnumValue& v : f.values) w.value(v.meaning);
            for (const ApprovalType* t : more) w.value(t->name.empty() ? t->id : t->name);
            w.end_array();
            break;
        }
        case FieldType::person: person(w, process); break;
        case FieldType::currency: {
            std::vector<std::string> codes{process.currency};
            for (const auto& [code, rate] : process.rates) codes.push_back(code);
            words(w, codes);
            break;
        }
        case FieldType::stage: words(w, stage_words(process, false)); break;
        case FieldType::stage_or_outcome: words(w, stage_words(process, true)); break;
        case FieldType::record:
            if (!f.record->shorthand.empty()) {
                w.key("anyOf").begin_array();
                w.begin_object();
                any_scalar(w);
                w.end_object();
                w.begin_object();
                record_schema(w, *f.record, process, false);
                w.end_object();
                w.end_array();
            } else {
                record_schema(w, *f.record, process, false);
            }
            break;
        case FieldType::list:
            w.key("type").value("array");
            w.key("items").begin_object();
            if (!f.record->shorthand.empty()) {
                w.key("anyOf").begin_array();
                w.begin_object();
                any_scalar(w);
                w.end_object();
                w.begin_object();
                record_schema(w, *f.record, process, false);
                w.end_object();
                w.end_array();
            } else {
                record_schema(w, *f.record, process, false);
            }
            w.end_object();
            break;
        case FieldType::ignored: break;
    }
    w.end_object();
}

void custom_scalar_schema(JsonWriter& w, const CustomField& f, const Process& process) {
    switch (f.type) {
        case FieldType::money: money(w); break;
        case FieldType::date: date(w); break;
        case FieldType::boolean: w.key("type").value("boolean"); break;
        case FieldType::number: w.key("type").value("number"); break;
        case FieldType::percent:
            w.key("type").value("number");
            w.key("minimum").value(0);
            w.key("maximum").value(100);
            break;
        case FieldType::enumeration: words(w, f.values); break;
        case FieldType::person: person(w, process); break;
        default: any_scalar(w); break;
    }
}

void custom_schema(JsonWriter& w, const CustomField& f, const Process& process) {
    w.begin_object();
    std::string description = f.description.empty() ? f.key : f.description;
    description += fmt::format(" ({}, pipeline.yaml)", custom_type_name(f));
    w.key("description").value(description);
    if (f.list) {
        w.key("type").value("array");
        w.key("items").begin_object();
        custom_scalar_schema(w, f, process);
        w.end_object();
    } else {
        custom_scalar_schema(w, f, process);
    }
    w.end_object();
}

void record_schema(JsonWriter& w, const RecordSpec& spec, const Process& process, bool top) {
    w.key("type").value("object");
    w.key("properties").begin_object();
    for (const FieldSpec& f : spec.fields) {
        w.key(f.key);
        field_schema(w, f, process);
    }
    if (top)
        for (const CustomField& c : process.fields) {
            w.key(c.key);
            custom_schema(w, c, process);
        }
    w.end_object();
    std::vector<std::string_view> required;
    for (const FieldSpec& f : spec.fields)
        if (f.required == Requirement::always && f.unless.empty()) required.push_back(f.key);
    if (top) required.push_back("history");  // at least one entry: rule history of pipeline check
    if (!required.empty()) {
        w.key("required").begin_array();
        for (std::string_view k : required) w.value(k);
        w.end_array();
    }
    // Unknown keys are kept and ignored (pipeline-project(5), UNKNOWN KEYS).
    w.key("additionalProperties").value(true);
}

// ---- pipeline.yaml ----

void config_key_schema(JsonWriter& w, const ConfigKey& k, const Process& process);

// The schema of each item of a list key: a mapping of its keys, or a value of its item type.
void config_item(JsonWriter& w, const ConfigKey& k, const Process& process) {
    if (k.keys.empty()) {
        ConfigKey item;
        item.type = k.item;
        config_key_schema(w, item, process);
        return;
    }
    w.begin_object();
    w.key("type").value("object");
    w.key("properties").begin_object();
    for (const ConfigKey& c : k.keys) {
        w.key(c.key);
        config_key_schema(w, c, process);
    }
    w.end_object();
    w.key("additionalProperties").value(false);
    w.end_object();
}

void config_key_schema(JsonWriter& w, const ConfigKey& k, const Process& process) {
    w.begin_object();
    if (!k.description.empty()) w.key("description").value(k.description);
    switch (k.type) {
        case ConfigType::text: any_scalar(w); break;
        case ConfigType::integer:
            w.key("type").value("integer");
            w.key("minimum").value(k.min);
            w.key("maximum").value(k.max);
            break;
        case ConfigType::money: money(w); break;
        case ConfigType::rate:
            w.key("type").value("number");
            w.key("exclusiveMinimum").value(0);
            break;
        case ConfigType::currency:
            w.key("type").value("string");
            w.key("pattern").value("^[A-Z]{3}$");
            break;
        case ConfigType::period:
            w.key("type").begin_array().value("string").value("integer").end_array();
            w.key("pattern").value("^[0-9]{4}([Qq][1-4]|-[0-9]{2})?$");
            break;
        case ConfigType::stage: words(w, stage_words(process, false)); break;
        case ConfigType::stage_group:
            w.key("type").value("array");
            w.key("items").begin_object();
            words(w, stage_words(process, false));
            w.end_object();
            w.key("minItems").value(2);
            break;
        case ConfigType::person: person(w, process); break;
        case ConfigType::outcome: w.key("enum").begin_array().value("won").value("lost").value("abandoned").end_array(); break;
        case ConfigType::field_path: {
            w.key("type").value("string");
            w.key("examples").begin_array();
            for (const std::string& path : known_field_paths(process)) w.value(path);
            w.end_array();
            break;
        }
        case ConfigType::list_name: words(w, known_list_names(process)); break;
        case ConfigType::field_type:
            w.key("enum").begin_array();
            for (const char* t : {"text", "number", "money", "percent", "date", "bool", "boolean", "enum", "person", "list"}) w.value(t);
            w.end_array();
            break;
        case ConfigType::mapping:
            w.key("type").value("object");
            if (!k.keys.empty()) {
                w.key("properties").begin_object();
                for (const ConfigKey& c : k.keys) {
                    w.key(c.key);
                    config_key_schema(w, c, process);
                }
                w.end_object();
                w.key("additionalProperties").value(false);
            }
            break;
        case ConfigType::rates:
            w.key("type").value("object");
            w.key("propertyNames").begin_object().key("pattern").value("^[A-Z]{3}$").end_object();
            w.key("additionalProperties").begin_object().key("type").value("number").key("exclusiveMinimum").value(0).end_object();
            break;
        case ConfigType::list:
            w.key("type").value("array");
            w.key("items");
            config_item(w, k, process);
            break;
        case ConfigType::boolean: w.key("type").value("boolean"); break;
        case ConfigType::words:
            w.key("enum").begin_array();
            for (std::string_view v : k.values) w.value(v);
            w.end_array();
            break;
    }
    w.end_object();
}

}  // namespace

std::string project_schema(const Process& process) {
    JsonWriter w;
    w.begin_object();
    w.key("$schema").value(kDraft);
    w.key("title").value("pipeline project file");
    w.key("description").value("A sales project of a pipeline repository (pipeline-project(5)).");
    record_schema(w, project_spec(), process, true);
    // An open project needs expected_close; a closed one needs closed_on.
    w.key("if").begin_object();
    w.key("properties").begin_object().key("status").begin_object();
    w.key("enum").begin_array().value("won").value("lost").value("abandoned").end_array();
    w.end_object().end_object();
    w.key("required").begin_array().value("status").end_array();
    w.end_object();
    w.key("then").begin_object().key("required").begin_array().value("closed_on").end_array().end_object();
    w.key("else").begin_object().key("required").begin_array().value("expected_close").end_array().end_object();
    w.end_object();
    return w.str();
}

std::string config_schema(const Process& process) {
    JsonWriter w;
    w.begin_object();
    w.key("$schema").value(kDraft);
    w.key("title").value("pipeline.yaml");
    w.key("description").value(config_spec().description);
    w.key("type").value("object");
    w.key("properties").begin_object();
    for (const ConfigKey& c : config_spec().keys) {
        w.key(c.key);
        config_key_schema(w, c, process);
    }
    w.end_object();
    w.key("required").begin_array().value("currency").value("stages").end_array();
    w.key("additionalProperties").value(false);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
