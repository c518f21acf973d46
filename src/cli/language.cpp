#include "language.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>


#include "command.hpp"
#include "pipeline/store/repository.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {
namespace {

bool has_catalog(const fs::path& folder) {
    std::error_code ec;
    return fs::is_regular_file(folder / "zh_CN" / "LC_MESSAGES" / "pipeline.mo", ec);
}

// What argv says about --lang and -C, read the way the parser will read it.
struct Early {
    std::optional<std::string> lang;
    std::string directory;
};

Early scan(int argc, char** argv) {
    Early e;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--") break;
        if (a == "--lang" && i + 1 < argc) e.lang = argv[++i];
        else if (a.starts_with("--lang=")) e.lang = std::string(a.substr(7));
        else if (a == "-C" && i + 1 < argc) e.directory = argv[++i];
        else if (a.starts_with("-C") && a.size() > 2) e.directory = std::string(a.substr(2));
    }
    return e;
}

// `language:` of the repository the command will run in, when it names a language.
std::optional<Language> team_language(const std::string& directory) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec) return std::nullopt;
    const fs::path start = directory.empty() ? cwd : fs::path(directory).is_absolute() ? fs::path(directory) : cwd / directory;
    if (!fs::is_directory(start, ec)) return std::nullopt;
    const auto root = find_repository(start);
    if (!root) return std::nullopt;
    Diagnostics ignored;  // the command itself reads the file again and reports what is wrong with it
    const auto process = load_process_file(*root, ignored);
    if (!process || process->language.empty()) return std::nullopt;
    return parse_language(process->language);
}

}  // namespace

std::string catalog_folder() {
    if (const char* dir = std::getenv("PIPELINE_LOCALEDIR"); dir && *dir) return dir;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        if (has_catalog(exe.parent_path() / "locale")) return (exe.parent_path() / "locale").string();
        if (has_catalog(exe.parent_path().parent_path() / "share" / "locale"))
            return (exe.parent_path().parent_path() / "share" / "locale").string();
    }
    return PIPELINE_LOCALEDIR;
}

void choose_language(int argc, char** argv) {
    const Early early = scan(argc, argv);
    std::optional<Language> language;
    if (early.lang) language = parse_language(*early.lang);
    if (!language) language = team_language(early.directory);
    if (!language) language = language_of_environment();
    if (!use_language(*language, catalog_folder()))
        // In English, for the Chinese messages are what is missing.
        print_error("pipeline: warning: the Chinese messages (zh_CN/LC_MESSAGES/pipeline.mo) are installed neither beside the "
                    "program nor in PIPELINE_LOCALEDIR; speaking English\n");
}

CLI::Validator language_value() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            if (parse_language(value)) return {};
            return trf("unknown language \"{}\" (zh or en)", value);
        },
        "", "language");
}

}  // namespace pipeline::cli
