// Workbooks through libxlsxwriter (Debian libxlsxwriter-dev): the library writes a zip of XML
// parts correctly, which hand-written XML would have to learn the hard way. Version 1.1.4 writes
// only to a named file, so the workbook goes to a temporary file whose bytes are returned.
#include "pipeline/render/workbook.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sstream>

#include <unistd.h>

#include <xlsxwriter.h>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/store/table_read.hpp"

namespace pipeline {
namespace {

enum class CellKind { text, integer, money, tenths, date };

std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) decode_utf8(s, i);
    return n;
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A number as tables for people write it (+1,280,000.50) as machines do (1280000.50); else empty.
std::string plain_number(std::string_view cell) {
    static const std::regex shape(R"([+-]?(\d{1,3}(,\d{3})*|\d+)(\.\d+)?)");
    if (!std::regex_match(cell.begin(), cell.end(), shape)) return {};
    std::string out;
    for (char c : cell)
        if (c != ',' && c != '+') out += c;
    return out;
}

// A day Excel can hold (its calendar starts in 1900).
bool excel_date(std::string_view cell) {
    const auto d = cell.size() == 10 ? Date::parse(cell) : std::nullopt;
    return d && d->year() >= 1900;
}

// A column of dates: every cell that holds something is one (a name like 2026-12-01 among
// other names stays text).
bool date_column(const Table& t, std::size_t c) {
    bool any = false;
    for (const auto& row : t.rows) {
        if (c >= row.size() || row[c].empty()) continue;
        if (!excel_date(row[c])) return false;
        any = true;
    }
    return any;
}

// Text as a cell may hold it: no noncharacter (U+FFFE, U+FFFF: not XML), at most 32,767
// characters (Excel's limit), shortened with "…".
std::string cell_text(const std::string& text) {
    std::string out;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t c = decode_utf8(text, i);
        if (++count > 32000) return xlsx_escaped(out) + "…";
        if (c == 0xFFFE || c == 0xFFFF) out += "\xEF\xBF\xBD";
        else out.append(text, start, i - start);
    }
    return xlsx_escaped(out);
}

// What a cell holds; `cell` becomes the number's plain form.
CellKind kind_of(std::string& cell, bool numeric_column, bool dates) {
    if (dates && excel_date(cell)) return CellKind::date;
    if (!numeric_column) return CellKind::text;
    if (cell.find_first_of(",+") != std::string::npos) {
        std::string plain = plain_number(cell);
        if (plain.empty()) return CellKind::text;
        cell = std::move(plain);
    }
    std::string_view s = cell.starts_with('-') ? std::string_view(cell).substr(1) : std::string_view(cell);
    // Leading zeros are an id's, not a number's.
    if (s.size() > 1 && s[0] == '0' && s[1] != '.') return CellKind::text;
    const std::size_t dot = s.find('.');
    // Excel keeps 15 significant digits: a larger number stays exact as text.
    if (dot == std::string_view::npos) return digits(s) && s.size() <= 15 ? CellKind::integer : CellKind::text;
    if (!digits(s.substr(0, dot)) || !digits(s.substr(dot + 1)) || dot + (s.size() - dot - 1) > 15) return CellKind::text;
    const std::size_t decimals = s.size() - dot - 1;
    return decimals == 2 ? CellKind::money : decimals == 1 ? CellKind::tenths : CellKind::text;
}

// Column widths in characters, from the display width of the text (a Chinese character is two).
double column_width(const Table& t, std::size_t c) {
    int widest = display_width(t.columns[c].header);
    for (const auto& row : t.rows)
        if (c < row.size()) widest = std::max(widest, display_width(row[c]));
    if (c < t.total.size()) widest = std::max(widest, display_width(t.total[c]));
    return std::min(60.0, widest + 2.0);
}

class Writer {
public:
    explicit Writer(lxw_workbook* wb) : wb_(wb) {
        bold_ = workbook_add_format(wb);
        format_set_bold(bold_);
        header_ = workbook_add_format(wb);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        for (auto [slot, num, is_bold] : {std::tuple{&integer_, "#,##0", false}, std::tuple{&money_, "#,##0.00", false},
                                         std::tuple{&tenths_, "0.0", false}, std::tuple{&date_, "yyyy-mm-dd", false},
                                         std::tuple{&integer_total_, "#,##0", true}, std::tuple{&money_total_, "#,##0.00", true},
                                         std::tuple{&tenths_total_, "0.0", true}, std::tuple{&date_total_, "yyyy-mm-dd", true}}) {
            *slot = workbook_add_format(wb);
            format_set_num_format(*slot, num);
            if (is_bold) format_set_bold(*slot);
        }
    }

    void sheet(const Sheet& s, const std::string& name) {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
        lxw_row_t row = 0;
        for (const std::string& line : s.caption) {
            worksheet_write_string(ws, row, 0, cell_text(line).c_str(), row == 0 ? bold_ : nullptr);
            ++row;
        }
        if (!s.caption.empty()) ++row;
        const Table& t = s.table;
        const lxw_row_t header = row;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            worksheet_write_string(ws, header, static_cast<lxw_col_t>(c), cell_text(t.columns[c].header).c_str(), header_);
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), column_width(t, c), nullptr);
        }
        dates_.clear();
        for (std::size_t c = 0; c < t.columns.size(); ++c) dates_.push_back(date_column(t, c));
        for (const auto& cells : t.rows) write_row(ws, ++row, t, cells, false);
        if (!t.columns.empty()) {
            worksheet_freeze_panes(ws, header + 1, 0);
            worksheet_autofilter(ws, header, 0, row, static_cast<lxw_col_t>(t.columns.size() - 1));
        }
        if (!t.total.empty()) write_row(ws, ++row, t, t.total, true);
    }

private:
    void write_row(lxw_worksheet* ws, lxw_row_t row, const Table& t, const std::vector<std::string>& cells, bool total) {
        for (std::size_t c = 0; c < cells.size() && c < t.columns.size(); ++c) {
            std::string v = cells[c];
            const lxw_col_t col = static_cast<lxw_col_t>(c);
            if (v.empty()) continue;
            switch (kind_of(v, t.columns[c].align == Align::right, dates_[c])) {
                case CellKind::integer:
                    worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr), total ? integer_total_ : integer_);
                    break;
                case CellKind::money:
                    worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr), total ? money_total_ : money_);
                    break;
                case CellKind::tenths:
                    worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr), total ? tenths_total_ : tenths_);
                    break;
                case CellKind::date: {
                    const Date d = *Date::parse(v);
                    lxw_datetime when{d.year(), d.month(), d.day(), 0, 0, 0};
                    worksheet_write_datetime(ws, row, col, &when, total ? date_total_ : date_);
                    break;
                }
                case CellKind::text: worksheet_write_string(ws, row, col, cell_text(v).c_str(), total ? bold_ : nullptr); break;
            }
        }
    }

    lxw_workbook* wb_;
    std::vector<bool> dates_;  // of the sheet being written: which columns hold dates
    lxw_format *bold_, *header_, *integer_, *money_, *tenths_, *date_;
    lxw_format *integer_total_, *money_total_, *tenths_total_, *date_total_;
};

}  // namespace

std::string sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
    std::string base;
    for (std::size_t i = 0; i < wanted.size();) {
        const std::size_t start = i;
        decode_utf8(wanted, i);
        std::string_view ch = wanted.substr(start, i - start);
        if (ch.size() == 1 && std::string_view("[]:*?/\\").find(ch[0]) != std::string_view::npos) ch = "_";
        // Excel counts characters (UTF-16 units); Chinese ones are one each.
        if (characters(base) >= 31) break;
        base += ch;
    }
    if (base.empty() || base == "History") base = "Sheet";
    std::string name = base;
    for (int n = 2; std::find(taken.begin(), taken.end(), name) != taken.end(); ++n) {
        const std::string suffix = " (" + std::to_string(n) + ")";
        std::string cut = base;
        while (characters(cut) + characters(suffix) > 31) {
            std::size_t last = cut.size();
            while (last > 0 && (static_cast<unsigned char>(cut[last - 1]) & 0xC0) == 0x80) --last;
            cut.resize(last > 0 ? last - 1 : 0);
        }
        name = cut + suffix;
    }
    return name;
}

std::variant<std::string, WorkbookError> render_xlsx(const Workbook& book, const std::string& folder) {
    std::string path = (folder.empty() ? std::string(".") : folder) + "/.pipeline-xlsx-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return WorkbookError{trf("cannot make a temporary file for the workbook in {}", folder.empty() ? "." : folder)};
    ::close(fd);
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) {
        std::remove(path.c_str());
        return WorkbookError{tr("cannot start the workbook")};
    }
    {
        Writer w(wb);
        std::vector<std::string> names;
        for (const Sheet& s : book.sheets) {
            names.push_back(sheet_name(s.name, names));
            w.sheet(s, names.back());
        }
    }
    const lxw_error closed = workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(path.c_str());
    if (closed != LXW_NO_ERROR) return WorkbookError{trf("cannot write the workbook: {}", lxw_strerror(closed))};
    return bytes;
}

}  // namespace pipeline
