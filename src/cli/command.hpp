// What every command shares: global options, the repository, exit statuses, output.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline::cli {

namespace exit_status {
constexpr int ok = 0;
constexpr int findings = 1;   // check failed, move refused
constexpr int usage = 2;      // bad options, no usable repository or pipeline.yaml
}  // namespace exit_status

// Thrown by the command layer to stop with a message and a status; main prints it.
struct Failure : std::runtime_error {
    Failure(int status, const std::string& message) : std::runtime_error(message), status(status) {}
    int status;
};

struct Context {
    std::string directory;      // -C DIR
    std::string today_text;     // --today DATE (or PIPELINE_TODAY)
    bool no_cache = false;      // --no-cache: read every project file, leave .pipeline/ alone
    int exit_code = exit_status::ok;

    // The date commands compute against.
    Date today() const;
    // The repository root, found from -C or the current directory; Failure(2) if none.
    std::filesystem::path repository_root() const;
    // The folder commands resolve relative paths against (-C DIR, else the cwd).
    std::filesystem::path working_directory() const;
    // The whole repository loaded; Failure(2) when pipeline.yaml is unusable (its findings printed).
    Repository load(const LoadRequest& request) const;
    // pipeline.yaml of `root` alone; Failure(2) when it is unusable (its findings printed).
    Process load_process(const std::filesystem::path& root) const;
};

// Writes `text` to the file `output` names (relative to -C DIR), or to stdout for "" and "-":
// the file through a temporary file renamed over it; a name that is a folder, a device, a FIFO
// or a link is refused (Failure(1)), and an existing file is never read.
void write_output(const std::string& output, const std::string& text, const Context& ctx);

// The values kept_until_exit holds; never freed.
std::vector<std::shared_ptr<void>>& values_kept_until_exit();

// Hands `value` to the end of the process instead of freeing it, as git's UNLEAK and clang's
// -disable-free do: a model of 100,000 records takes longer to free, one small allocation at
// a time, than the exit that returns all its memory at once. It stays reachable, so leak
// checkers do not report it.
template <class T>
void keep_until_exit(T&& value) {
    values_kept_until_exit().push_back(std::make_shared<std::remove_cvref_t<T>>(std::forward<T>(value)));
}

// Writes text to stdout / stderr exactly (no added newline).
void print(const std::string& text);
void print_error(const std::string& text);

// A warning on stderr when a file of the customer master has errors: the figures then miss
// what it would give the projects naming it (grade, size, industry, revisits, complaints).
void warn_on_customer_errors(const Diagnostics& diagnostics);

// One subcommand: adds itself to the app and binds its options.
using Setup = void (*)(CLI::App& app, Context& context);

void setup_init(CLI::App& app, Context& context);
void setup_check(CLI::App& app, Context& context);
void setup_list(CLI::App& app, Context& context);
void setup_new(CLI::App& app, Context& context);
void setup_import(CLI::App& app, Context& context);
void setup_show(CLI::App& app, Context& context);
void setup_advance(CLI::App& app, Context& context);
void setup_close(CLI::App& app, Context& context);
void setup_reopen(CLI::App& app, Context& context);
void setup_forecast(CLI::App& app, Context& context);
void setup_diff(CLI::App& app, Context& context);
void setup_report(CLI::App& app, Context& context);
void setup_trend(CLI::App& app, Context& context);
void setup_schema(CLI::App& app, Context& context);
void setup_customer(CLI::App& app, Context& context);
void setup_completion(CLI::App& app, Context& context);
// customer extract, a subcommand of `customer`.
void add_customer_extract(CLI::App& customer, Context& context);

// Validates an --format value against the allowed ones.
CLI::Validator format_choice(std::initializer_list<const char*> formats);

// Validates the value of an option that is written into a file (a note, a reason, a name, a
// person): UTF-8, and no control character, so that no command writes a file the tool would
// refuse to load.
CLI::Validator written_text();
// The same check for text from elsewhere (an environment variable): a message, or empty.
std::string written_text_problem(const std::string& value);

// Validates a date option as file dates are (a real calendar date, YYYY-MM-DD); an empty value
// is refused too, so that `--today ""` is not quietly the local date.
CLI::Validator date_value();

}  // namespace pipeline::cli
