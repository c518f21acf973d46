// One sheet of an .xlsx workbook (Office Open XML, ECMA-376): the package is a zip (libzip),
// its parts XML (expat). Read: the workbook's sheet list and their relationships, the shared
// strings, the cell formats that are dates, and the sheet's cells.
#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include <expat.h>
#include <zip.h>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/store/table_read.hpp"

namespace pipeline {
namespace {

// A part is refused past this size: a sheet of a CRM export is a few megabytes.
constexpr zip_uint64_t kMaxPartSize = 256u << 20;

struct ZipArchive {
    zip_t* zip = nullptr;
    ~ZipArchive() {
        if (zip) zip_discard(zip);
    }
};

std::optional<std::string> read_part(zip_t* zip, const std::string& name, std::string& why) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return std::nullopt;
    if (st.size > kMaxPartSize) {
        why = name + " is larger than 256 MB";
        return std::nullopt;
    }
    zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
    if (!f) {
        why = name + ": " + zip_strerror(zip);
        return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    zip_int64_t got = bytes.empty() ? 0 : zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
        why = name + " cannot be read (the package is damaged)";
        return std::nullopt;
    }
    return bytes;
}

// A streaming parse with handlers that see element names without their namespace prefix.
struct XmlParse {
    std::function<void(std::string_view, const char**)> start;
    std::function<void(std::string_view)> end;
    std::function<void(std::string_view)> text;

    static std::string_view local(const char* name) {
        std::string_view n(name);
        const auto colon = n.rfind(':');
        return colon == std::string_view::npos ? n : n.substr(colon + 1);
    }

    // An error message, or nullopt when the XML is well formed.
    std::optional<std::string> run(const std::string& xml) {
        XML_Parser p = XML_ParserCreate("UTF-8");
        XML_SetUserData(p, this);
        XML_SetElementHandler(
            p,
            [](void* self, const char* name, const char** attributes) {
                auto* me = static_cast<XmlParse*>(self);
                if (me->start) me->start(local(name), attributes);
            },
            [](void* self, const char* name) {
                auto* me = static_cast<XmlParse*>(self);
                if (me->end) me->end(local(name));
            });
        XML_SetCharacterDataHandler(p, [](void* self, const char* s, int n) {
            auto* me = static_cast<XmlParse*>(self);
            if (me->text) me->text(std::string_view(s, static_cast<std::size_t>(n)));
        });
        std::optional<std::string> error;
        if (XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
            error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
                    std::to_string(XML_GetCurrentLineNumber(p));
        XML_ParserFree(p);
        return error;
    }
};

const char* attribute(const char** attributes, std::string_view name) {
    for (int i = 0; attributes[i]; i += 2)
        if (XmlParse::local(attributes[i]) == name) return attributes[i + 1];
    return nullptr;
}

// The built-in number formats that show dates (ECMA-376 18.8.30; 27–36 and 50–58 in East
// Asian locales), and a custom format code that has a year, month or day outside quotes and
// brackets and is not a duration.
bool date_format_id(int id) { return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58); }

bool percent_format_id(int id) { return id == 9 || id == 10; }

// A format code that shows a percent sign outside quotes (0.0%): the cell shows its value × 100.
bool percent_format_code(std::string_view code) {
    bool quoted = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == '\\' || (!quoted && (code[i] == '_' || code[i] == '*'))) ++i;  // escaped, a space's width, a fill
        else if (code[i] == '"') quoted = !quoted;
        else if (!quoted && code[i] == '%') return true;
    }
    return false;
}

// The currency mark a format code shows ([$US$-409]#,##0 · "US$"#,##0 · €#,##0.00), of those the
// import's amounts know, or empty: a cell formatted so is read as the amount it shows, marked.
std::string currency_mark(std::string_view code) {
    static constexpr std::string_view known[] = {"US$", "HK$", "$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */,
                                                 "\xC2\xA5" /* ¥ */, "\xEF\xBF\xA5" /* ￥ */, "\xE5\x85\x83" /* 元 */,
                                                 "CNY", "RMB", "USD", "EUR", "GBP", "HKD"};
    auto mark = [&](std::string_view text) -> std::string {
        for (std::string_view k : known)
            if (text == k) return std::string(k);
        return "";
    };
    code = code.substr(0, code.find(';'));  // the positive section
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code.compare(i, 2, "[$") == 0) {
            // [$SYMBOL-LOCALE]: a currency by definition, known or not (an unknown one, A$ or CHF,
            // then reads as the CSV would have it, and is refused the same way).
            const std::size_t end = code.find_first_of("-]", i + 2);
            if (end == std::string_view::npos) return "";
            const std::string_view symbol = code.substr(i + 2, end - i - 2);
            const std::size_t close = code.find(']', i);
            const std::string_view locale = close == std::string_view::npos || end >= close ? "" : code.substr(end + 1, close - end - 1);
            if (symbol == "\xC2\xA5" && locale == "411") return "JPY";  // the yen of ja-JP, not the yuan
            if (!symbol.empty()) return std::string(symbol);
            i = close;
            if (i == std::string_view::npos) return "";
        } else if (code[i] == '"') {
            const std::size_t end = code.find('"', i + 1);
            if (end == std::string_view::npos) return "";
            if (auto m = mark(code.substr(i + 1, end - i - 1)); !m.empty()) return m;
            i = end;
        } else if (code[i] == '[') {
            i = code.find(']', i);
            if (i == std::string_view::npos) return "";
        } else if (code[i] == '\\' && i + 1 < code.size()) {
            ++i;
            if (code[i] == '$') return "$";
        } else if (code[i] == '_' || code[i] == '*') {
            ++i;  // the width of a character, or a fill: not shown
        } else {
            for (std::string_view k : known)
                if (k.size() <= 3 && !(k[0] >= 'A' && k[0] <= 'Z') && code.substr(i).starts_with(k)) return std::string(k);
        }
    }
    return "";
}

bool date_format_code(std::string_view code) {
    bool quoted = false, bracket = false, date = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '\\' || (!quoted && (c == '_' || c == '*'))) {  // escaped, a space's width, a fill: not shown
            ++i;
            continue;
        }
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '[') bracket = true;
        else if (!quoted && c == ']') bracket = false;
        else if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) date = true;
    }
    return date;
}

// A cell reference ("C12"): its column and row number; nullopt when it is none of a sheet's
// (A1 to XFD1048576).
std::optional<std::pair<int, long>> cell_reference(std::string_view ref) {
    int column = 0;
    std::size_t i = 0;
    for (; i < ref.size() && i < 3; ++i) {
        const char c = ref[i];
        if (c >= 'A' && c <= 'Z') column = column * 26 + (c - 'A' + 1);
        else if (c >= 'a' && c <= 'z') column = column * 26 + (c - 'a' + 1);
        else break;
    }
    const std::string_view digits = ref.substr(i);
    if (column < 1 || column > 16384 || digits.empty() || digits.size() > 7 || digits[0] == '0' ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    const long row = std::stol(std::string(digits));
    if (row > 1048576) return std::nullopt;
    return std::make_pair(column, row);
}

// "1.28E6" and "1280000" as a plain decimal ("1280000") to the 15 significant digits Excel keeps
// and shows (a saved 0.30000000000000004 is the 0.3 typed), its point moved `shift` places right
// (a percent cell's 0.125 is the 12.5 it shows); nullopt when the text is no number.
std::optional<std::string> plain_decimal(std::string_view s, int shift = 0) {
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    std::string digits;
    int point = -1, exponent = 0;
    std::size_t i = 0;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i) {
        if (s[i] == '.') {
            if (point >= 0) return std::nullopt;
            point = static_cast<int>(digits.size());
        } else {
            digits += s[i];
        }
    }
    if (digits.empty()) return std::nullopt;
    if (point < 0) point = static_cast<int>(digits.size());
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
        ++i;
        bool neg_exp = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg_exp = s[i++] == '-';
        if (i >= s.size()) return std::nullopt;
        for (; i < s.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i])) || exponent > 400) return std::nullopt;
            exponent = exponent * 10 + (s[i] - '0');
        }
        if (neg_exp) exponent = -exponent;
    }
    // Only a number with a fraction is rounded: a whole number (an id of 16 digits) is kept as written.
    const std::size_t first = digits.find_first_not_of('0');
    const bool has_fraction = static_cast<int>(digits.size()) > point + exponent;
    if (has_fraction && first != std::string::npos && digits.size() - first > 15) {
        const bool up = digits[first + 15] >= '5';
        digits.resize(first + 15);
        for (std::size_t k = digits.size(); up && k-- > 0;) {
            if (digits[k] == '9') {
                digits[k] = '0';
                if (k == 0) {
                    digits.insert(digits.begin(), '1');
                    ++point;
                }
            } else {
                ++digits[k];
                break;
            }
        }
    }
    point += exponent + shift;
    // Where the first significant digit is: past 10^20 the number is no figure of an export and
    // is left as written (its readers refuse the exponent); below 10^-9 it is the residue of a
    // computation (0.1+0.2-0.3 saves as 5.55E-17; 1.46E-11 near 10^5), which a spreadsheet shows as 0.
    const auto significant = digits.find_first_not_of('0');
    if (significant == std::string::npos) return std::string("0");
    const int magnitude = point - static_cast<int>(significant);  // digits before the point, from the first significant one
    if (magnitude > 20) return std::nullopt;
    if (magnitude < -8) return std::string("0");
    while (point <= 0) {
        digits.insert(digits.begin(), '0');
        ++point;
    }
    while (static_cast<int>(digits.size()) < point) digits += '0';
    std::string whole = digits.substr(0, static_cast<std::size_t>(point));
    std::string fraction = digits.substr(static_cast<std::size_t>(point));
    while (whole.size() > 1 && whole.front() == '0') whole.erase(whole.begin());
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    std::string out = (negative && (whole != "0" || !fraction.empty()) ? "-" : "") + whole;
    if (!fraction.empty()) out += "." + fraction;
    return out;
}

// A serial day number of the workbook's date system as a date; nullopt out of range.
std::optional<Date> serial_date(std::string_view number, bool system_1904) {
    const auto plain = plain_decimal(number);
    if (!plain || plain->starts_with('-')) return std::nullopt;
    const std::string whole = plain->substr(0, plain->find('.'));
    if (whole.size() > 7) return std::nullopt;
    long serial = std::stol(whole);
    // Past 9999-12-31, the last day a spreadsheet shows (serial 2958465, or 2957003 from 1904).
    if (serial > (system_1904 ? 2957003 : 2958465)) return std::nullopt;
    if (system_1904) return Date::from_days(Date::from_ymd(1904, 1, 1)->days() + static_cast<std::int32_t>(serial));
    if (serial < 1) return std::nullopt;
    // Serial 60 is 1900-02-29, a day that never was (Lotus 1-2-3's leap year, kept by Excel).
    if (serial == 60) return std::nullopt;
    if (serial > 60) --serial;
    return Date::from_days(Date::from_ymd(1899, 12, 31)->days() + static_cast<std::int32_t>(serial));
}

std::string resolve_target(const std::string& target) {
    if (target.starts_with('/')) return target.substr(1);
    std::string t = target;
    std::string base = "xl/";
    while (t.starts_with("../")) {
        t = t.substr(3);
        base.clear();
    }
    return base + t;
}

}  // namespace

namespace {

// The value of _xHHHH_ at `i`, or -1.
long escape_at(std::string_view s, std::size_t i) {
    if (i + 7 > s.size() || s.compare(i, 2, "_x") != 0 || s[i + 6] != '_') return -1;
    long v = 0;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
        const char c = s[k];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

}  // namespace

std::string xlsx_escaped(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (escape_at(text, i) >= 0) out += "_x005F";
        out += text[i];
    }
    return out;
}

std::string xlsx_unescaped(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const long v = escape_at(text, i);
        if (v <= 0 || (v >= 0xD800 && v <= 0xDFFF)) {
            out += text[i++];
            continue;
        }
        append_utf8(out, static_cast<char32_t>(v));
        i += 7;
    }
    return out;
}

bool looks_like_xlsx(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

std::optional<Text> old_or_locked_workbook(std::string_view bytes) {
    if (!bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) return std::nullopt;
    return say("the file is an Excel 97-2003 workbook (.xls) or one saved with a password: save it as .xlsx "
               "without a password, or as CSV");
}

std::optional<ReadTable> read_xlsx_table(std::string_view bytes, const std::string& path, const std::string& sheet,
                                         Diagnostics& out) {
    auto fail = [&](const Text& message) -> std::optional<ReadTable> {
        out.error(path, {1, 1}, "import-file", message);
        return std::nullopt;
    };
    if (auto why = old_or_locked_workbook(bytes)) return fail(*why);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
    if (!source) return fail(say("the workbook cannot be opened: {}", zip_error_strerror(&zerr)));
    ZipArchive archive;
    archive.zip = zip_open_from_source(source, ZIP_RDONLY, &zerr);
    if (!archive.zip) {
        zip_source_free(source);
        return fail(say("the file is not an .xlsx workbook: {}", zip_error_strerror(&zerr)));
    }
    std::string why;
    auto part = [&](const std::string& name) { return read_part(archive.zip, name, why); };

    // The workbook: its sheets in order, the date system.
    const auto workbook = part("xl/workbook.xml");
    if (!workbook) return fail(say("the file is not an .xlsx workbook: it has no xl/workbook.xml{}", why.empty() ? "" : " (" + why + ")"));
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    bool system_1904 = false;
    XmlParse wb;
    wb.start = [&](std::string_view name, const char** a) {
        if (name == "sheet") {
            const char* n = attribute(a, "name");
            const char* id = attribute(a, "id");
            if (n && id) sheets.emplace_back(n, id);
        } else if (name == "workbookPr") {
            const char* d = attribute(a, "date1904");
            system_1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
        }
    };
    if (auto e = wb.run(*workbook)) return fail(say("xl/workbook.xml is not well-formed XML: {}", *e));
    if (sheets.empty()) return fail(say("the workbook has no sheet"));
    const std::pair<std::string, std::string>* chosen = &sheets.front();
    if (!sheet.empty()) {
        chosen = nullptr;
        std::vector<std::string> names;
        for (const auto& s : sheets) {
            if (s.first == sheet) chosen = &s;
            names.push_back(s.first);
        }
        if (!chosen) return fail(say("the workbook has no sheet \"{}\" (it has: {})", sheet, join(names)));
    }
    std::map<std::string, std::string> targets;
    if (const auto rels = part("xl/_rels/workbook.xml.rels")) {
        XmlParse r;
        r.start = [&](std::string_view name, const char** a) {
            if (name != "Relationship") return;
            const char* id = attribute(a, "Id");
            const char* target = attribute(a, "Target");
            if (id && target) targets[id] = resolve_target(target);
        };
        if (auto e = r.run(*rels)) return fail(say("xl/_rels/workbook.xml.rels is not well-formed XML: {}", *e));
    }
    const auto target = targets.find(chosen->second);
    if (target == targets.end()) return fail(say("the workbook does not say where sheet \"{}\" is", chosen->first));

    // Shared strings: the text runs of each item, without phonetic guides.
    std::vector<std::string> strings;
    if (const auto shared = part("xl/sharedStrings.xml")) {
        XmlParse s;
        int phonetic = 0;
        bool in_text = false;
        s.start = [&](std::string_view name, const char**) {
            if (name == "si") strings.emplace_back();
            else if (name == "rPh") ++phonetic;
            else if (name == "t") in_text = phonetic == 0;
        };
        s.end = [&](std::string_view name) {
            if (name == "rPh") --phonetic;
            else if (name == "t") in_text = false;
        };
        s.text = [&](std::string_view t) {
            if (in_text && !strings.empty()) strings.back() += t;
        };
        if (auto e = s.run(*shared)) return fail(say("xl/sharedStrings.xml is not well-formed XML: {}", *e));
    }
    // Which cell styles show dates.
    std::vector<bool> date_style, percent_style;
    std::vector<std::string> currency_style;  // the mark a style's format shows, or empty
    if (const auto styles = part("xl/styles.xml")) {
        std::set<int> custom_dates, custom_percents;
        std::map<int, std::string> custom_currencies;
        bool in_cell_xfs = false;
        XmlParse s;
        s.start = [&](std::string_view name, const char** a) {
            if (name == "numFmt") {
                const char* id = attribute(a, "numFmtId");
                const char* code = attribute(a, "formatCode");
                if (id && code && date_format_code(code)) custom_dates.insert(std::atoi(id));
                else if (id && code && percent_format_code(code)) custom_percents.insert(std::atoi(id));
                else if (id && code && !currency_mark(code).empty()) custom_currencies[std::atoi(id)] = currency_mark(code);
            } else if (name == "cellXfs") {
                in_cell_xfs = true;
            } else if (name == "xf" && in_cell_xfs) {
                const char* id = attribute(a, "numFmtId");
                const int n = id ? std::atoi(id) : 0;
                date_style.push_back(date_format_id(n) || custom_dates.count(n));
                percent_style.push_back(percent_format_id(n) || custom_percents.count(n));
                const auto currency = custom_currencies.find(n);
                currency_style.push_back(currency == custom_currencies.end() ? "" : currency->second);
            }
        };
        s.end = [&](std::string_view name) {
            if (name == "cellXfs") in_cell_xfs = false;
        };
        if (auto e = s.run(*styles)) return fail(say("xl/styles.xml is not well-formed XML: {}", *e));
    }

    const auto xml = part(target->second);
    if (!xml) return fail(say("sheet \"{}\" cannot be read: {}", chosen->first, why.empty() ? target->second + " is missing" : why));
    // Cells by row and column: a sheet may list them in any order (the ECMA order is a rule some
    // writers break), and the first row by number is the header.
    std::map<long, std::map<int, TableCell>> cells;
    long row_number = 0;
    struct Cell {
        std::string type, value, inline_text;
        int column = 0, style = 0;
        bool in_value = false, in_inline = false, formula = false, has_value = false;
    } cell;
    std::optional<std::pair<Position, Text>> problem;
    auto complain = [&](Position at, Text message) {
        if (!problem) problem.emplace(at, std::move(message));
    };
    auto styled = [&](const std::vector<bool>& styles) {
        return cell.style >= 0 && static_cast<std::size_t>(cell.style) < styles.size() && styles[static_cast<std::size_t>(cell.style)];
    };
    int next_column = 0;
    std::size_t cell_count = 0;
    std::string mark;
    auto finish_cell = [&] {
        mark.clear();
        const int column = cell.column > 0 ? cell.column : next_column + 1;
        next_column = column;
        const Position at{static_cast<int>(row_number), column};
        std::string text;
        if (cell.type == "s") {
            const auto index = plain_decimal(cell.value);
            std::size_t i = 0;
            if (!index || index->find('.') != std::string::npos || index->size() > 9 ||
                (i = std::stoul(*index)) >= strings.size()) {
                complain(at, say("the cell names shared string {}, which the workbook does not have", cell.value));
                return;
            }
            text = xlsx_unescaped(strings[i]);
        } else if (cell.type == "inlineStr") {
            text = xlsx_unescaped(cell.inline_text);
        } else if (cell.type == "b") {
            text = cell.value == "1" ? "true" : "false";
        } else if (cell.type == "str" || cell.type == "e") {
            text = cell.value;
        } else if (!cell.value.empty()) {
            if (styled(date_style)) {
                auto d = serial_date(cell.value, system_1904);
                text = d ? d->iso() : cell.value;
            } else if (styled(percent_style)) {
                auto plain = plain_decimal(cell.value, 2);
                text = plain ? *plain + "%" : cell.value;
            } else {
                auto plain = plain_decimal(cell.value);
                text = plain ? *plain : cell.value;
                const auto style = static_cast<std::size_t>(cell.style);
                if (plain && cell.style >= 0 && style < currency_style.size()) mark = currency_style[style];
            }
        }
        // No result saved: no <v>, or an empty one where only a text result may be empty.
        // It is the row's error, where the import reads the cell: a formula in a column no field
        // takes does not stop the import, and --skip-bad leaves its row out.
        if (cell.formula && cell.type != "inlineStr" && (!cell.has_value || (cell.value.empty() && cell.type != "str"))) {
            TableCell unreadable{"", at, say("the cell holds a formula whose result was not saved with it: open the workbook "
                                             "in a spreadsheet program and save it, or export it as CSV"), ""};
            if (!cells[row_number].try_emplace(column, std::move(unreadable)).second) complain(at, say("the sheet gives this cell twice"));
            return;
        }
        if (invalid_utf8(text)) text.clear();
        // A line break in a cell as CSV gives it: some writers save CR LF (_x000D_ and a line feed).
        for (std::size_t cr; (cr = text.find('\r')) != std::string::npos;)
            text.replace(cr, cr + 1 < text.size() && text[cr + 1] == '\n' ? 2 : 1, "\n");
        if (trim_blanks(text).empty()) return;  // an empty cell (a format alone) is no cell of the table, as in CSV
        if (++cell_count > kMaxTableCells) {
            complain(at, say("the sheet has more than {} cells: import it in parts", kMaxTableCells));
            return;
        }
        auto [it, added] = cells[row_number].try_emplace(column, TableCell{std::move(text), at, std::nullopt, mark});
        if (!added) complain(at, say("the sheet gives this cell twice"));
    };
    int inline_phonetic = 0;
    bool in_inline_text = false;
    XmlParse s;
    s.start = [&](std::string_view name, const char** a) {
        if (name == "row") {
            const char* r = attribute(a, "r");
            long n = row_number + 1;
            if (r) {
                const std::string_view t(r);
                n = t.empty() || t.size() > 7 || t.find_first_not_of("0123456789") != std::string_view::npos ? 0 : std::stol(r);
            }
            if (n < 1 || n > 1048576) {
                complain({static_cast<int>(row_number + 1), 1},
                         say("a row of the sheet is numbered \"{}\", which no row of a workbook is (1 to 1048576)", r ? r : ""));
                n = row_number + 1;
            }
            if (cells.count(n)) complain({static_cast<int>(n), 1}, say("the sheet gives row {} twice", n));
            if (cells.size() > kMaxTableRows + 1) complain({static_cast<int>(n), 1}, say("the sheet has more than {} rows: import it in parts", kMaxTableRows));
            row_number = n;
            next_column = 0;
        } else if (name == "c") {
            cell = Cell{};
            const char* t = attribute(a, "t");
            const char* r = attribute(a, "r");
            const char* st = attribute(a, "s");
            cell.type = t ? t : "n";
            cell.column = 0;
            if (r) {
                const auto ref = cell_reference(r);
                const Position at{static_cast<int>(row_number), next_column + 1};
                if (!ref) complain(at, say("the cell's reference \"{}\" is none of a sheet's (A1 to XFD1048576)", r));
                else if (ref->second != row_number) complain(at, say("cell {} is written inside row {}", r, row_number));
                else cell.column = ref->first;
            }
            cell.style = st ? std::atoi(st) : 0;
        } else if (name == "v") {
            cell.in_value = cell.has_value = true;
        } else if (name == "is") {
            cell.in_inline = true;
        } else if (name == "rPh") {
            ++inline_phonetic;
        } else if (name == "t") {
            // The text runs of an inline string, without phonetic guides, as for shared strings.
            in_inline_text = cell.in_inline && inline_phonetic == 0;
        } else if (name == "f") {
            cell.formula = true;
        }
    };
    s.end = [&](std::string_view name) {
        if (name == "v") cell.in_value = false;
        else if (name == "is") cell.in_inline = false;
        else if (name == "rPh") --inline_phonetic;
        else if (name == "t") in_inline_text = false;
        else if (name == "c") finish_cell();
    };
    s.text = [&](std::string_view t) {
        if (cell.in_value) cell.value += t;
        else if (in_inline_text) cell.inline_text += t;
    };
    if (auto e = s.run(*xml)) return fail(say("sheet \"{}\" is not well-formed XML: {}", chosen->first, *e));
    if (problem) {
        out.error(path, problem->first, "import-file", problem->second);
        return std::nullopt;
    }
    std::vector<TableRow> rows;
    for (auto& [number, by_column] : cells) {
        TableRow row{static_cast<int>(number), {}};
        for (auto& [column, c] : by_column) {
            while (static_cast<int>(row.cells.size()) < column - 1)
                row.cells.push_back({"", {row.line, static_cast<int>(row.cells.size()) + 1}, std::nullopt, ""});
            row.cells.push_back(std::move(c));
        }
        const bool blank = std::all_of(row.cells.begin(), row.cells.end(), [](const TableCell& c) { return c.text.empty() && !c.unreadable; });
        if (!blank) rows.push_back(std::move(row));
    }
    if (rows.empty()) return fail(say("sheet \"{}\" has no header row", chosen->first));
    ReadTable table;
    table.encoding = "xlsx";
    table.header = std::move(rows.front().cells);
    rows.erase(rows.begin());
    table.rows = std::move(rows);
    return table;
}

}  // namespace pipeline
