// Tables for people and programs: one model, rendered as an aligned terminal table,
// Markdown or CSV (RFC 4180). Column widths count display columns: a Chinese
// character is two columns wide.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/text.hpp"

namespace pipeline {

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
    bool shortens = false;  // long text (a name, a note) that a narrow table shortens with …
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> total;     // optional last row, set apart by a rule
};

// `max_width` > 0: the table fits in that many display columns where it can, the widest of
// its long-text columns (Column::shortens) shortened with "…"; ids and numbers never are.
// 0: no limit.
std::string render_text(const Table& t, int max_width = 0);

// Rows of cells aligned by display width, two blanks apart, each line starting with `indent`:
// the label-and-value lines of show and the change summaries, without header or rules.
std::string aligned_rows(const std::vector<std::vector<std::string>>& rows, const std::string& indent);

// The start of `text` that fits in `width` display columns, with "…" when it was shortened.
std::string shorten(std::string_view text, int width);
std::string render_markdown(const Table& t);
// `bom`: start with a UTF-8 byte-order mark, for spreadsheet programs.
std::string render_csv(const Table& t, bool bom = false);

// Escapes text for a Markdown table cell.
std::string markdown_escape(std::string_view s);

}  // namespace pipeline
