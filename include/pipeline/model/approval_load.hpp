// Reading the `approvals:` section of pipeline.yaml (load_process calls it after people).
#pragma once

#include "pipeline/model/process.hpp"
#include "pipeline/yaml/node_reader.hpp"

namespace pipeline {

// Updates the built-in approval kinds of `p` and adds the team's own, from the list `list`;
// problems are findings with rule "config".
void read_approval_types(NodeReader& r, const YamlNode& list, Process& p);

}  // namespace pipeline
