// pipeline import: what was (or would be) created, and the rows left out.
#pragma once

#include <string>

#include "pipeline/change/project_import.hpp"

namespace pipeline {

// Each new customer and project file, the skipped rows, a count; a dry run adds the files.
std::string render_import_text(const ImportPlan& plan, const std::string& source, bool dry_run);
// `imported`: the files were written (in a dry run: would be); when not, no project or customer
// is listed, only the rows with errors and the findings.
std::string render_import_json(const ImportPlan& plan, const std::string& source, const std::string& encoding, bool dry_run,
                               bool imported);

}  // namespace pipeline
