// The field registry: every field of a project file declared once (src/model/registry.cpp),
// and the views every job takes of it — the record specs that loading, the record cache, the
// edit verifier and JSON walk, the dotted paths gates and filters name, the order in which an
// edit inserts a missing key. pipeline-project(5) documents exactly these fields (a unit test
// compares the two).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/field.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct Process;
struct CustomField;

// The project file: its top-level fields, in the usual file order.
const RecordSpec& project_spec();

// The top-level keys of a project file in the usual order: a key an edit inserts goes after
// the nearest key present that comes before it here.
const std::vector<std::string>& project_key_order();

// A fingerprint of every spec (keys, types, storage, nesting, positions): the record cache's
// format changes whenever the registry does.
std::uint64_t registry_fingerprint();

// A scalar field reached from the top of the record through records (not lists) —
// "lead.bant.budget" — or a field the team declared in pipeline.yaml.
struct FieldRef {
    std::vector<const FieldSpec*> path;  // records on the way, then the field itself
    int custom = -1;                     // index into Process::fields, or -1
    std::string name;                    // the dotted path as written

    bool is_custom() const { return custom >= 0; }
};

// A list a count check names, and the item fields its `where` may use.
struct ListRef {
    const FieldSpec* list = nullptr;     // a built-in list of records
    int custom = -1;                     // or a custom field that is a list
    std::string name;
};

// Resolves a dotted path to a scalar field (built-in or custom); nullopt when there is none.
std::optional<FieldRef> find_field(std::string_view dotted, const Process& process);
std::optional<ListRef> find_list(std::string_view name, const Process& process);
// The item field of a built-in list, or nullptr (custom lists have none).
const FieldSpec* find_item_field(const ListRef& list, std::string_view key);

// Every scalar path and every list gates may name, built-in first: for messages and docs.
std::vector<std::string> known_field_paths(const Process& process);
std::vector<std::string> known_list_names(const Process& process);

// The value of a scalar field as text, what gates and filters compare: booleans
// "true"/"false", dates ISO, money plain ("1280000.00"), stages as written; nullopt when
// absent or empty. Integers and amounts kept without an absent state (a risk's likelihood,
// the project's amount) always have a value.
std::optional<std::string> field_text(const Project& p, const FieldRef& field);
std::optional<std::string> field_text(const void* record, const FieldSpec& field);
// Whether field_text would have a value, without making the text.
bool field_has_value(const void* record, const FieldSpec& field);

// The number of items of `list` for which every condition holds (a condition holds when the
// item's field text is one of its values).
struct ItemCondition {
    const FieldSpec* field = nullptr;
    std::vector<std::string> values;
};
std::size_t count_items(const Project& p, const ListRef& list, const std::vector<ItemCondition>& where);

// How messages name a field of a record of `spec`: its label, "<noun> <key>", or at the top
// level the key alone. English (FieldSpec::name).
std::string field_label(const RecordSpec& spec, const FieldSpec& field, bool top_level);

// FieldSpec::name in English and in the reader's language: the label or the record's noun
// translated, the key kept as the file writes it. Made once per language for every field, so
// that loading may hand it to each read (NodeReader's Label) at no cost.
const Text& field_name(const FieldSpec& field);

// A text the registry declares as a message id (a missing_message or null_message, a record's
// noun) in English and in the reader's language; empty when there is none. Not a format
// string: a message may hold braces.
Text registry_text(std::string_view msgid);

}  // namespace pipeline
