// What list and forecast share on the command line: FILTER terms, --as-of, --format, --bom.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/render/workbook.hpp"

namespace pipeline::cli {

struct QueryOptions {
    std::vector<std::string> filter;  // FILTER terms, one argument each
    std::string as_of;                // --as-of DATE
    std::string format = "table";
    bool bom = false;
    std::string unit;                 // --unit 元|万元|亿元; empty: display_unit of pipeline.yaml
    int width = -1;                   // --width N; -1: the terminal's when stdout is one, else no limit
    std::string output;               // -o FILE; empty or "-": stdout
    bool format_given = false;        // --format was on the command line (else -o's extension may set it)
};

// Adds FILTER..., --as-of, --format (table, markdown, csv, json; `text` is read as table), --bom,
// and the display options.
void add_query_options(CLI::App& cmd, QueryOptions& options);
// Adds --format (table, markdown, csv, json; `text` is read as table), --bom, -o FILE and the
// display options.
void add_table_options(CLI::App& cmd, QueryOptions& options);
// Adds -o FILE alone (for a command with a --format of its own).
void add_output_option(CLI::App& cmd, std::string& output);

// The format -o FILE's extension names (.csv, .json, .md, .txt), as hledger takes it, when
// --format was not given; `formats` are those the command writes ("table" for .txt). An
// extension it does not write is a usage error naming those it does; other names keep `format`.
std::string format_for_output(const std::string& output, const std::string& format, bool format_given,
                              std::initializer_list<const char*> formats, bool takes_format = true);
// The same for the options of list, forecast, diff, trend and the reports.
void resolve_output_format(QueryOptions& options,
                           std::initializer_list<const char*> formats = {"table", "markdown", "csv", "json", "xlsx"});
// Adds --unit and --width.
void add_display_options(CLI::App& cmd, QueryOptions& options);

// The unit tables show money in: --unit, else display_unit of pipeline.yaml.
MoneyUnit display_unit(const QueryOptions& options, const Process& process);
// How wide text tables may be: --width, else the terminal's width when stdout is a terminal,
// else 0 (no limit: a file or a pipe gets every character).
int table_width(const QueryOptions& options);

// --as-of as a date; Failure(2) when it is not one.
std::optional<Date> parse_as_of(const QueryOptions& options);
// --bom only goes with --format csv; Failure(2) otherwise.
void check_bom(const QueryOptions& options);
// The filter terms resolved against the process; Failure(2) with the bad term pointed at.
Query parse_filter(const QueryOptions& options, const Process& process);

// --by: one or two group keys, each once; Failure(2) naming the bad one.
std::vector<GroupKey> parse_group_keys(const std::vector<std::string>& words, const Process& process);

// A table in the chosen format (table, markdown or csv).
std::string render_table(const Table& table, const QueryOptions& options);

// --format xlsx: the workbook to -o FILE (or, with -o -, to a standard output that is not a
// terminal); Failure(2) without -o, Failure(1) when it cannot be made or written.
void check_workbook_output(const QueryOptions& options);
void write_workbook(const QueryOptions& options, const Workbook& book, const Context& ctx);

// The first line of a text rendering: a sheet's caption.
std::string first_line(const std::string& text);

}  // namespace pipeline::cli
