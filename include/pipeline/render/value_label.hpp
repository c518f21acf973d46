// Enum values as a reader sees them: the id in English (what files, filters and scripts
// write), the Chinese name under zh (赢单, 竞争). JSON always writes the id.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/model/process.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

// open/won/lost/abandoned; under zh the team's outcome name from pipeline.yaml, or 进行中,
// 赢单, 丢单, 放弃.
std::string status_label(Status status, const Process& process);

// A person named by a roster id: under zh their display name (张三), else the id as written;
// lists and JSON keep the id.
std::string person_shown(const Process& process, std::string_view id);

// The value `id` of the enum field `key` of the items of list `list` (risks, type).
std::string item_value_label(const Process& process, std::string_view list, std::string_view key, std::string_view id);

// The value `id` of the customer file's enum field `key` (size, grade): 战略客户 under zh.
std::string customer_value_label(std::string_view key, std::string_view id);

}  // namespace pipeline
