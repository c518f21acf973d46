#include "pipeline/render/diagnostic_render.hpp"

#include <fmt/format.h>

#include "pipeline/render/json.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline {
namespace {

int shown_line(const Diagnostic& d) { return d.position.line > 0 ? d.position.line : 1; }
int shown_column(const Diagnostic& d) { return d.position.column > 0 ? d.position.column : 1; }

// Where the token starting at `begin` ends: a quoted string or a [..] / {..} collection as a whole
// (when it closes on this line); a plain value or key up to ": ", a comment, or the end of the line,
// and inside [..] or {..} also up to a comma or closing bracket.
std::size_t token_end(std::string_view line, std::size_t begin) {
    if (begin >= line.size()) return begin;
    const char first = line[begin];
    if (static_cast<unsigned char>(first) <= ' ' || first == '\x7F') return begin + 1;  // a tab, a NUL: that byte alone
    if (first == '"' || first == '\'') {
        for (std::size_t i = begin + 1; i < line.size(); ++i) {
            if (first == '"' && line[i] == '\\') ++i;
            else if (line[i] == first) return i + 1;
        }
        return line.size();
    }
    if (first == '[' || first == '{') {
        int depth = 0;
        for (std::size_t i = begin; i < line.size(); ++i) {
            if (line[i] == '[' || line[i] == '{') ++depth;
            else if ((line[i] == ']' || line[i] == '}') && --depth == 0) return i + 1;
        }
        return begin + 1;
    }
    const bool flow = line.substr(0, begin).find_first_of("[{") != std::string_view::npos;
    std::size_t end = begin;
    for (; end < line.size(); ++end) {
        const char c = line[end];
        if (c == ':' && (end + 1 == line.size() || line[end + 1] == ' ')) break;
        if (c == '#' && end > begin && line[end - 1] == ' ') break;
        if (flow && (c == ',' || c == ']' || c == '}')) break;
    }
    while (end > begin && line[end - 1] == ' ') --end;
    return end;
}

// The excerpt under a finding: the source line and a caret under the offending token.
std::string excerpt(const std::string& source_line, int column, int line) {
    std::size_t byte = 0;
    for (int c = 1; c < column && byte < source_line.size(); ++c) {
        ++byte;
        while (byte < source_line.size() && (static_cast<unsigned char>(source_line[byte]) & 0xC0) == 0x80) ++byte;
    }
    const std::size_t end = token_end(source_line, byte);
    // A tab is shown as a space; other control characters (a NUL, ...) as their symbols (␀), not as themselves.
    auto visible = [](std::string_view text) { return visible_text(text); };
    const std::string_view source(source_line);
    const std::string shown = visible(source);
    const std::string gutter(std::to_string(line).size(), ' ');
    const int indent = display_width(visible(source.substr(0, byte)));
    const int width = std::max(1, display_width(visible(source.substr(byte, end - byte))));
    std::string carets;
    for (int i = 0; i < width; ++i) carets += '^';
    return fmt::format("{} |\n{} | {}\n{} | {}{}\n", gutter, line, shown, gutter, std::string(indent, ' '), carets);
}

std::string github_escape(std::string_view s, bool property) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

}  // namespace

std::string render_diagnostics_text(const Diagnostics& diagnostics, const SourceLookup* source) {
    std::string out;
    for (const Diagnostic& d : diagnostics.items()) {
        // Paths and messages quote what files say: shown, never acted on by the terminal.
        out += fmt::format("{}:{}:{}: {}: {} [{}]\n", visible_text(d.path), shown_line(d), shown_column(d),
                           severity_name(d.severity), visible_text(d.shown_message()), d.rule);
        if (source && d.position.line > 0)
            if (auto line = (*source)(d.path, d.position.line)) out += excerpt(*line, shown_column(d), d.position.line);
    }
    return out;
}

std::string render_diagnostics_json(const Diagnostics& diagnostics, const CheckSummary& summary) {
    JsonWriter w;
    w.begin_object();
    w.key("files").value(summary.files);
    w.key("customers").value(summary.customers);
    w.key("errors").value(summary.errors);
    w.key("warnings").value(summary.warnings);
    w.key("findings");
    write_findings_json(w, diagnostics);
    w.end_object();
    return w.str();
}

void write_findings_json(JsonWriter& w, const Diagnostics& diagnostics) {
    w.begin_array();
    for (const Diagnostic& d : diagnostics.items()) {
        w.begin_object();
        w.key("path").value(d.path);
        w.key("line").value(shown_line(d));
        w.key("column").value(shown_column(d));
        w.key("severity").value(severity_name(d.severity));
        w.key("rule").value(d.rule);
        w.key("message").value(d.message);
        w.end_object();
    }
    w.end_array();
}

std::string render_diagnostics_github(const Diagnostics& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics.items())
        out += fmt::format("::{} file={},line={},col={},title={}::{}\n", severity_name(d.severity),
                           github_escape(d.path, true), shown_line(d), shown_column(d), github_escape(d.rule, true),
                           github_escape(d.shown_message(), false));
    return out;
}

}  // namespace pipeline
