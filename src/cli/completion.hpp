// Shell completion: the words that may come next on a command line, from the command tree
// itself (subcommands, options, the values their validators take) and from the repository at
// hand (project and customer ids, stages, people). The shell scripts of completions/ ask
// `pipeline __complete LINE` and offer what it prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "command.hpp"

namespace pipeline::cli {

// The words of `line` as a shell would split them (blanks, quotes, backslashes), the last one
// the word being completed ("" when the line ends with a blank).
std::vector<std::string> shell_words(std::string_view line);

// The candidates for the last of `words` (after the program's name), sorted, each once.
std::vector<std::string> complete_words(CLI::App& app, const std::vector<std::string>& words, const Context& ctx);

// The script `pipeline completion SHELL` prints (completions/pipeline.SHELL), or nullptr.
const char* completion_script(std::string_view shell);

}  // namespace pipeline::cli
