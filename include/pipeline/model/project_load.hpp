// Reading one project file into its record: types, allowed values and positions checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

struct LoadOptions {
    bool strict = false;               // report unknown keys as warnings
};

// Parses and types one project file. Returns nullopt when the file cannot be read as a
// project at all (syntax error, top level not a mapping); type errors in single fields
// are findings and leave that field at its default.
std::optional<Project> load_project(std::string_view text, const std::string& path, const Process& process,
                                    Diagnostics& out, LoadOptions options = {});

}  // namespace pipeline
