// Refusals of the command line in the reader's language, with "did you mean" for a mistyped
// command or option. CLI11 words its errors in English; they are reworded here from what the
// error says, and passed through as they are when their shape is not known.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace pipeline::cli {

// The sentence for a parse error of `app` (the top-level app, after parse() threw).
std::string parse_error_text(const CLI::App& app, const CLI::Error& error);

// "unknown command" for a first word that is no subcommand of `app`, before CLI11 sees it
// (it would say only that a subcommand is required); nullopt when the command is known or absent.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv);

}  // namespace pipeline::cli
