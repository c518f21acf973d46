// pipeline: the command line. Parses global options, dispatches to one file per
// subcommand, and maps every outcome to an exit status (see pipeline(1), EXIT STATUS).
#include <clocale>
#include <exception>

#include <fmt/format.h>

#include "command.hpp"
#include "pipeline/base/money.hpp"

namespace {

constexpr pipeline::cli::Setup kCommands[] = {
    pipeline::cli::setup_init,
    pipeline::cli::setup_check,
    pipeline::cli::setup_list,
    pipeline::cli::setup_new,
    pipeline::cli::setup_show,
    pipeline::cli::setup_advance,
    pipeline::cli::setup_close,
    pipeline::cli::setup_reopen,
    pipeline::cli::setup_forecast,
    pipeline::cli::setup_diff,
    pipeline::cli::setup_report,
    pipeline::cli::setup_schema,
};

}  // namespace

int main(int argc, char** argv) {
    using namespace pipeline::cli;
    std::setlocale(LC_ALL, "C");
    Context context;
    CLI::App app{"pipeline — sales projects in plain text: check the process, forecast, report", "pipeline"};
    app.set_version_flag("--version", std::string("pipeline ") + PIPELINE_VERSION);
    app.require_subcommand(1);
    // Every refusal of the command line reads like the others: "pipeline: what is wrong".
    app.failure_message([](const CLI::App*, const CLI::Error& e) { return fmt::format("pipeline: {}\n", e.what()); });
    app.fallthrough();
    app.option_defaults()->always_capture_default(false);
    app.add_option("-C", context.directory, "Run as if started in DIR")->type_name("DIR");
    app.add_option("--today", context.today_text, "Compute dates against DATE instead of the local date")
        ->type_name("DATE")->check(date_value());
    app.add_flag("--no-cache", context.no_cache, "Read every project file; do not use or update .pipeline/");
    for (Setup setup : kCommands) setup(app, context);
    try {
        context.today();  // a malformed PIPELINE_TODAY stops every command, not only those that use it
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);
        return status == 0 ? exit_status::ok : exit_status::usage;
    } catch (const Failure& f) {
        print_error(fmt::format("pipeline: {}\n", f.what()));
        return f.status;
    } catch (const pipeline::MoneyOverflow& e) {
        print_error(fmt::format("pipeline: {}: no figure is printed rather than a wrong one\n", e.what()));
        return exit_status::findings;
    } catch (const std::exception& e) {
        print_error(fmt::format("pipeline: internal error: {}\n", e.what()));
        return 70;
    }
    return context.exit_code;
}
