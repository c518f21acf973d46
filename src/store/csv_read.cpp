// CSV as the spreadsheet programs and CRMs write it (RFC 4180): quoted fields may hold the
// delimiter, quotes doubled and line breaks; rows end in CRLF, LF or a lone CR.
#include <algorithm>
#include <array>
#include <cerrno>

#include <iconv.h>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/store/table_read.hpp"

namespace pipeline {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// Excel's widest sheet; a line with more fields is no table (and would cost memory for nothing).
constexpr std::size_t kMaxFields = 16384;

int characters(std::string_view s) {
    int n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// The line and column (characters) of byte `offset` of UTF-8 text; lines end in LF, CR LF or a lone CR.
Position position_at(std::string_view text, std::size_t offset) {
    const std::string_view before = text.substr(0, offset);
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < before.size(); ++i)
        if (before[i] == '\n' || (before[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line, line_start = i + 1;
    return {line, characters(before.substr(line_start)) + 1};
}

// Bytes in `encoding` (GB18030, a superset of GBK and GB2312; UTF-16 with its byte-order mark)
// to UTF-8; nullopt, the offset of the first byte that is not of the encoding and where it is
// (line, column) when the bytes are not.
std::optional<std::string> to_utf8(std::string_view bytes, const char* encoding, std::size_t& bad_at, Position& bad) {
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        bad_at = 0;
        return std::nullopt;
    }
    std::string out;
    out.resize(bytes.size() * 2 + 16);
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    bool ok = true;
    while (in_left > 0) {
        char* dst = out.data() + written;
        std::size_t out_left = out.size() - written;
        const std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
        written = out.size() - out_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        ok = false;  // EILSEQ or EINVAL (a sequence cut off at the end)
        break;
    }
    iconv_close(cd);
    if (!ok) {
        bad_at = bytes.size() - in_left;
        bad = position_at(std::string_view(out).substr(0, written), written);
        return std::nullopt;
    }
    out.resize(written);
    return out;
}

// Whether UTF-8 text has letters of two bytes (Latin, Greek, Cyrillic: U+0080–U+07FF) and none of
// three (Chinese): how a short GBK text that happens to be valid UTF-8 looks (山水 reads ɽˮ).
bool looks_like_gbk_in_utf8(std::string_view text) {
    bool two = false;
    for (unsigned char c : text) {
        if (c >= 0xE0) return false;
        if (c >= 0xC2) two = true;
    }
    return two;
}

// The delimiter the header line (the first that is not blank) has most of, outside quotes:
// , ; or tab (a comma on a tie).
char find_delimiter(std::string_view text) {
    text.remove_prefix(std::min(text.size(), text.find_first_not_of(" \r\n")));
    std::array<std::size_t, 3> counts{};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ',') ++counts[0];
        if (c == ';') ++counts[1];
        if (c == '\t') ++counts[2];
    }
    if (counts[2] > counts[0] && counts[2] >= counts[1]) return '\t';
    if (counts[1] > counts[0]) return ';';
    return ',';
}

std::string trimmed(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

std::optional<ReadTable> read_csv_table(std::string_view bytes, const std::string& path, TextEncoding encoding,
                                        Diagnostics& out) {
    ReadTable table;
    std::string text;
    // UTF-16, what Excel's "Unicode Text" writes (tab-separated), starts with its byte-order mark.
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        std::size_t bad_at = 0;
        Position bad{1, 1};
        auto converted = to_utf8(bytes, "UTF-16", bad_at, bad);
        if (!converted) {
            out.error(path, bad, "import-file", say("byte {} is not UTF-16, which the file's byte-order mark says it is", bad_at + 1));
            return std::nullopt;
        }
        auto table = read_csv_table(*converted, path, TextEncoding::utf8, out);
        if (table) table->encoding = "UTF-16";
        return table;
    }
    if (auto why = old_or_locked_workbook(bytes)) {
        out.error(path, {1, 1}, "import-file", *why);
        return std::nullopt;
    }
    const bool bom = bytes.starts_with(kByteOrderMark);
    if (bom) bytes.remove_prefix(kByteOrderMark.size());
    const std::size_t skipped = bom ? kByteOrderMark.size() : 0;
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        out.error(path, position_at(bytes, nul), "import-file", say("the file holds a NUL byte: it is not a CSV text file"));
        return std::nullopt;
    }
    const auto bad_utf8 = invalid_utf8(bytes);
    // Said (--encoding, the map's encoding:) wins over a byte-order mark; unsaid, a file that is
    // UTF-8 but for a stray byte is refused at that byte rather than read as GB18030 gibberish.
    const bool as_utf8 = encoding == TextEncoding::utf8 ||
                         (encoding == TextEncoding::automatic && (bom || !bad_utf8 || mostly_utf8(bytes)));
    if (as_utf8) {
        if (bad_utf8) {
            const Position at = position_at(bytes, *bad_utf8);
            const std::size_t byte = *bad_utf8 + skipped + 1;
            if (encoding == TextEncoding::automatic && !bom)
                out.error(path, at, "import-file",
                          // TRANSLATORS: {0} a byte's number in the file, {1} its value (0xA3).
                          say("byte {} ({}) is not UTF-8, though the rest of the file is: mend it, or give --encoding gb18030 "
                              "if the file is GB18030", byte, fmt::format("0x{:02X}", static_cast<unsigned char>(bytes[*bad_utf8]))));
            else
                out.error(path, at, "import-file",
                          say("byte {} is not UTF-8 (an export from Chinese Excel is often GB18030: give --encoding gb18030)", byte));
            return std::nullopt;
        }
        text = std::string(bytes);
        table.encoding = bom ? "UTF-8 with byte-order mark" : "UTF-8";
        if (encoding == TextEncoding::automatic && !bom && looks_like_gbk_in_utf8(bytes)) {
            std::size_t bad_at = 0;
            Position bad{1, 1};
            if (to_utf8(bytes, "GB18030", bad_at, bad))
                out.warning(path, {1, 1}, "import-file",
                            say("the file reads as UTF-8 but holds no Chinese character, and reads as GB18030 too: if it "
                                "is GB18030 (GBK), give --encoding gb18030"));
        }
    } else {
        std::size_t bad_at = 0;
        Position bad{1, 1};
        auto converted = to_utf8(bytes, "GB18030", bad_at, bad);
        if (!converted) {
            if (encoding == TextEncoding::gb18030)
                out.error(path, bad, "import-file", say("byte {} is not GB18030, the encoding the import was given", bad_at + skipped + 1));
            else
                out.error(path, bad, "import-file",
                          say("byte {} is neither UTF-8 nor GB18030; save the file as CSV UTF-8", bad_at + skipped + 1));
            return std::nullopt;
        }
        text = std::move(*converted);
        table.encoding = "GB18030";
    }
    table.delimiter = find_delimiter(text);

    std::vector<TableRow> rows;
    TableRow row;
    std::string field;
    int line = 1;
    std::size_t line_start = 0;
    Position field_at{1, 1};
    bool quoted = false, was_quoted = false, row_open = false;
    std::optional<Position> too_wide;
    std::optional<std::pair<Position, Text>> too_large;
    std::size_t cells = 0;
    auto end_field = [&] {
        if (row.cells.size() == kMaxFields && !too_wide) too_wide = field_at;
        if (too_wide || too_large) return;
        // Below the header, of the cells past its columns only the first with text is kept: the
        // import names it; blank ones after a row's end (a trailing delimiter) are nothing.
        if (!rows.empty() && row.cells.size() >= rows.front().cells.size()) {
            const bool blank = trimmed(field).empty() && !was_quoted;
            const bool kept = std::any_of(row.cells.begin() + static_cast<std::ptrdiff_t>(rows.front().cells.size()), row.cells.end(),
                                          [](const TableCell& c) { return !c.text.empty(); });
            if (blank || kept) {
                field.clear();
                was_quoted = false;
                row_open = true;
                return;
            }
        }
        if (++cells > kMaxTableCells) {
            too_large.emplace(field_at, say("the file has more than {} cells: import it in parts", kMaxTableCells));
            return;
        }
        row.cells.push_back({was_quoted ? field : trimmed(field), field_at, std::nullopt, ""});
        field.clear();
        was_quoted = false;
        row_open = true;
    };
    auto end_row = [&] {
        end_field();
        const bool blank = std::all_of(row.cells.begin(), row.cells.end(), [](const TableCell& c) { return c.text.empty(); });
        if (!blank) rows.push_back(std::move(row));
        if (rows.size() > kMaxTableRows + 1 && !too_large)
            too_large.emplace(Position{line, 1}, say("the file has more than {} rows: import it in parts", kMaxTableRows));
        row = TableRow{};
        row_open = false;
    };
    // Columns are counted on from the last field's start, so a long line costs its length once.
    std::size_t counted_to = 0;
    int counted = 0;
    auto column_at = [&](std::size_t at) {
        if (counted_to < line_start) counted_to = line_start, counted = 0;
        counted += characters(std::string_view(text).substr(counted_to, at - counted_to));
        counted_to = at;
        return counted + 1;
    };
    auto start_field = [&](std::size_t at) {
        field_at = {line, column_at(at)};
        if (!row_open && row.cells.empty()) row.line = line;
    };
    start_field(0);
    Position quote_at{1, 1};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) {
                    ++line;
                    line_start = i + 1;
                }
                if (c != '\r' || !(i + 1 < text.size() && text[i + 1] == '\n')) field += c == '\r' ? '\n' : c;
            }
            continue;
        }
        if (c == '"' && trimmed(field).empty()) {
            field.clear();
            quoted = was_quoted = true;
            quote_at = {line, column_at(i)};
        } else if (c == table.delimiter) {
            end_field();
            start_field(i + 1);
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_row();
            ++line;
            line_start = i + 1;
            start_field(i + 1);
        } else {
            field += c;
        }
    }
    if (too_large) {
        out.error(path, too_large->first, "import-file", too_large->second);
        return std::nullopt;
    }
    if (too_wide) {
        out.error(path, *too_wide, "import-file", say("the line has more than {} fields, more than a spreadsheet's columns", kMaxFields));
        return std::nullopt;
    }
    if (quoted) {
        out.error(path, quote_at, "import-file", say("the quote that opens this field is never closed"));
        return std::nullopt;
    }
    if (!field.empty() || row_open || was_quoted) end_row();
    if (rows.empty()) {
        out.error(path, {1, 1}, "import-file", say("the file has no header row"));
        return std::nullopt;
    }
    table.header = std::move(rows.front().cells);
    rows.erase(rows.begin());
    table.rows = std::move(rows);
    return table;
}

}  // namespace pipeline
