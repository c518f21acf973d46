// Whom a file names: a person must be in the roster (people of pipeline.yaml), as an id or by
// display name; with an empty roster nobody is checked.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/process.hpp"

namespace pipeline {

// An error (rule person) on `path` at `at` when `id` names nobody of the roster, with the
// nearest id or name; `what` names the field ("owner", "revisit by"). A name several people
// share is the loader's finding, not this one.
void check_person(const Process& process, const std::string& path, std::string_view id, Position at, const Text& what,
                  Diagnostics& out);

}  // namespace pipeline
