#include "parse_errors.hpp"

#include <regex>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"

namespace pipeline::cli {
namespace {

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    return names;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

// The options a word typed after `app`'s command may name: its own and, as options fall
// through, its parents'.
std::vector<std::string> option_names(const CLI::App* app) {
    std::vector<std::string> names;
    for (; app; app = app->get_parent())
        for (const CLI::Option* o : app->get_options()) {
            for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
            for (const std::string& s : o->get_snames()) names.push_back("-" + s);
        }
    return names;
}

// The command the user asked for: the deepest parsed subcommand, else the app itself.
const CLI::App* chosen(const CLI::App& app) {
    const CLI::App* at = &app;
    for (;;) {
        const auto parsed = at->get_subcommands();
        if (parsed.empty()) return at;
        at = parsed.front();
    }
}

std::string unexpected(const CLI::App& app, const std::string& word) {
    const CLI::App* command = chosen(app);
    if (!word.empty() && word[0] == '-') {
        const std::string name = word.substr(0, word.find('='));
        const std::string where = command == &app ? std::string("pipeline") : "pipeline " + command->get_name();
        if (auto near = did_you_mean(name, option_names(command)))
            return trf("unknown option {} (did you mean {}? see `{} --help`)", name, *near, where);
        return trf("unknown option {} (see `{} --help`)", name, where);
    }
    return trf("unexpected argument \"{}\"", word);
}

}  // namespace

std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    const std::vector<std::string> names = command_names(app);
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--") return std::nullopt;
        if (a.starts_with("-")) {
            // The global options that take a value: skip it.
            if ((a == "-C" || a == "--today" || a == "--lang") && i + 1 < argc) ++i;
            continue;
        }
        for (const auto& n : names)
            if (a == n) return std::nullopt;
        if (auto near = did_you_mean(a, names))
            return trf("unknown command \"{}\" (did you mean \"{}\"?)", a, *near);
        return trf("unknown command \"{}\" (the commands: {})", a, joined(names));
    }
    return std::nullopt;
}

std::string parse_error_text(const CLI::App& app, const CLI::Error& error) {
    const std::string what = error.what();
    // A subcommand's errors carry its name, not the error's: ask the type for those.
    const std::string kind = dynamic_cast<const CLI::ExtrasError*>(&error) ? "ExtrasError" : error.get_name();
    std::smatch m;
    if (kind == "ExtrasError") {
        static const std::regex extras(R"(The following arguments? (?:was|were) not expected: (.*))");
        if (std::regex_match(what, m, extras)) {
            // CLI11 lists the words apart by spaces; the first one is what went wrong.
            const std::string list = m[1];
            return unexpected(app, list.substr(0, list.find(' ')));
        }
    } else if (kind == "RequiredError") {
        static const std::regex required(R"((.*) is required)");
        if (what == "A subcommand is required" || what.starts_with("Requires at least"))
            return trf("no command given (one of {}; see `pipeline --help`)", joined(command_names(app)));
        if (std::regex_match(what, m, required)) return trf("{} is required", m[1].str());
    } else if (kind == "ArgumentMismatch") {
        static const std::regex missing(R"((.*): \d+ required .* missing)");
        static const std::regex exactly(R"(Expected exactly (\d+) arguments? to (.*), got (\d+))");
        if (std::regex_match(what, m, missing)) return trf("{} needs a value", m[1].str());
        if (std::regex_match(what, m, exactly)) return trf("{} takes one value", m[2].str());
        static const std::regex at_most(R"((.*): At Most \d+ required but received \d+)");
        if (std::regex_match(what, m, at_most)) return trf("{} is given more than once", m[1].str());
    } else if (kind == "ConversionError") {
        static const std::regex convert(R"(Could not convert: (.*) = (.*))");
        static const std::regex allowed(R"(The value (.*) is not an allowed value for (.*))");
        if (std::regex_match(what, m, convert)) {
            // --dry-run=maybe: a switch given a value.
            const CLI::Option* option = chosen(app)->get_option_no_throw(m[1].str());
            if (option && option->get_expected_max() == 0) return trf("{} is a switch and takes no value", m[1].str());
            return trf("{}: \"{}\" is not a whole number", m[1].str(), m[2].str());
        }
        if (std::regex_match(what, m, allowed)) return trf("{}: \"{}\" is not allowed", m[2].str(), m[1].str());
    } else if (kind == "ExcludesError") {
        static const std::regex excludes(R"((.*) excludes (.*))");
        if (std::regex_match(what, m, excludes)) return trf("{} cannot be used with {}", m[1].str(), m[2].str());
    } else if (kind == "RequiresError") {
        static const std::regex requires_(R"((.*) requires (.*))");
        if (std::regex_match(what, m, requires_)) return trf("{} needs {} as well", m[1].str(), m[2].str());
    }
    return what;
}

}  // namespace pipeline::cli
