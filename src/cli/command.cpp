#include "command.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "pipeline/render/diagnostic_render.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {

Date Context::today() const {
    std::string text = today_text;
    if (text.empty())
        if (const char* env = std::getenv("PIPELINE_TODAY")) text = env;
    if (text.empty()) return Date::today();
    if (auto d = Date::parse(text)) return *d;
    throw Failure(exit_status::usage, fmt::format("--today: \"{}\" is not a date (YYYY-MM-DD)", text));
}

fs::path Context::working_directory() const {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (directory.empty()) return cwd;
    fs::path dir = fs::path(directory).is_absolute() ? fs::path(directory) : cwd / directory;
    if (!fs::is_directory(dir, ec)) throw Failure(exit_status::usage, fmt::format("-C {}: no such directory", directory));
    return dir.lexically_normal();
}

fs::path Context::repository_root() const {
    const fs::path start = working_directory();
    auto root = find_repository(start);
    if (!root)
        throw Failure(exit_status::usage,
                      fmt::format("no pipeline.yaml in {} or any folder above it (run `pipeline init` to create one)",
                                  start.string()));
    return *root;
}

Repository Context::load(const LoadRequest& request) const {
    LoadRequest cached = request;
    cached.use_cache = !no_cache;
    Repository repo = load_repository(cached);
    if (!repo.process) {
        repo.diagnostics.sort();
        print_error(render_diagnostics_text(repo.diagnostics, nullptr));
        throw Failure(exit_status::usage, "pipeline.yaml is not usable; fix the findings above");
    }
    return repo;
}

Process Context::load_process(const fs::path& root) const {
    Diagnostics findings;
    auto process = load_process_file(root, findings);
    if (!process) {
        findings.sort();
        print_error(render_diagnostics_text(findings, nullptr));
        throw Failure(exit_status::usage, "pipeline.yaml is not usable; fix the findings above");
    }
    return std::move(*process);
}

void print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void print_error(const std::string& text) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
}

CLI::Validator format_choice(std::initializer_list<const char*> formats) {
    std::vector<std::string> allowed(formats.begin(), formats.end());
    std::string list;
    for (const auto& f : allowed) list += (list.empty() ? "" : "|") + f;
    return CLI::Validator(
        [allowed, list](std::string& value) -> std::string {
            for (const auto& f : allowed)
                if (value == f) return {};
            return fmt::format("unknown format \"{}\" (one of {})", value, list);
        },
        list, "format");
}

}  // namespace pipeline::cli
