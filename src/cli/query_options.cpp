#include "query_options.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace pipeline::cli {

void add_query_options(CLI::App& cmd, QueryOptions& options) {
    cmd.add_option("filter", options.filter, tr("Filter terms such as owner:zhang.san stage:tender amount>1000000 (see FILTERS)"))
        ->type_name("FILTER");
    cmd.add_option("--as-of", options.as_of, tr("Rebuild every project's stage and status at DATE from its history"))
        ->type_name("DATE")->check(date_value());
    add_table_options(cmd, options);
}

void add_table_options(CLI::App& cmd, QueryOptions& options) {
    cmd.add_option("--format", options.format, tr("Output format: table, markdown, csv, json or xlsx (an Excel workbook, to -o FILE)"))
        ->type_name("FORMAT")
        ->check(format_choice({"table", "markdown", "csv", "json", "xlsx"}))
        ->transform([](std::string value) { return value == "text" ? std::string("table") : value; })
        ->each([&options](const std::string&) { options.format_given = true; });
    cmd.add_flag("--bom", options.bom, tr("Start CSV output with a UTF-8 byte-order mark, for spreadsheet programs"));
    add_output_option(cmd, options.output);
    add_display_options(cmd, options);
}

void add_output_option(CLI::App& cmd, std::string& output) {
    cmd.add_option("-o,--output", output,
                   tr("Write to FILE instead of stdout (- for stdout); without --format its extension chooses the format "
                      "(.csv, .json, .md, .markdown, .txt, .xlsx)"))
        ->type_name("FILE")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string { return value.empty() ? tr("an empty file name (write - for stdout)") : ""; },
            "", "output"));
}

std::string format_for_output(const std::string& output, const std::string& format, bool format_given,
                              std::initializer_list<const char*> formats, bool takes_format) {
    if (output.empty() || output == "-") return format;
    const std::string name = std::filesystem::path(output).filename().string();
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return format;
    std::string ext = name.substr(dot + 1);
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    static const std::pair<const char*, const char*> kByExtension[] = {
        {"csv", "csv"}, {"json", "json"}, {"md", "markdown"}, {"markdown", "markdown"}, {"txt", "table"},
        {"html", "html"}, {"htm", "html"}, {"xlsx", "xlsx"}};
    const char* wanted = nullptr;
    for (const auto& [e, f] : kByExtension)
        if (ext == e) wanted = f;
    if (format_given) {
        // --format wins over the extension, but text in a file named .xlsx (or a workbook in a
        // .csv) is a file nothing opens.
        if (wanted && (std::string_view(wanted) == "xlsx") != (format == "xlsx"))
            // TRANSLATORS: {0} the file named with -o, {1} its extension, {2} the format given.
            throw Failure(exit_status::usage, trf("-o {}: a .{} file cannot hold --format {}; name the file for the format, "
                                                  "or leave --format out", output, ext, format));
        return format;
    }
    if (!wanted) return format;  // another name (report.out): the default format
    std::string known;
    for (const char* f : formats) {
        // Text is "table" where tables are written, "text" where a record is (show).
        if (std::string_view(f) == wanted || (std::string_view(wanted) == "table" && std::string_view(f) == "text")) return f;
        known += (known.empty() ? "" : ", ") + std::string(f);
    }
    if (!takes_format)
        // TRANSLATORS: {0} the file named with -o, {1} its extension, {2} the one format the command writes.
        throw Failure(exit_status::usage, trf("-o {}: this command does not write .{} files (it writes {})", output, ext, known));
    // TRANSLATORS: {0} the file named with -o, {1} its extension, {2} the formats the command writes.
    throw Failure(exit_status::usage, trf("-o {}: this command does not write .{} files (it writes {}; or give --format)", output,
                                          ext, known));
}

void resolve_output_format(QueryOptions& options, std::initializer_list<const char*> formats) {
    options.format = format_for_output(options.output, options.format, options.format_given, formats);
    if (options.format == "xlsx") check_workbook_output(options);
}

void check_workbook_output(const QueryOptions& options) {
    if (options.output.empty())
        throw Failure(exit_status::usage, tr("xlsx is a binary file: name it with -o FILE (or -o - for a pipe)"));
    if (options.output == "-" && ::isatty(STDOUT_FILENO))
        throw Failure(exit_status::usage, tr("xlsx is a binary file, not for a terminal: name it with -o FILE"));
    check_bom(options);
}

void write_workbook(const QueryOptions& options, const Workbook& book, const Context& ctx) {
    // Built beside the file it becomes (for a pipe, in $TMPDIR, else /tmp).
    std::string folder;
    if (options.output != "-") {
        const std::filesystem::path file = std::filesystem::path(options.output).is_absolute()
                                               ? std::filesystem::path(options.output)
                                               : ctx.working_directory() / options.output;
        folder = file.parent_path().string();
    } else {
        const char* tmp = std::getenv("TMPDIR");
        folder = tmp && *tmp ? tmp : "/tmp";
    }
    auto bytes = render_xlsx(book, folder);
    if (auto* why = std::get_if<WorkbookError>(&bytes)) throw Failure(exit_status::findings, trf("{}; nothing written", why->message));
    write_output(options.output, std::get<0>(bytes), ctx);
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

void add_display_options(CLI::App& cmd, QueryOptions& options) {
    cmd.add_option("--unit", options.unit, tr("Show money in 元, 万元 or 亿元 (default: display_unit of pipeline.yaml; CSV and JSON stay exact)"))
        ->type_name("UNIT")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                return parse_money_unit(value) ? "" : trf("unknown unit \"{}\" (元, 万元 or 亿元)", value);
            },
            "", "unit"));
    cmd.add_option("--width", options.width, tr("Fit text tables in N columns, shortening long text with … (default: the terminal's width)"))
        ->type_name("N")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                int n = 0;
                const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
                if (ec != std::errc() || end != value.data() + value.size() || n < 20 || n > 10000)
                    return trf("\"{}\" is not a width from 20 to 10000 columns", value);
                return "";
            },
            "", "width"));
}

MoneyUnit display_unit(const QueryOptions& options, const Process& process) {
    if (options.unit.empty()) return process.display_unit;
    return *parse_money_unit(options.unit);  // checked by the option
}

int table_width(const QueryOptions& options) {
    if (options.width > 0) return options.width;
    if (!options.output.empty() && options.output != "-") return 0;  // a file gets every character
    if (!::isatty(STDOUT_FILENO)) return 0;
    struct winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        int n = 0;
        const std::string_view c(columns);
        if (std::from_chars(c.data(), c.data() + c.size(), n).ec == std::errc() && n > 0) return n;
    }
    return 80;
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
    return render_text(table, table_width(options));
}

}  // namespace pipeline::cli
