// pipeline: the command line. Parses global options, dispatches to one file per
// subcommand, and maps every outcome to an exit status (see pipeline(1), EXIT STATUS).
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <exception>

#include <fmt/format.h>

#include "command.hpp"
#include "language.hpp"
#include "parse_errors.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/base/text.hpp"

namespace {

constexpr pipeline::cli::Setup kCommands[] = {
    pipeline::cli::setup_init,
    pipeline::cli::setup_check,
    pipeline::cli::setup_list,
    pipeline::cli::setup_new,
    pipeline::cli::setup_import,
    pipeline::cli::setup_show,
    pipeline::cli::setup_advance,
    pipeline::cli::setup_close,
    pipeline::cli::setup_reopen,
    pipeline::cli::setup_forecast,
    pipeline::cli::setup_diff,
    pipeline::cli::setup_trend,
    pipeline::cli::setup_report,
    pipeline::cli::setup_schema,
    pipeline::cli::setup_customer,
    pipeline::cli::setup_completion,
};

// CLI11's help pads option names by bytes; a Chinese word (必填) is fewer columns than
// bytes, so the descriptions after it would start too far left.
class HelpFormatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        const std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        const std::string description = make_option_desc(opt);
        const std::size_t width = get_column_width();
        const std::size_t shown = static_cast<std::size_t>(pipeline::display_width(name));
        std::string out = name;
        if (!description.empty()) {
            const std::string indent(width, ' ');
            out += shown >= width ? "\n" + indent : std::string(width - shown, ' ');
            for (char c : description) {
                out += c;
                if (c == '\n') out += indent;
            }
        } else if (shown < width) {
            out += std::string(width - shown, ' ');
        }
        return out + "\n";
    }
};

// The words of CLI11's help pages, in the reader's language.
void translate_help(CLI::App& app) {
    app.formatter(std::make_shared<HelpFormatter>());
    auto formatter = app.get_formatter();
    for (const char* label : {N_("Usage"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
                              N_("REQUIRED"), N_("Env"), N_("Needs"), N_("Excludes")})
        formatter->label(label, pipeline::tr(label));
    app.option_defaults()->group(pipeline::tr("Options"));
    app.set_help_flag("-h,--help", pipeline::tr("Print this help message and exit"));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace pipeline::cli;
    std::setlocale(LC_ALL, "C");
    choose_language(argc, argv);
    Context context;
    CLI::App app{pipeline::tr("pipeline — sales projects in plain text: check the process, forecast, report"), "pipeline"};
    translate_help(app);
    app.set_version_flag("--version", std::string("pipeline ") + PIPELINE_VERSION,
                         pipeline::tr("Display program version information and exit"));
    app.require_subcommand(1);
    // Every refusal of the command line reads like the others: "pipeline: what is wrong".
    app.failure_message([&app](const CLI::App*, const CLI::Error& e) {
        return fmt::format("pipeline: {}\n", parse_error_text(app, e));
    });
    app.fallthrough();
    app.option_defaults()->always_capture_default(false);
    app.add_option("-C", context.directory, pipeline::tr("Run as if started in DIR"))->type_name("DIR");
    app.add_option("--today", context.today_text, pipeline::tr("Compute dates against DATE instead of the local date"))
        ->type_name("DATE")->check(date_value());
    app.add_flag("--no-cache", context.no_cache, pipeline::tr("Read every project file; do not use or update .pipeline/"));
    std::string language;  // read before parsing (choose_language); declared here for --help and its check
    app.add_option("--lang", language, pipeline::tr("Speak LANG: zh (Chinese) or en (English)"))
        ->type_name("LANG")->check(language_value());
    for (Setup setup : kCommands) setup(app, context);
    for (CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (command->get_group().empty()) continue;  // hidden: what the completion scripts ask
        command->group(pipeline::tr("Subcommands"));
        // A subcommand's help flag was made before the group's name was translated.
        if (CLI::Option* help = command->get_help_ptr()) help->group(pipeline::tr("Options"));
    }
    try {
        if (auto unknown = unknown_command(app, argc, argv)) {
            print_error(fmt::format("pipeline: {}\n", *unknown));
            return exit_status::usage;
        }
        // A malformed PIPELINE_TODAY stops every command, not only those that use it; but not the
        // shell's completion, which must never print.
        const std::string_view first = argc > 1 ? argv[1] : "";
        if (first != "__complete" && first != "completion") context.today();
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);
        return status == 0 ? exit_status::ok : exit_status::usage;
    } catch (const Failure& f) {
        print_error(fmt::format("pipeline: {}\n", f.what()));
        return f.status;
    } catch (const pipeline::MoneyOverflow& e) {
        print_error(pipeline::trf("pipeline: {}: no figure is printed rather than a wrong one\n", e.what()));
        return exit_status::findings;
    } catch (const std::exception& e) {
        print_error(pipeline::trf("pipeline: internal error: {}\n", e.what()));
        return 70;
    }
    // What was printed must have reached its reader: a full disk or a closed pipe is an error.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        print_error(pipeline::trf("pipeline: cannot write to standard output: {}\n", std::strerror(errno)));
        return exit_status::findings;
    }
    return context.exit_code;
}
