// Text and JSON for the commands that show and move one project (show, new, advance,
// close, reopen). The JSON schemas are documented in pipeline(1).
#pragma once

#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/change/project_change.hpp"
#include "pipeline/check/gate.hpp"
#include "pipeline/figures/project_view.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/yaml/edit_diff.hpp"
#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {


// "✓ text  detail" / "✗ text  detail" lines; with checks of several stages, a heading per stage.
std::string render_checklist(const std::vector<CheckResult>& checks, const Process& process, const std::string& indent);

// A finished (or, with dry_run, planned) move for people, and the lines it changes when dry_run.
struct ChangeOutput {
    std::string command;               // advance, close, reopen
    const Project* before = nullptr;
    const PlannedChange* change = nullptr;
    std::string path;                  // relative to the repository root
    bool dry_run = false;
    std::vector<DiffHunk> diff;
};

std::string render_change_text(const ChangeOutput& out, const Process& process);
// The changed lines of a dry run: "@@ line N @@", then "-old" and "+new" lines.
std::string render_diff_hunks(const std::vector<DiffHunk>& hunks);
std::string render_change_json(const ChangeOutput& out, const Process& process);

// A refused command: the lines after "pipeline: " for people, or the JSON document.
std::string render_refusal_text(const Refusal& r, const Process& process);
std::string render_refusal_json(const std::string& command, const std::string& id, const std::string& path,
                                const Refusal& r, const Process& process);

// pipeline show.
std::string render_show_text(const Project& p, const ProjectView& v, const Process& process, Date today);
std::string render_show_json(const Project& p, const ProjectView& v, const Process& process, Date today);

// pipeline new: what was (or, with dry_run, would be) created.
std::string render_new_text(const Project& p, const std::string& path, const std::string& text, const Process& process,
                            bool dry_run);
std::string render_new_json(const Project& p, const std::string& path, const std::string& text, const Process& process,
                            bool dry_run);

// Shared by the renderers: {"id": ..., "name": ...} of a stage, and one checklist item.
void write_stage(JsonWriter& w, const Process& process, int stage);
void write_check(JsonWriter& w, const CheckResult& r, const Process& process);

}  // namespace pipeline
