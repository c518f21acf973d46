// A project record as bytes and back, for the record cache: every field the registry
// declares (model/registry.hpp), with its position, in declaration order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/model/project.hpp"

namespace pipeline {

std::string encode_project(const Project& p);
// nullopt when the bytes are damaged or not a whole record.
std::optional<Project> decode_project(std::string_view bytes);

// Changes whenever the bytes of a record change meaning: a field added, removed, reordered
// or retyped in the registry, or the encoding itself.
std::uint64_t record_format();

}  // namespace pipeline
