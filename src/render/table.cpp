#include "pipeline/render/table.hpp"

#include "pipeline/base/text.hpp"

#include <algorithm>

namespace pipeline {
namespace {

std::string pad(const std::string& s, int width, Align align) {
    const int fill = std::max(0, width - display_width(s));
    return align == Align::right ? std::string(fill, ' ') + s : s + std::string(fill, ' ');
}

// A plain number, as amounts and counts are written: [+-]digits[.digits].
bool is_number(std::string_view s) {
    std::size_t i = s.starts_with('-') || s.starts_with('+') ? 1 : 0;
    const std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
    if (i < s.size() && s[i] == '.') {
        const std::size_t point = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == point) return false;
    }
    return i == s.size();
}

// A cell as RFC 4180 quotes it. A text that a spreadsheet would take for a formula (it
// starts with = + - @, a tab or CR) gets a leading apostrophe, as OWASP advises against CSV
// injection; numbers stay numbers.
std::string csv_field(const std::string& s) {
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos && !is_number(s);
    const std::string text = formula ? "'" + s : s;
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// What a terminal or Markdown cell may show of a text: control characters as symbols (so no
// escape sequence reaches the terminal), line breaks as blanks (so a row stays one line).
bool needs_cleaning(const std::string& s) { return forbidden_character(s) || s.find_first_of("\t\n") != std::string::npos; }

std::string cell_text(const std::string& s) {
    if (!needs_cleaning(s)) return s;
    std::string out = visible_text(s);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

// The table with every cell as cell_text shows it; the table itself when nothing needs it.
const Table& printable(const Table& t, Table& copy) {
    auto clean = [](const std::vector<std::string>& row) { return std::none_of(row.begin(), row.end(), needs_cleaning); };
    const bool headers_clean =
        std::none_of(t.columns.begin(), t.columns.end(), [](const Column& c) { return needs_cleaning(c.header); });
    if (headers_clean && clean(t.total) && std::all_of(t.rows.begin(), t.rows.end(), clean)) return t;
    copy = t;
    for (Column& c : copy.columns) c.header = cell_text(c.header);
    for (auto& row : copy.rows)
        for (std::string& s : row) s = cell_text(s);
    for (std::string& s : copy.total) s = cell_text(s);
    return copy;
}

}  // namespace

std::string aligned_rows(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
    std::vector<int> widths;
    for (const auto& row : rows)
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            if (widths.size() <= i) widths.resize(i + 1, 0);
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    std::string out;
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) line += "  ";
            line += i + 1 < row.size() ? pad(row[i], widths[i], Align::left) : row[i];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}


std::string shorten(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    std::string out;
    int used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        static_cast<void>(decode_utf8(text, i));
        const int w = display_width(text.substr(start, i - start));
        if (used + w > width - 1) break;
        out.append(text.substr(start, i - start));
        used += w;
    }
    return out + "…";
}

namespace {

// Narrows the widest of the columns that shorten, one display column at a time, until the
// table fits in `max_width` or each of them is down to its header (and at least 8 columns).
void fit(std::vector<int>& widths, const std::vector<Column>& columns, int max_width) {
    int total = 0;
    for (int w : widths) total += w;
    total += 2 * static_cast<int>(widths.empty() ? 0 : widths.size() - 1);
    while (total > max_width) {
        int widest = -1;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const int floor = std::max(8, display_width(columns[i].header));
            if (columns[i].shortens && widths[i] > floor && (widest < 0 || widths[i] > widths[widest]))
                widest = static_cast<int>(i);
        }
        if (widest < 0) return;
        --widths[static_cast<std::size_t>(widest)];
        --total;
    }
}

}  // namespace

std::string render_text(const Table& table, int max_width) {
    Table copy;
    const Table& t = printable(table, copy);
    std::vector<int> widths(t.columns.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
    };
    for (std::size_t i = 0; i < t.columns.size(); ++i) widths[i] = display_width(t.columns[i].header);
    for (const auto& row : t.rows) measure(row);
    measure(t.total);
    if (max_width > 0) fit(widths, t.columns, max_width);
    auto line = [&](const std::vector<std::string>& cells, bool header) {
        std::string out;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            std::string cell = i < cells.size() ? cells[i] : "";
            if (display_width(cell) > widths[i]) cell = shorten(cell, widths[i]);
            if (i) out += "  ";
            out += pad(cell, widths[i], header ? t.columns[i].align : t.columns[i].align);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    auto rule = [&] {
        std::string out;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (i) out += "  ";
            for (int k = 0; k < widths[i]; ++k) out += "─";
        }
        return out + "\n";
    };
    std::vector<std::string> headers;
    for (const Column& c : t.columns) headers.push_back(c.header);
    std::string out = line(headers, true) + rule();
    for (const auto& row : t.rows) out += line(row, false);
    if (!t.total.empty()) out += rule() + line(t.total, false);
    return out;
}

std::string markdown_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' || c == ']') out += '\\';
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
}

std::string render_markdown(const Table& table) {
    Table copy;
    const Table& t = printable(table, copy);
    std::string out = "|";
    for (const Column& c : t.columns) out += " " + markdown_escape(c.header) + " |";
    out += "\n|";
    for (const Column& c : t.columns) out += c.align == Align::right ? " ---: |" : " --- |";
    out += "\n";
    auto row = [&](const std::vector<std::string>& cells, bool bold) {
        std::string r = "|";
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const std::string cell = i < cells.size() ? markdown_escape(cells[i]) : "";
            r += " " + (bold && !cell.empty() ? "**" + cell + "**" : cell) + " |";
        }
        return r + "\n";
    };
    for (const auto& r : t.rows) out += row(r, false);
    if (!t.total.empty()) out += row(t.total, true);
    return out;
}

std::string render_csv(const Table& t, bool bom) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
        out += "\r\n";
    };
    std::vector<std::string> headers;
    for (const Column& c : t.columns) headers.push_back(c.header);
    row(headers);
    for (const auto& r : t.rows) row(r);
    if (!t.total.empty()) row(t.total);
    return out;
}

}  // namespace pipeline
