#include "schema_files.hpp"

#include <fmt/format.h>

#include "pipeline/render/json_schema.hpp"
#include "pipeline/store/atomic_write.hpp"
#include "pipeline/store/file_read.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {

std::string schema_path(SchemaKind kind) {
    return kind == SchemaKind::project ? "schemas/pipeline-project.schema.json" : "schemas/pipeline-config.schema.json";
}

std::string schema_text(SchemaKind kind, const Process& process) {
    return kind == SchemaKind::project ? project_schema(process) : config_schema(process);
}

std::optional<std::string> write_schema(const fs::path& root, SchemaKind kind, const Process& process) {
    const std::string rel = schema_path(kind);
    std::error_code ec;
    fs::create_directories((root / rel).parent_path(), ec);
    if (ec) return trf("cannot create {}: {}", fs::path(rel).parent_path().string(), ec.message());
    if (auto error = write_output_file(root / rel, schema_text(kind, process), rel)) return error->message;
    return std::nullopt;
}

std::string schema_reference(const std::string& file, SchemaKind kind) {
    const fs::path folder = fs::path(file).parent_path();
    return fs::path(schema_path(kind)).lexically_relative(folder.empty() ? fs::path(".") : folder).generic_string();
}

bool has_schema(const fs::path& root, SchemaKind kind) {
    std::error_code ec;
    return fs::is_regular_file(root / schema_path(kind), ec);
}

void add_schema_findings(const fs::path& root, const Process& process, Diagnostics& out) {
    for (SchemaKind kind : {SchemaKind::project, SchemaKind::config}) {
        if (!has_schema(root, kind)) continue;
        const std::string rel = schema_path(kind);
        Diagnostics ignored;
        auto written = read_text_file(root / rel, rel, 16u << 20, ignored);
        if (written && *written == schema_text(kind, process)) continue;
        out.warning(rel, {}, "schema",
                    say("the JSON Schema is out of date (pipeline.yaml or pipeline changed since it was written); "
                        "run `pipeline schema --write`"));
    }
}

}  // namespace pipeline::cli
