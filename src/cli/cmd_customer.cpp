// pipeline customer list|show: the customer master (customers/**/*.yaml) with what its
// customers' projects amount to (customer extract: cmd_customer_extract.cpp).
#include <memory>
#include <set>

#include <fmt/format.h>

#include "command.hpp"
#include "query_options.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/figures/customer_view.hpp"
#include "pipeline/render/customer_render.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline::cli {
namespace {

struct CustomerArgs {
    std::string id;
    std::string format = "table";
    std::string output;                 // -o FILE
    QueryOptions query;                 // list: the filter terms
};

std::vector<CustomerView> views(const Repository& repo, const Query& filter, Date today) {
    std::vector<CustomerView> out;
    std::set<std::string_view> seen;
    for (const CustomerRecord& c : repo.customers)
        // A second file with one id is check's error; the first is the customer, as projects resolve to it.
        if (seen.insert(c.id.view()).second && customer_selected(filter, c, repo.projects, *repo.process))
            out.push_back(view_customer(c, repo.projects, *repo.process, today));
    return out;
}

void warn_on_errors(const Repository& repo) {
    if (repo.diagnostics.has_errors())
        print_error(fmt::format("pipeline: warning: {}\n", tr("some files have errors and may be missing or incomplete here; "
                                                             "run `pipeline check`")));
}

int run_customer_list(const CustomerArgs& args, const Context& ctx) {
    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Date today = ctx.today();
    const std::vector<CustomerView> all = views(repo, parse_filter(args.query, *repo.process), today);
    if (args.format == "json") write_output(args.output, render_customer_list_json(all, *repo.process), ctx);
    else {
        const Table t = customer_list_table(all, *repo.process, args.format == "csv");
        write_output(args.output, args.format == "csv" ? render_csv(t) : args.format == "markdown" ? render_markdown(t) : render_text(t),
                     ctx);
    }
    warn_on_errors(repo);
    return exit_status::ok;
}

int run_customer_show(const CustomerArgs& args, const Context& ctx) {
    Repository repo = ctx.load({ctx.repository_root(), {}, {}});
    const Date today = ctx.today();
    const CustomerRecord* c = find_customer(repo.customers, args.id);
    if (!c) {
        std::vector<std::string> ids;
        for (const CustomerRecord& r : repo.customers) ids.push_back(r.id.str());
        if (auto hint = did_you_mean(args.id, ids))
            throw Failure(exit_status::usage, trf("no customer {} in customers/ (did you mean {}?)", args.id, *hint));
        throw Failure(exit_status::usage, trf("no customer {} in customers/", args.id));
    }
    const CustomerView v = view_customer(*c, repo.projects, *repo.process, today);
    write_output(args.output,
                 args.format == "json" ? render_customer_json(v, *repo.process, today) : render_customer_text(v, *repo.process, today),
                 ctx);
    warn_on_errors(repo);
    return exit_status::ok;
}

}  // namespace

void setup_customer(CLI::App& app, Context& ctx) {
    CLI::App* cmd = app.add_subcommand("customer", tr("The customer master: list its customers, show one with its projects, extract those written into projects"));
    cmd->require_subcommand(1);
    auto list_args = std::make_shared<CustomerArgs>();
    CLI::App* list = cmd->add_subcommand("list", tr("List the customers of customers/ with their pipeline, wins and revisits"));
    list->add_option("filter", list_args->query.filter,
                     tr("Filter terms: customer:, industry:, customer_grade:, size: on the customer; others on its projects"))
        ->type_name("FILTER");
    list->add_option("--format", list_args->format, tr("Output format: table, markdown, csv or json"))
        ->type_name("FORMAT")
        ->check(format_choice({"table", "markdown", "csv", "json"}));
    add_output_option(*list, list_args->output);
    list->callback([list_args, list, &ctx] {
        list_args->format = format_for_output(list_args->output, list_args->format, list->count("--format") > 0,
                                              {"table", "markdown", "csv", "json"});
        ctx.exit_code = run_customer_list(*list_args, ctx);
    });
    auto show_args = std::make_shared<CustomerArgs>();
    show_args->format = "text";
    CLI::App* show = cmd->add_subcommand("show", tr("Show one customer: grade, projects, receivables, revisits, complaints"));
    show->add_option("id", show_args->id, tr("Customer id"))->required()->type_name("ID");
    show->add_option("--format", show_args->format, tr("Output format: text or json"))
        ->type_name("FORMAT")
        ->check(format_choice({"text", "json"}));
    add_output_option(*show, show_args->output);
    show->callback([show_args, show, &ctx] {
        show_args->format = format_for_output(show_args->output, show_args->format, show->count("--format") > 0, {"text", "json"});
        ctx.exit_code = run_customer_show(*show_args, ctx);
    });
    add_customer_extract(*cmd, ctx);
}

}  // namespace pipeline::cli
