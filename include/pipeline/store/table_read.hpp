// Tables other programs write — a CRM's export, a team's spreadsheet — read into rows of UTF-8
// text, each cell with the place it came from: CSV in UTF-8 (with or without a byte-order mark)
// or in GB18030/GBK (what Chinese Excel writes), converted with iconv; and one sheet of an
// .xlsx workbook (libzip opens the package, expat parses its XML). Bad input is a finding.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/i18n.hpp"

namespace pipeline {

// What one export may hold: more rows than a team's opportunities is no export of them, and the
// cap on cells keeps memory in bounds whatever the file's shape (a line of commas is many cells).
// Like a CRM's import wizard, a larger export is imported in parts.
constexpr std::size_t kMaxTableRows = 200000;
constexpr std::size_t kMaxTableCells = 10000000;

struct TableCell {
    std::string text;      // UTF-8; a workbook's dates ISO (YYYY-MM-DD), its numbers in plain decimals
    Position position;     // CSV: line and column (characters) where the field starts; xlsx: row and column number
    std::optional<Text> unreadable;  // why the cell has no value to read (a formula saved without its result)
    std::string currency_mark;       // xlsx: the mark its currency format shows (US$, €, A$), for an amount to read
};

struct TableRow {
    int line = 0;          // where the row starts: CSV line, sheet row number
    std::vector<TableCell> cells;
};

struct ReadTable {
    std::vector<TableCell> header;  // the first row that is not blank
    std::vector<TableRow> rows;     // the rows below it, blank ones left out
    std::string encoding;           // as read: "UTF-8", "UTF-8 with byte-order mark", "GB18030", "xlsx"
    char delimiter = ',';           // CSV: the one found in the header line (, ; or tab)
};

// A CSV file's bytes as a table. automatic: UTF-8 when the bytes are UTF-8, else GB18030.
// The delimiter is the one of , ; and tab the header line has most of (outside quotes).
// Findings (on `path`): bytes that are not of the encoding, a quote left open, a NUL byte.
std::optional<ReadTable> read_csv_table(std::string_view bytes, const std::string& path, TextEncoding encoding,
                                        Diagnostics& out);

// One sheet of an .xlsx workbook: the one named `sheet`, or the first. Shared and inline strings,
// numbers (as written: "1280000", "0.125"), booleans (true/false), dates (cells whose number
// format is a date, 1900 and 1904 systems) and formula results as they were saved.
std::optional<ReadTable> read_xlsx_table(std::string_view bytes, const std::string& path, const std::string& sheet,
                                         Diagnostics& out);

// Text in a workbook's strings: Excel reads _xHHHH_ as the character U+HHHH, so a text that
// holds such a sequence literally has its underscore written as _x005F_ (ECMA-376 ST_Xstring).
std::string xlsx_escaped(std::string_view text);
// The text such a string stands for: each _xHHHH_ the character (a NUL or an ill-formed code
// point left as written).
std::string xlsx_unescaped(std::string_view text);

// Whether the bytes are a zip package (an .xlsx workbook) rather than text.
bool looks_like_xlsx(std::string_view bytes);

// Why the bytes, an OLE compound file, are no export the import reads: a workbook of Excel
// 97–2003 (.xls) or one saved with a password (encrypted .xlsx); nullopt for other bytes.
std::optional<Text> old_or_locked_workbook(std::string_view bytes);

}  // namespace pipeline
