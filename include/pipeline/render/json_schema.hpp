// JSON Schemas (draft-07) of project files and of pipeline.yaml for editors: generated from
// the field registry and the config spec, with this repository's stages, people, currencies
// and custom fields. `pipeline schema` prints them; `pipeline schema --write` writes them to
// schemas/ (pipeline(1), FILES).
#pragma once

#include <string>

#include "pipeline/model/process.hpp"

namespace pipeline {

std::string project_schema(const Process& process);
std::string config_schema(const Process& process);

}  // namespace pipeline
