#include "query_options.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pipeline::cli {

void add_query_options(CLI::App& cmd, QueryOptions& options) {
    cmd.add_option("filter", options.filter, tr("Filter terms such as owner:zhang.san stage:tender amount>1000000 (see FILTERS)"))
        ->type_name("FILTER");
    cmd.add_option("--as-of", options.as_of, tr("Rebuild every project's stage and status at DATE from its history"))
        ->type_name("DATE")->check(date_value());
    cmd.add_option("--format", options.format, tr("Output format: table, markdown, csv or json"))
        ->type_name("FORMAT")
        ->check(format_choice({"table", "markdown", "csv", "json"}))
        ->transform([](std::string value) { return value == "text" ? std::string("table") : value; });
    cmd.add_flag("--bom", options.bom, tr("Start CSV output with a UTF-8 byte-order mark, for spreadsheet programs"));
}

std::optional<Date> parse_as_of(const QueryOptions& options) {
    if (options.as_of.empty()) return std::nullopt;
    return Date::parse(options.as_of);  // checked by date_value()
}

void check_bom(const QueryOptions& options) {
    if (options.bom && options.format != "csv") throw Failure(exit_status::usage, tr("--bom goes with --format csv only"));
}

Query parse_filter(const QueryOptions& options, const Process& process) {
    auto query = parse_query(options.filter, process);
    if (auto* e = std::get_if<QueryError>(&query)) throw Failure(exit_status::usage, describe(*e));
    return std::get<Query>(std::move(query));
}

std::vector<GroupKey> parse_group_keys(const std::vector<std::string>& words, const Process& process) {
    std::vector<GroupKey> keys;
    std::vector<std::string> split;
    for (const std::string& w : words)
        for (std::size_t at = 0; at <= w.size();) {
            const std::size_t comma = std::min(w.find(',', at), w.size());
            split.push_back(w.substr(at, comma - at));
            at = comma + 1;
        }
    for (const std::string& w : split) {
        auto k = parse_group_key(w, process);
        if (auto* e = std::get_if<std::string>(&k)) throw Failure(exit_status::usage, trf("--by: {}", *e));
        if (std::find(keys.begin(), keys.end(), std::get<GroupKey>(k)) != keys.end())
            throw Failure(exit_status::usage, trf("--by: \"{}\" is given twice", w));
        keys.push_back(std::get<GroupKey>(k));
    }
    if (keys.size() > 2) throw Failure(exit_status::usage, tr("--by takes one or two keys, such as --by owner,quarter"));
    return keys;
}

std::string render_table(const Table& table, const QueryOptions& options) {
    if (options.format == "csv") return render_csv(table, options.bom);
    if (options.format == "markdown") return render_markdown(table);
    return render_text(table);
}

}  // namespace pipeline::cli
