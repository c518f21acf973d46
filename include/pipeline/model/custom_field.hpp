// The fields a team declares in pipeline.yaml (`fields:`): reading their values from project
// files and from the command line, in the canonical form of CustomValue.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/yaml/node_reader.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {

// The index of the custom field `key` in Process::fields, or -1.
int custom_field_index(const Process& process, std::string_view key);

// "text", "number", ..., "list of date": how pipeline-config(5) names the field's type.
std::string custom_type_name(const CustomField& field);

// Reads every custom field the top-level mapping `root` holds into `out`, by field index.
// A value of the wrong type is a finding and leaves the field absent.
void read_custom_fields(NodeReader& r, const YamlNode& root, const Process& process, std::vector<CustomValue>& out);

// One scalar of a custom field's type in canonical form: `text` and `number` as in
// CustomValue; when the text is not of the type, why, in both languages, to follow the
// field and the value ("FIELD "VALUE" must be true or false").
struct CustomScalar {
    std::string text;
    std::int64_t number = 0;
};
std::variant<CustomScalar, Text> parse_custom_scalar(const CustomField& field, std::string_view text);

// Whether values of this type compare with < <= > >= (numbers, money, percentages, dates).
bool custom_type_is_ordered(FieldType type);

// Whether a field of this type (built-in or custom) compares with < <= > >=: the above, and
// whole numbers.
bool type_is_ordered(FieldType type);

// `text` as a number of an ordered type, in the canonical form parse_custom_scalar gives
// (cents, days), numbers, whole numbers and percentages all in millionths, so that two values
// of one type — or of two of those three — compare as numbers; nullopt when the text is not of
// the type.
std::optional<std::int64_t> ordered_number(FieldType type, std::string_view text);

// The type of the scalar field `ref` names: the registry's, or its custom field's.
FieldType field_type(const FieldRef& ref, const Process& process);

}  // namespace pipeline
