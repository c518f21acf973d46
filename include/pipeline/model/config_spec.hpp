// The keys of pipeline.yaml, declared once: what the process loader accepts (any other key is
// reported), what the JSON Schema of pipeline.yaml offers, and what pipeline-config(5)
// documents (a unit test compares the two).
#pragma once

#include <string_view>
#include <vector>

namespace pipeline {

// What a key of pipeline.yaml holds.
enum class ConfigType : unsigned char {
    text,
    integer,          // a whole number from ConfigKey::min to ::max
    money,
    currency,         // a three-letter code
    rate,             // an exchange rate (a positive number, six decimals)
    period,           // 2026, 2026Q4, 2026-11
    stage,            // a stage id or name
    person,           // a roster id
    outcome,          // won, lost, abandoned
    field_path,       // a project field a gate check names
    list_name,        // a project list a count check names
    field_type,       // the type of a custom field
    mapping,          // keys of its own (ConfigKey::keys)
    rates,            // currency code → rate
    stage_group,      // a list of stage ids (a flexible group)
    list,             // a list of ConfigKey::item
    words,            // one of ConfigKey::values
    boolean,          // true or false
};

struct ConfigKey {
    std::string_view key;
    ConfigType type = ConfigType::text;
    std::string_view description = {};
    std::vector<ConfigKey> keys = {};           // mapping, and a list of mappings: the keys
    ConfigType item = ConfigType::mapping;      // list: what each item is
    int min = 0, max = 0;                       // integer
    std::vector<std::string_view> values = {};  // words; a list of words
};

// The top level of pipeline.yaml.
const ConfigKey& config_spec();

// The keys of the mapping at `path` ("" for the top, "rules", "stages", "stages.gate",
// "people", ...), for unknown-key checks.
std::vector<std::string_view> config_keys(std::string_view path);

// The key at `path`, or nullptr.
const ConfigKey* find_config_key(std::string_view path);

}  // namespace pipeline
