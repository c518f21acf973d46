// A project record as JSON, walked along the field registry: every declared field under its
// key (null when absent), nested records as objects, lists as arrays, and the team's own
// fields. What `show --format json` gives as "record" and `list --format json` as "fields".
#pragma once

#include <string>

#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/render/json.hpp"

namespace pipeline {

// The whole record as one object: the built-in fields, then the custom fields of `process`.
void write_record_json(JsonWriter& w, const Project& p, const Process& process);

// Only the custom fields of `process`, as an object; absent ones are null.
void write_custom_fields_json(JsonWriter& w, const Project& p, const Process& process);

// A custom value as people read it: amounts with separators and the currency, people with
// their names, lists joined with ", ".
std::string custom_value_text(const CustomField& field, const CustomValue& value, const Process& process,
                              const std::string& currency);

}  // namespace pipeline
