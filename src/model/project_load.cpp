// Loading a project file: the YAML tree walked along the field registry. Every record type
// is read by the same code; what a field is (its type, its allowed values, where its
// position goes, what its absence says) comes from its declaration in registry.cpp.
#include "pipeline/model/project_load.hpp"

#include "pipeline/model/customer.hpp"

#include <algorithm>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/yaml/node_reader.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {
namespace {

bool missing(const YamlNode* n) { return !n || n->is_null(); }

std::string join_keys(const RecordSpec& spec) {
    std::string out;
    for (const FieldSpec& f : spec.fields) out += (out.empty() ? "" : ", ") + std::string(f.key);
    return out;
}

class RecordLoader {
public:
    RecordLoader(NodeReader& r, const Process& process) : r_(r), process_(process) {}

    // Reads the entries of `map` that `spec` declares into `record`; `path` is the dotted
    // path of the mapping ("" at the top), for messages.
    void read_record(const RecordSpec& spec, const YamlNode& map, void* record, const std::string& path, bool item) {
        if (r_.strict())
            for (const YamlEntry& e : map.entries)
                if (!spec.find(e.key.value) && !(path.empty() && custom_field_index(process_, e.key.value) >= 0))
                    // TRANSLATORS: follows "unknown key "KEY"": where the key is; {} is a dotted path (customer, lead.bant).
                    r_.unknown_key(e, path.empty() ? Text() : say(" in {}", path));
        for (const FieldSpec& f : spec.fields) {
            const YamlEntry* entry = map.find_entry(f.key);
            if (!entry) continue;
            if (f.position) *f.position(record) = entry->value.position;
            read_field(f, entry->value, record);
        }
        // Required fields of list items are the loader's to report; those of the top level
        // and its records are `pipeline check`'s (rule required).
        if (item)
            for (const FieldSpec& f : spec.fields)
                if (f.required == Requirement::always && absent(f, map.find(f.key), record) &&
                    (f.unless.empty() || absent(*spec.find(f.unless), map.find(f.unless), record)))
                    r_.error(&map, "required", registry_text(f.missing_message));
    }

private:
    static bool absent(const FieldSpec& f, const YamlNode* node, const void* record) {
        if (missing(node)) return true;
        return f.slot.storage == Storage::text && node->is_scalar() && slot_value<CompactString>(f.slot, record).empty();
    }

    void read_field(const FieldSpec& f, const YamlNode& node, void* record) {
        const Slot& s = f.slot;
        const Text& label = field_name(f);
        if (!f.null_message.empty() && node.is_null()) r_.error(&node, "required", registry_text(f.null_message));
        switch (f.type) {
            case FieldType::ignored:
                return;
            case FieldType::text:
            case FieldType::currency:
                if (auto v = r_.text(&node, label)) slot_value<CompactString>(s, record) = *v;
                return;
            case FieldType::person:
                if (auto v = r_.text(&node, label)) slot_value<CompactString>(s, record) = person_id(node, label, *v);
                return;
            case FieldType::value:
                if (auto v = r_.scalar(&node, label)) slot_value<CompactString>(s, record) = *v;
                return;
            case FieldType::integer: {
                auto v = r_.integer(&node, label, f.min, f.max);
                if (s.storage == Storage::optional_int) slot_value<std::optional<int>>(s, record) = v;
                else if (v) slot_value<int>(s, record) = *v;
                return;
            }
            case FieldType::money: {
                auto v = r_.money(&node, label);
                if (s.storage == Storage::optional_money) slot_value<std::optional<Money>>(s, record) = v;
                else if (v) slot_value<Money>(s, record) = *v;
                return;
            }
            case FieldType::date:
                slot_value<std::optional<Date>>(s, record) = r_.date(&node, label);
                return;
            case FieldType::boolean: {
                auto v = r_.boolean(&node, label);
                if (s.storage == Storage::optional_bool) slot_value<std::optional<bool>>(s, record) = v;
                else if (v) slot_value<bool>(s, record) = *v;
                return;
            }
            case FieldType::enumeration: {
                auto v = r_.text(&node, label);
                if (!v) return;
                const EnumValue* value = find_enum_value(f.values, *v);
                // A status may also be written as the team's name of its outcome (outcomes: in pipeline.yaml).
                if (!value && s.storage == Storage::status)
                    if (auto status = process_.status_of(*v)) value = find_enum_value(f.values, status_id(*status));
                if (!value && f.process_values)
                    if (const ApprovalType* type = process_.approval_type(*v)) {
                        if (*v != type->id) writes_names_ = true;
                        slot_value<CompactString>(s, record) = type->id;
                        return;
                    }
                if (!value) {
                    std::string allowed;
                    for (const EnumValue& e : f.values) {
                        allowed += (allowed.empty() ? "" : ", ") + std::string(e.id);
                        if (!e.names.empty()) allowed += fmt::format(" ({})", e.name());
                    }
                    if (f.process_values)
                        for (const ApprovalType& t : process_.approval_types)
                            if (!find_enum_value(f.values, t.id)) allowed += fmt::format(", {} ({})", t.id, t.name.empty() ? t.id : t.name);
                    r_.not_one_of(&node, label, *v, allowed);
                    return;
                }
                if (*v != value->id) writes_names_ = true;
                if (s.storage == Storage::status) slot_value<Status>(s, record) = *parse_status(value->id);
                else slot_value<CompactString>(s, record) = value->id;
                return;
            }
            case FieldType::stage:
                if (auto v = r_.text(&node, label)) {
                    slot_value<CompactString>(s, record) = *v;
                    *static_cast<int*>(s.index(record)) = process_.stage_index(*v);
                }
                return;
            case FieldType::stage_or_outcome:
                read_stage_or_outcome(f, node, record, label);
                return;
            case FieldType::record:
                read_nested(f, node, record);
                return;
            case FieldType::list:
                read_list(f, node, record);
                return;
            case FieldType::number:
            case FieldType::percent:
                return;  // only custom fields have these types
        }
    }

    // A person as written: a roster id, or the display name of exactly one person (kept as their id).
    std::string person_id(const YamlNode& node, const Text& label, const std::string& written) {
        std::optional<Text> problem;
        std::string id = process_.person_id(written, label, problem);
        if (problem) r_.error(&node, "person", *problem);
        else if (id != written) writes_person_names_ = true;
        return id;
    }

    void read_stage_or_outcome(const FieldSpec& f, const YamlNode& node, void* record, const Text& label) {
        auto t = r_.text(&node, label);
        if (!t) return;
        const Slot& s = f.slot;
        slot_value<CompactString>(s, record) = *t;
        int& stage = *static_cast<int*>(s.index(record));
        stage = process_.stage_index(*t);
        if (stage >= 0) return;
        auto outcome = process_.status_of(*t);
        if (outcome && *t != status_id(*outcome)) writes_names_ = true;
        if (outcome && *outcome != Status::open) *static_cast<std::optional<Status>*>(s.outcome(record)) = outcome;
        else
            r_.error(&node, "stage",
                     // TRANSLATORS: the key of a history entry (from, to), then the value written there.
                     say("history {} \"{}\" is neither a stage nor an outcome", label, *t));
    }

    void read_nested(const FieldSpec& f, const YamlNode& node, void* record) {
        const std::string& path = f.path;
        const RecordSpec& spec = *f.record;
        void* nested = f.slot.at(record);
        if (node.is_scalar() && !spec.shorthand.empty()) {
            read_shorthand(spec, node, nested);
            if (spec.present) *spec.present(nested) = !node.value.empty();
            return;
        }
        if (!r_.mapping(&node, path)) return;
        if (spec.present) *spec.present(nested) = true;
        read_record(spec, node, nested, path, false);
    }

    // A record written as one scalar: the value of its shorthand field.
    void read_shorthand(const RecordSpec& spec, const YamlNode& node, void* record) {
        const FieldSpec& f = *spec.find(spec.shorthand);
        slot_value<CompactString>(f.slot, record) = node.value;
    }

    void read_list(const FieldSpec& f, const YamlNode& node, void* record) {
        const std::string& path = f.path;
        if (!r_.sequence(&node, path)) return;
        const RecordSpec& spec = *f.record;
        const Slot& s = f.slot;
        void* items = s.at(record);
        std::size_t n = 0;
        s.resize(items, node.items.size());
        for (const YamlNode& item : node.items) {
            void* target = s.item(items, n);
            if (item.is_mapping()) {
                read_record(spec, item, target, path, true);
            } else if (item.is_scalar() && !spec.shorthand.empty()) {
                read_shorthand(spec, item, target);
            } else {
                r_.error(&item, "type",
                         spec.shorthand.empty()
                             ? say("each item of {} must be a mapping (key: value)", path)
                             // TRANSLATORS: what one item of a list is (competitor), the key a lone
                             // value stands for (name), then every key of the mapping (name, strength, note).
                             : say("a {} is a {} or a mapping with {}", registry_text(spec.noun), spec.shorthand,
                                   join_keys(spec)));
                continue;
            }
            if (spec.position) *spec.position(target) = item.position;
            ++n;
        }
        s.resize(items, n);
        s.shrink(items);
    }

public:
    bool writes_names() const { return writes_names_; }
    bool writes_person_names() const { return writes_person_names_; }

private:
    NodeReader& r_;
    const Process& process_;
    bool writes_names_ = false;
    bool writes_person_names_ = false;
};

}  // namespace

std::optional<Project> load_project(std::string_view text, const std::string& path, const Process& process,
                                    Diagnostics& out, LoadOptions options) {
    const YamlDocument doc = parse_yaml(text, path, out);
    NodeReader r(path, out, "type", options.strict);
    if (!doc.root) {
        if (!out.has_errors() || std::none_of(out.items().begin(), out.items().end(),
                                              [&](const Diagnostic& d) { return d.path == path; }))
            r.error_at({1, 1}, "syntax", say("the file is empty; a project is a mapping with id, name, customer, ..."));
        return std::nullopt;
    }
    const YamlNode& root = *doc.root;
    if (!root.is_mapping()) {
        // TRANSLATORS: the kind of YAML node found (scalar, list).
        r.error(&root, "syntax", say("a project file must be a mapping (key: value) at the top, not a {}", kind_text(root.kind)));
        return std::nullopt;
    }
    Project p;
    p.path = path;
    p.currency = process.currency;  // unless the file says otherwise
    RecordLoader loader(r, process);
    loader.read_record(project_spec(), root, &p, "", false);
    p.writes_names = loader.writes_names();
    p.writes_person_names = loader.writes_person_names();
    read_custom_fields(r, root, process, p.custom);
    return p;
}

std::optional<CustomerRecord> load_customer(std::string_view text, const std::string& path, const Process& process,
                                            Diagnostics& out, LoadOptions options) {
    const YamlDocument doc = parse_yaml(text, path, out);
    NodeReader r(path, out, "type", options.strict);
    if (!doc.root || !doc.root->is_mapping()) {
        if (doc.root)
            r.error(&*doc.root, "syntax",
                    // TRANSLATORS: the kind of YAML node found (scalar, list).
                    say("a customer file must be a mapping (key: value) at the top, not a {}", kind_text(doc.root->kind)));
        else if (std::none_of(out.items().begin(), out.items().end(), [&](const Diagnostic& d) { return d.path == path; }))
            r.error_at({1, 1}, "syntax", say("the file is empty; a customer is a mapping with id, name, grade, ..."));
        return std::nullopt;
    }
    CustomerRecord c;
    c.path = path;
    RecordLoader loader(r, process);
    loader.read_record(customer_file_spec(), *doc.root, &c, "", false);
    for (const FieldSpec& f : customer_file_spec().fields)
        if (f.required == Requirement::always && !field_has_value(&c, f))
            r.error_at(f.position ? (f.position(&c)->line ? *f.position(&c) : Position{1, 1}) : Position{1, 1}, "required",
                       registry_text(f.missing_message));
    return c;
}

}  // namespace pipeline
