#include "command.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "held_signals.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/store/atomic_write.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {

Date Context::today() const {
    if (!today_text.empty()) return *Date::parse(today_text);  // checked by date_value()
    const char* env = std::getenv("PIPELINE_TODAY");
    if (!env || !*env) return Date::today();
    if (auto d = Date::parse(env)) return *d;
    throw Failure(exit_status::usage, fmt::format("PIPELINE_TODAY: \"{}\" {}", env, why_not_a_date(env).local()));
}

fs::path Context::working_directory() const {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (directory.empty()) return cwd;
    fs::path dir = fs::path(directory).is_absolute() ? fs::path(directory) : cwd / directory;
    if (!fs::is_directory(dir, ec)) throw Failure(exit_status::usage, trf("-C {}: no such directory", directory));
    return dir.lexically_normal();
}

fs::path Context::repository_root() const {
    const fs::path start = working_directory();
    auto root = find_repository(start);
    if (!root)
        throw Failure(exit_status::usage,
                      trf("no pipeline.yaml in {} or any folder above it (run `pipeline init` to create one)",
                                  start.string()));
    return *root;
}

std::vector<std::shared_ptr<void>>& values_kept_until_exit() {
    static auto* kept = new std::vector<std::shared_ptr<void>>();
    return *kept;
}

Repository Context::load(const LoadRequest& request) const {
    LoadRequest cached = request;
    cached.use_cache = !no_cache;
    Repository repo = load_repository(cached);
    if (!repo.process) {
        repo.diagnostics.sort();
        print_error(render_diagnostics_text(repo.diagnostics, nullptr));
        throw Failure(exit_status::usage, tr("pipeline.yaml is not usable; fix the findings above"));
    }
    return repo;
}

Process Context::load_process(const fs::path& root) const {
    Diagnostics findings;
    auto process = load_process_file(root, findings);
    if (!process) {
        findings.sort();
        print_error(render_diagnostics_text(findings, nullptr));
        throw Failure(exit_status::usage, tr("pipeline.yaml is not usable; fix the findings above"));
    }
    return std::move(*process);
}

void write_output(const std::string& output, const std::string& text, const Context& ctx) {
    if (output.empty() || output == "-") {
        print(text);
        return;
    }
    const fs::path file = fs::path(output).is_absolute() ? fs::path(output) : ctx.working_directory() / output;
    std::error_code ec;
    if (!fs::is_directory(file.parent_path(), ec))
        throw Failure(exit_status::findings,
                      trf("cannot write {}: no folder {}; nothing written", output, fs::path(output).parent_path().string()));
    // A report written over the repository's own files would leave it unusable.
    if (auto root = find_repository(file.parent_path())) {
        const fs::path rel = file.lexically_normal().lexically_relative(fs::weakly_canonical(*root, ec));
        const std::string first = rel.empty() ? std::string() : rel.begin()->string();
        const std::string ext = rel.extension().string();
        if (rel == "pipeline.yaml" || ((first == "projects" || first == "customers" || first == "schemas") &&
                                       (ext == ".yaml" || ext == ".yml" || ext == ".json")))
            throw Failure(exit_status::usage, trf("-o {}: that is a file of the repository, not for output; nothing written", output));
    }
    std::optional<IoError> error;
    {
        const HeldSignals held;  // an interrupt waits until the file is in place: no temporary file left
        error = write_output_file(file, text, output);
    }
    if (error) throw Failure(exit_status::findings, error->message);
}

void print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void print_error(const std::string& text) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
}

void warn_on_customer_errors(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::error && d.path.starts_with("customers/")) {
            // TRANSLATORS: {} the path of the first customer file with an error.
            print_error(fmt::format("pipeline: warning: {}\n",
                                    trf("{} and maybe other customer files have errors: what they say is missing from "
                                        "these figures (pipeline check shows the errors)",
                                        d.path)));
            return;
        }
}

std::string written_text_problem(const std::string& value) {
    if (auto at = invalid_utf8(value))
        return trf("byte 0x{:02X} is not UTF-8 (set the terminal, or the script, to UTF-8)",
                           static_cast<unsigned char>(value[*at]));
    if (auto c = forbidden_character(value)) return trf("holds the control character {}", character_name(*c));
    return {};
}

CLI::Validator written_text() {
    return CLI::Validator([](std::string& value) { return written_text_problem(value); }, "", "written text");
}

CLI::Validator date_value() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            if (Date::parse(value)) return {};
            return fmt::format("\"{}\" {}", value, why_not_a_date(value).local());
        },
        "", "date");  // no description: the help shows the type name alone
}

CLI::Validator format_choice(std::initializer_list<const char*> formats) {
    std::vector<std::string> allowed(formats.begin(), formats.end());
    std::string list;
    for (const auto& f : allowed) list += (list.empty() ? "" : "|") + f;
    return CLI::Validator(
        [allowed, list](std::string& value) -> std::string {
            for (const auto& f : allowed)
                if (value == f) return {};
            return trf("unknown format \"{}\" (one of {})", value, list);
        },
        list, "format");
}

}  // namespace pipeline::cli
