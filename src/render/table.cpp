#include "pipeline/render/table.hpp"

#include "pipeline/base/text.hpp"

#include <algorithm>

namespace pipeline {
namespace {

std::string pad(const std::string& s, int width, Align align) {
    const int fill = std::max(0, width - display_width(s));
    return align == Align::right ? std::string(fill, ' ') + s : s + std::string(fill, ' ');
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string render_text(const Table& t) {
    std::vector<int> widths(t.columns.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
    };
    for (std::size_t i = 0; i < t.columns.size(); ++i) widths[i] = display_width(t.columns[i].header);
    for (const auto& row : t.rows) measure(row);
    measure(t.total);
    auto line = [&](const std::vector<std::string>& cells, bool header) {
        std::string out;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const std::string cell = i < cells.size() ? cells[i] : "";
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

std::string render_markdown(const Table& t) {
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
