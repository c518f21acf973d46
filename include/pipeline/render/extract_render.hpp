// What `pipeline customer extract` did (or, in a dry run, would do), for people and programs.
// The JSON schema is documented in pipeline(1).
#pragma once

#include <string>

#include "pipeline/change/customer_extract.hpp"

namespace pipeline {

std::string render_extract_text(const ExtractPlan& plan, bool dry_run);
std::string render_extract_json(const ExtractPlan& plan, bool dry_run);

}  // namespace pipeline
