// Text edits of a project file, verified as a project: the edited file must load as exactly
// the intended record. The YAML-level edit and its verification are in yaml/text_edit.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/model/process.hpp"
#include "pipeline/model/record_diff.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {

// Applies `edit` to the text of a project file and verifies it twice: as YAML (above), and
// as a project: loading the result must give `expected` field by field (positions aside)
// and the same findings as loading the original.
EditResult edit_project_text(std::string_view text, const std::string& path, const Process& process,
                             const FileEdit& edit, const Project& expected);

}  // namespace pipeline
