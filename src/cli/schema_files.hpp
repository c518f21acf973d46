// The JSON Schemas a repository keeps for editors (schemas/, pipeline(1) FILES): where they
// are, writing them, the line that points a YAML file at one, and whether the written ones
// still match what this program and pipeline.yaml generate.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/process.hpp"

namespace pipeline::cli {

enum class SchemaKind { project, config };

// "schemas/pipeline-project.schema.json", relative to the repository root.
std::string schema_path(SchemaKind kind);
std::string schema_text(SchemaKind kind, const Process& process);

// Writes the schema into the repository (a temporary file renamed over it); a message on failure.
std::optional<std::string> write_schema(const std::filesystem::path& root, SchemaKind kind, const Process& process);

// The relative path from the folder of `file` (relative to the root) to the schema, for a
// `# yaml-language-server: $schema=PATH` line: "../schemas/pipeline-project.schema.json".
std::string schema_reference(const std::string& file, SchemaKind kind);

// Whether the repository has the schema written.
bool has_schema(const std::filesystem::path& root, SchemaKind kind);

// A warning (rule "schema") for each written schema that differs from what would be written now.
void add_schema_findings(const std::filesystem::path& root, const Process& process, Diagnostics& out);

}  // namespace pipeline::cli
