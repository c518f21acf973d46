// Where a project stands: open, or closed with an outcome.
#pragma once

#include <optional>
#include <string_view>

namespace pipeline {

enum class Status : unsigned char { open, won, lost, abandoned };

// "open", "won", "lost", "abandoned".
const char* status_id(Status s);
std::optional<Status> parse_status(std::string_view text);

}  // namespace pipeline
