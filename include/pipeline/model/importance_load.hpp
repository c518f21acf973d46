// Reading the `importance:` table of pipeline.yaml (load_process calls it).
#pragma once

#include "pipeline/model/process.hpp"
#include "pipeline/yaml/node_reader.hpp"

namespace pipeline {

// Replaces the default importance table of `p` with the rows of `list`; problems are
// findings with rule "config".
void read_importance(NodeReader& r, const YamlNode& list, Process& p);

}  // namespace pipeline
