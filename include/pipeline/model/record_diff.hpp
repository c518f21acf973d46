// Comparing two project records field by field, positions aside, along the field registry:
// what the edit verifier uses to accept only the intended change.
#pragma once

#include <optional>
#include <string>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// The first field in which two projects differ ("stage", "history[3].note", the key of a
// custom field), positions not counted; nullopt when they are the same. A Text: the words
// around the path ("contacts (count 2 vs 3)") are translated, the path is not.
std::optional<Text> first_difference(const Project& a, const Project& b);

}  // namespace pipeline
