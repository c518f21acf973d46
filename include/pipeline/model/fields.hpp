// The project fields that gate checks may name, and their values as text.
// One table serves the process loader (unknown field = error) and gate evaluation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

bool is_known_field(std::string_view path);
bool is_known_list(std::string_view list);
bool is_known_item_key(std::string_view list, std::string_view key);
std::vector<std::string_view> known_fields();
std::vector<std::string_view> known_lists();

// The value of a scalar field as text: booleans "true"/"false", dates ISO, money plain.
// nullopt when absent or empty.
std::optional<std::string> field_value(const Project& p, std::string_view path);

// How many items of a list match every condition (any of its values).
std::size_t count_items(const Project& p, std::string_view list, const std::vector<GateCheck::Condition>& where);

}  // namespace pipeline
