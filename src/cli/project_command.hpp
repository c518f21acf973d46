// What the commands on one project (show, advance, close, reopen) share: finding the
// project by id and loading only its file and pipeline.yaml — never the other projects —
// and, for the commands that change it, locking, editing and writing it back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "command.hpp"
#include "pipeline/change/project_change.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/store/atomic_write.hpp"

namespace pipeline::cli {

struct OneProject {
    std::filesystem::path root;
    std::string path;                  // relative to the root
    Process process;
    std::string text;                  // the file, without a byte-order mark
    bool bom = false;                  // the file starts with one (it is kept)
    std::optional<Project> project;
    Diagnostics findings;              // from loading the file
    std::optional<LockedFile> lock;    // held by the commands that change the file
};

// Fails with status 2 for a malformed id, a missing repository or project, or an unusable
// pipeline.yaml; with status 1 when the file cannot be read (or, to change it, locked).
OneProject open_project(const Context& ctx, const std::string& id, bool to_change);

// The options every move shares.
struct MoveOptions {
    std::string date, by, note, format = "text";
    bool dry_run = false;
};

void add_move_options(CLI::App* cmd, MoveOptions& options);

// A date option (checked by date_value()), or today when it was not given.
Date date_or_today(const Context& ctx, const std::string& value);

// A person named on the command line (`what`: the option): a roster id, or the display name
// of exactly one person, as files may write them; their id. A name several people share is
// a usage error listing their ids; a name of nobody stays as written (the check refuses it).
std::string roster_id(const Process& process, const std::string& written, std::string_view what);

// --by (`option`), else $PIPELINE_USER, else `fallback` (the project's owner), as roster_id.
std::string who(const Process& process, const std::string& by, const std::string& fallback, std::string_view option);

// Checks that the project loaded without errors (else prints them, Failure(1)), for a change.
const Project& project_to_change(const OneProject& one);

// Prints a refusal (text to stderr, or JSON to stdout) and returns status 1.
int report_refusal(const std::string& command, const std::string& id, const std::string& path, const Refusal& r,
                   const Process& process, const std::string& format);

// Applies a planned move to the file (unless dry run), prints the outcome; the exit status.
int carry_out(const std::string& command, OneProject& one, const MoveResult& result, const MoveOptions& options);

}  // namespace pipeline::cli
