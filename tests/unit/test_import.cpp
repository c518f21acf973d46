// What pipeline import reads: export values (amounts, dates, yes/no), CSV tables in UTF-8 and
// GB18030 with their cell positions, workbooks (read back from one the render layer writes),
// and import maps with their findings.
#include <doctest/doctest.h>

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

#include "pipeline/change/import_values.hpp"
#include "pipeline/model/import_map.hpp"
#include "pipeline/render/workbook.hpp"
#include "pipeline/store/table_read.hpp"
#include "support.hpp"

using namespace pipeline;
using namespace std::string_view_literals;

namespace {

std::string amount(std::string_view text, std::int64_t unit = 1) {
    auto v = export_amount(text, unit);
    if (auto* why = std::get_if<Text>(&v)) return "refused: " + why->english();
    const ExportAmount& a = std::get<ExportAmount>(v);
    return plain_money(a.money) + (a.currency.empty() ? "" : " " + a.currency);
}

std::string date_of(std::string_view text, DateOrder order) {
    auto v = export_date(text, order);
    if (auto* why = std::get_if<Text>(&v)) return "refused: " + why->english();
    return std::get<Date>(v).iso();
}

ReadTable csv(std::string_view bytes, TextEncoding encoding = TextEncoding::automatic) {
    Diagnostics out;
    auto table = read_csv_table(bytes, "e.csv", encoding, out);
    REQUIRE_MESSAGE(table, test::findings(out));
    CHECK(test::findings(out) == "");
    return *table;
}

std::string csv_refusal(std::string_view bytes, TextEncoding encoding = TextEncoding::automatic) {
    Diagnostics out;
    auto table = read_csv_table(bytes, "e.csv", encoding, out);
    CHECK(!table);
    return test::findings(out);
}

std::vector<std::string> texts(const std::vector<TableCell>& cells) {
    std::vector<std::string> out;
    for (const TableCell& c : cells) out.push_back(c.text);
    return out;
}

const char* const kProcess = R"(currency: CNY
stages:
  - {id: lead, name: 信息搜集, probability: 10}
  - {id: tender, name: 招投标, probability: 50}
  - {id: contract, name: 谈判签约, probability: 100, won: true}
  - {id: delivery, name: 履约交付, probability: 100}
people:
  - {id: wang.yi, name: 王一, role: sales}
)";

std::string map_findings(std::string_view text) {
    const Process process = test::process_from(kProcess);
    Diagnostics out;
    auto map = load_import_map(text, "map.yaml", process, out);
    CHECK(map.has_value() == out.empty());
    return test::findings(out);
}

}  // namespace

TEST_CASE("import values: amounts with marks, separators and units, exact to the cent") {
    CHECK(amount("1280000") == "1280000.00");
    CHECK(amount("¥1,280,000.50") == "1280000.50 CNY");
    CHECK(amount("￥ 1,280,000") == "1280000.00 CNY");
    CHECK(amount("1,280,000元") == "1280000.00 CNY");
    CHECK(amount("RMB 3,000") == "3000.00 CNY");
    CHECK(amount("128万") == "1280000.00");
    CHECK(amount("1.5亿") == "150000000.00");
    CHECK(amount("245.5", 10000) == "2455000.00");
    CHECK(amount("1，280，000") == "1280000.00");
    CHECK(amount("1 280 000") == "1280000.00");
    CHECK(amount("US$50,000") == "50000.00 USD");
    CHECK(amount("$1,000.25") == "1000.25 USD");
    CHECK(amount("€ 12") == "12.00 EUR");
    CHECK(amount("EUR 12") == "12.00 EUR");
    CHECK(amount("HK$12") == "12.00 HKD");
    CHECK(amount("0.125", 10000) == "1250.00");
    CHECK(amount("1.234567万") == "12345.67");
    CHECK(amount("1'280'000") == "1280000.00");
    CHECK(amount("usd 12") == "12.00 USD");
    CHECK(amount("12 rmb") == "12.00 CNY");
    CHECK(amount("-0") == "0.00");
    CHECK(amount("(0.00)") == "0.00");
    CHECK(amount("usd") == "refused: has no number");
}

TEST_CASE("import values: a part of a cent and separators that do not group by three are refused") {
    // Check refuses amounts past the cent; rounding them on import would change the sums silently.
    CHECK(amount("1.005") == "refused: has more than 2 decimals");
    CHECK(amount("0.004") == "refused: has more than 2 decimals");
    CHECK(amount("1.0000001", 10000) == "refused: has more than 6 decimals");
    const std::string grouping =
        "refused: has separators that do not group its digits by three: a decimal comma (950,00 for 950.00) is not read; "
        "write a point before the decimals";
    CHECK(amount("950,00") == grouping);
    CHECK(amount("1,00") == grouping);
    CHECK(amount("1.000,50") == grouping);
    CHECK(amount("1,2345") == grouping);
    CHECK(amount("1234,567") == grouping);
    CHECK(amount(",500") == grouping);
    CHECK(amount("1,000 000") == grouping);
    CHECK(amount("1,000.000,5") == grouping);
    CHECK(amount("12,345,678.9") == "12345678.90");
}

TEST_CASE("import values: amounts refused") {
    CHECK(amount("") == "refused: is empty");
    CHECK(amount("  ") == "refused: is empty");
    CHECK(amount("-5") == "refused: is negative: an amount is not");
    CHECK(amount("(500)") == "refused: is negative: an amount is not");
    CHECK(amount("US$5 元") == "refused: names two currencies, USD and CNY");
    CHECK(amount("十万").starts_with("refused: "));
    CHECK(amount("1.2.3").starts_with("refused: "));
    CHECK(amount("1000000000000") == "1000000000000.00");
    CHECK(amount("1000000000000.01") == "refused: is larger than the largest amount pipeline takes, 1000000000000");
    CHECK(amount("1000000000", 10000) == "refused: is larger than the largest amount pipeline takes, 1000000000000");
    CHECK(amount("99999999999999999999999").starts_with("refused: "));
}

TEST_CASE("import values: dates in the export's order") {
    CHECK(date_of("2026-03-15", DateOrder::month_first) == "2026-03-15");
    CHECK(date_of("2026/3/5", DateOrder::day_first) == "2026-03-05");
    CHECK(date_of("2026年3月15日", DateOrder::year_first) == "2026-03-15");
    CHECK(date_of("2026-03-15 10:00:00", DateOrder::year_first) == "2026-03-15");
    CHECK(date_of("3/4/2026", DateOrder::month_first) == "2026-03-04");
    CHECK(date_of("3/4/2026", DateOrder::day_first) == "2026-04-03");
    CHECK(date_of("12/31/2026 23:59", DateOrder::month_first) == "2026-12-31");
    CHECK(date_of("3/4/2026", DateOrder::year_first).starts_with("refused: "));
    CHECK(date_of("2/30/2026", DateOrder::month_first).starts_with("refused: "));
    CHECK(date_of("2026-13-01", DateOrder::year_first).starts_with("refused: "));
    CHECK(date_of("next week", DateOrder::year_first).starts_with("refused: "));
    CHECK(date_of("", DateOrder::year_first) == "refused: is empty");
    CHECK(date_of("-2026-01-01", DateOrder::year_first).starts_with("refused: is not a date"));
    CHECK(date_of("2026--01-01", DateOrder::year_first).starts_with("refused: is not a date"));
    CHECK(date_of("2026-01-01T08:00:00Z", DateOrder::year_first) == "2026-01-01");
    CHECK(date_of("2026-01-01T08:00:00.000+08:00", DateOrder::year_first) == "2026-01-01");
    CHECK(date_of("3/15/2026 8:00 AM", DateOrder::month_first) == "2026-03-15");
    const std::string no_time = "refused: has a time after the date that is not a time of day";
    CHECK(date_of("2026-01-01T25:00", DateOrder::year_first) == no_time);
    CHECK(date_of("2026-01-01 12:61", DateOrder::year_first) == no_time);
    CHECK(date_of("2026-01-01 13:00 PM", DateOrder::year_first) == no_time);
    CHECK(date_of("2026-01-01 noon", DateOrder::year_first) == no_time);
}

TEST_CASE("import values: yes and no words, numbers") {
    CHECK(std::get<bool>(export_boolean("是")) == true);
    CHECK(std::get<bool>(export_boolean("Yes")) == true);
    CHECK(std::get<bool>(export_boolean(" TRUE ")) == true);
    CHECK(std::get<bool>(export_boolean("否")) == false);
    CHECK(std::get<bool>(export_boolean("0")) == false);
    CHECK(std::holds_alternative<Text>(export_boolean("maybe")));
    CHECK(export_number("1,234.5") == "1234.5");
    CHECK(export_number("30%") == "30");
    CHECK(export_number("1,5") == std::nullopt);
}

TEST_CASE("csv: header, quoted fields, positions in characters") {
    const ReadTable t = csv("名称,金额,备注\n\"甲, 乙\",\"1,280\",\"他说\"\"好\"\"\n第二行\"\n\n丙,5,\n");
    CHECK(texts(t.header) == std::vector<std::string>{"名称", "金额", "备注"});
    REQUIRE(t.rows.size() == 2);
    CHECK(texts(t.rows[0].cells) == std::vector<std::string>{"甲, 乙", "1,280", "他说\"好\"\n第二行"});
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[0].cells[1].position == Position{2, 8});
    CHECK(t.rows[1].line == 5);  // the blank line 4 is left out; the quoted line break counts
    CHECK(texts(t.rows[1].cells) == std::vector<std::string>{"丙", "5", ""});
    CHECK(t.encoding == "UTF-8");
    CHECK(t.delimiter == ',');
}

TEST_CASE("csv: byte-order mark, CRLF, semicolons and tabs, blank lines before the header") {
    const ReadTable bom = csv("\xEF\xBB\xBFid;name\r\n1;a\r\n");
    CHECK(bom.encoding == "UTF-8 with byte-order mark");
    CHECK(bom.delimiter == ';');
    CHECK(texts(bom.header) == std::vector<std::string>{"id", "name"});
    CHECK(texts(bom.rows.at(0).cells) == std::vector<std::string>{"1", "a"});
    const ReadTable tabs = csv("\n\nid\tname\tnote, with a comma\n1\tb\tc, d\n");
    CHECK(tabs.delimiter == '\t');
    CHECK(tabs.header.at(0).position == Position{3, 1});
    CHECK(texts(tabs.rows.at(0).cells) == std::vector<std::string>{"1", "b", "c, d"});
}

TEST_CASE("csv: GB18030, found or named") {
    // 名称,金额 / 项目,5 in GB18030 (GBK).
    const std::string gbk = "\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n\xCF\xEE\xC4\xBF,5\n";
    const ReadTable t = csv(gbk);
    CHECK(t.encoding == "GB18030");
    CHECK(texts(t.header) == std::vector<std::string>{"名称", "金额"});
    CHECK(texts(t.rows.at(0).cells) == std::vector<std::string>{"项目", "5"});
    CHECK(texts(csv(gbk, TextEncoding::gb18030).header) == std::vector<std::string>{"名称", "金额"});
    CHECK(csv_refusal(gbk, TextEncoding::utf8).starts_with("1:1: byte 1 is not UTF-8"));
}

TEST_CASE("csv: the encoding said wins over a byte-order mark; a stray byte in UTF-8 is named") {
    const std::string gbk = "\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n\xCF\xEE\xC4\xBF,5\n";
    CHECK(texts(csv("\xEF\xBB\xBF" + gbk, TextEncoding::gb18030).header) == std::vector<std::string>{"名称", "金额"});
    CHECK(csv_refusal("\xEF\xBB\xBF" + gbk) == "1:1: byte 4 is not UTF-8 (an export from Chinese Excel is often GB18030: "
                                                  "give --encoding gb18030) [import-file]\n");
    // UTF-8 but for one Latin-1 byte (£ as 0xA3): not GB18030 gibberish but the byte at its place.
    CHECK(csv_refusal("名称,金额\n项目一,\xA3" "5\n项目二,6\n") ==
          "2:5: byte 25 (0xA3) is not UTF-8, though the rest of the file is: mend it, or give --encoding gb18030 if "
          "the file is GB18030 [import-file]\n");
    CHECK(csv_refusal("a,b\n1,\x80\x80\n", TextEncoding::gb18030) ==
          "2:3: byte 7 is not GB18030, the encoding the import was given [import-file]\n");
    CHECK(csv_refusal("名称,金额\n项目,\xFF\n") .starts_with("2:4: byte "));
}

TEST_CASE("csv: refusals with their place") {
    CHECK(csv_refusal("a,b\n1,\"open\n") == "2:3: the quote that opens this field is never closed [import-file]\n");
    CHECK(csv_refusal("a,b\n名称,x\0y\n"sv) == "2:5: the file holds a NUL byte: it is not a CSV text file [import-file]\n");
    CHECK(csv_refusal("") == "1:1: the file has no header row [import-file]\n");
    CHECK(csv_refusal(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0')) ==
          "1:1: the file is an Excel 97-2003 workbook (.xls) or one saved with a password: save it as .xlsx without a "
          "password, or as CSV [import-file]\n");
    CHECK(csv_refusal(std::string(20000, ',') + "x\n1\n") ==
          "1:16385: the line has more than 16384 fields, more than a spreadsheet's columns [import-file]\n");
}

TEST_CASE("csv: a long line is read in time linear in its length, columns counted right") {
    std::string line = "名称";
    for (int i = 0; i < 10000; ++i) line += ",甲";
    const ReadTable t = csv(line + "\n" + line + "\n");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].cells.size() == 10001);
    CHECK(t.rows[0].cells.back().position == Position{2, 20002});
}

TEST_CASE("text encodings by name") {
    CHECK(parse_text_encoding("GBK") == TextEncoding::gb18030);
    CHECK(parse_text_encoding("cp936") == TextEncoding::gb18030);
    CHECK(parse_text_encoding("UTF8") == TextEncoding::utf8);
    CHECK(parse_text_encoding("auto") == TextEncoding::automatic);
    CHECK(!parse_text_encoding("latin1"));
}

TEST_CASE("xlsx: a workbook read back: text, numbers, dates, sheets") {
    Workbook book;
    Table first;
    first.columns = {{"名称"}, {"金额", Align::right}, {"日期"}};
    first.rows = {{"项目甲", "1280000.50", "2026-03-15"}, {"项目乙", "5", ""}, {"项目甲", "0.1", "2027-01-01"}};
    Table second;
    second.columns = {{"a"}};
    second.rows = {{"b"}};
    book.sheets = {{"商机", {}, first}, {"其他", {}, second}};
    const test::TempDir folder("xlsx-read");
    auto bytes = render_xlsx(book, folder.path.string());
    REQUIRE(std::holds_alternative<std::string>(bytes));
    const std::string& xlsx = std::get<std::string>(bytes);
    CHECK(looks_like_xlsx(xlsx));
    CHECK(!looks_like_xlsx("id,name\n"));

    Diagnostics out;
    auto t = read_xlsx_table(xlsx, "b.xlsx", "", out);
    REQUIRE_MESSAGE(t, test::findings(out));
    CHECK(texts(t->header) == std::vector<std::string>{"名称", "金额", "日期"});
    REQUIRE(t->rows.size() == 3);
    CHECK(texts(t->rows[0].cells) == std::vector<std::string>{"项目甲", "1280000.5", "2026-03-15"});
    CHECK(t->rows[0].line == 2);
    CHECK(t->rows[0].cells[2].position == Position{2, 3});
    CHECK(t->rows[1].cells.at(1).text == "5");
    CHECK(t->rows[2].cells.at(1).text == "0.1");

    auto other = read_xlsx_table(xlsx, "b.xlsx", "其他", out);
    REQUIRE(other);
    CHECK(texts(other->header) == std::vector<std::string>{"a"});
    CHECK(!read_xlsx_table(xlsx, "b.xlsx", "没有", out));
    CHECK(test::findings(out).find("没有") != std::string::npos);
}

TEST_CASE("xlsx: bytes that are no workbook are a finding") {
    Diagnostics out;
    CHECK(!read_xlsx_table("PK\x03\x04 not really a zip", "b.xlsx", "", out));
    CHECK(!out.empty());
}

TEST_CASE("import map: loads columns, alternatives, stages, people, dates and units") {
    const Process process = test::process_from(kProcess);
    Diagnostics out;
    auto map = load_import_map(R"(name: 测试
columns:
  name: [Deal Name, 商机名称]
  customer.name: Company
  amount: Amount
  stage: Stage
  owner: Owner
stages:
  Won: won
  Lost at tender: {stage: tender, status: lost}
  Early: 信息搜集
people:
  Wang: wang.yi
dates: day-first
amount_unit: 10000
id_prefix: X-
)",
                               "map.yaml", process, out);
    REQUIRE_MESSAGE(map, test::findings(out));
    CHECK(map->name == "测试");
    REQUIRE(map->column_for("name"));
    CHECK(map->column_for("name")->headers == std::vector<std::string>{"Deal Name", "商机名称"});
    CHECK(map->stages.at("Won").stage == 2);
    CHECK(map->stages.at("Won").outcome == Status::won);
    CHECK(map->stages.at("Lost at tender").stage == 1);
    CHECK(map->stages.at("Lost at tender").outcome == Status::lost);
    CHECK(map->stages.at("Early").stage == 0);
    CHECK(!map->stages.at("Early").outcome);
    CHECK(map->people.at("Wang") == "wang.yi");
    CHECK(map->dates == DateOrder::day_first);
    CHECK(map->amount_unit == 10000);
    CHECK(map->id_prefix == "X-");
}

TEST_CASE("import map: findings at their place, with the nearest names") {
    CHECK(map_findings("columns:\n  name: N\n  amount: A\n  customer.nmae: C\n") ==
          "4:3: \"customer.nmae\" is no field of a project; did you mean \"customer.name\"? [import-map]\n"
          "1:1: columns: names no column for customer.name or customer.id [import-map]\n");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: N}\n") ==
          "1:46: column \"N\" is mapped already (at 1:17); a column fills one field [import-map]\n");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: [C, {x: 1}]}\n") ==
          "1:50: customer.name: a column is a header or a list of headers, not a mapping [import-map]\n");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: C}\nstages: {Early: leed}\n") ==
          "2:17: \"leed\" is not a stage of pipeline.yaml; did you mean \"lead\"? [import-map]\n");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: C}\npeople: {Wang: wang.yy}\n") ==
          "2:16: \"wang.yy\" is not on the roster of pipeline.yaml; did you mean \"wang.yi\"? [import-map]\n");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: C}\ncolums: {}\n").find("[import-map]") !=
          std::string::npos);
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: C, history: H}\n") != "");
    CHECK(map_findings("columns: {name: N, amount: A, customer.name: C}\nencoding: latin1\n") ==
          "2:11: encoding: \"latin1\" is none of auto, utf-8, gb18030 (gbk) [import-map]\n");
}

TEST_CASE("xlsx: _xHHHH_ in text, escaped when written and read back as written") {
    CHECK(xlsx_escaped("A_x0041_B") == "A_x005F_x0041_B");
    CHECK(xlsx_escaped("_x41_ _xZZZZ_ 中文") == "_x41_ _xZZZZ_ 中文");
    CHECK(xlsx_unescaped("A_x005F_x0041_B") == "A_x0041_B");
    CHECK(xlsx_unescaped("a_x000D__x000A_b") == "a\r\nb");
    CHECK(xlsx_unescaped("_x4E2D_") == "中");
    CHECK(xlsx_unescaped("_x0000_ _xD800_ _x12_") == "_x0000_ _xD800_ _x12_");
    Workbook book;
    Table t;
    t.columns = {{"名称"}};
    t.rows = {{"A_x0041_B"}};
    book.sheets = {{"s", {}, t}};
    const test::TempDir folder("xlsx-escape");
    auto bytes = render_xlsx(book, folder.path.string());
    REQUIRE(std::holds_alternative<std::string>(bytes));
    Diagnostics out;
    auto read = read_xlsx_table(std::get<std::string>(bytes), "b.xlsx", "", out);
    REQUIRE(read);
    CHECK(read->rows.at(0).cells.at(0).text == "A_x0041_B");
}

TEST_CASE("csv: UTF-16 with its byte-order mark, as Excel's Unicode Text writes it") {
    // "名称\t金额\r\n项目\t5\r\n" in UTF-16LE, then the same in UTF-16BE.
    const std::string le("\xFF\xFE\x0D\x54\xF0\x79\x09\x00\xD1\x91\x9D\x98\x0D\x00\x0A\x00\x79\x98\xEE\x76\x09\x00\x35\x00\x0D\x00\x0A\x00", 28);
    const ReadTable t = csv(le);
    CHECK(t.encoding == "UTF-16");
    CHECK(t.delimiter == '\t');
    CHECK(texts(t.header) == std::vector<std::string>{"名称", "金额"});
    CHECK(texts(t.rows.at(0).cells) == std::vector<std::string>{"项目", "5"});
    const std::string be("\xFE\xFF\x54\x0D\x79\xF0\x00\x09\x91\xD1\x98\x9D\x00\x0A\x98\x79\x76\xEE\x00\x09\x00\x35\x00\x0A", 24);
    CHECK(texts(csv(be).rows.at(0).cells) == std::vector<std::string>{"项目", "5"});
    // Cut in the middle of a character.
    CHECK(csv_refusal(le.substr(0, 27)).starts_with("3:1: byte 27 is not UTF-16"));
}

namespace {

// A workbook of one sheet with the given sheet XML (what goes inside <sheetData>) and cell formats
// (the <xf> elements of cellXfs, after the default one), zipped by hand as other programs write it.
std::string hand_workbook(const std::string& sheet_data, const std::string& xfs = "", const std::string& num_fmts = "",
                          const std::string& shared = "") {
    const std::map<std::string, std::string> parts = {
        {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
        {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                            "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                       "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet><numFmts>" + num_fmts + "</numFmts><cellXfs><xf numFmtId=\"0\"/>" + xfs +
                              "</cellXfs></styleSheet>"},
        {"xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst>" + shared + "</sst>"},
        {"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>"},
    };
    const test::TempDir folder("xlsx-hand");
    const std::string path = (folder.path / "hand.xlsx").string();
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip);
    for (const auto& [name, text] : parts) {
        zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
        REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(zip) == 0);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::variant<ReadTable, std::string> read_hand(const std::string& xlsx) {
    Diagnostics out;
    auto table = read_xlsx_table(xlsx, "h.xlsx", "", out);
    if (!table) return test::findings(out);
    return *table;
}

std::vector<std::vector<std::string>> all_texts(const ReadTable& t) {
    std::vector<std::vector<std::string>> out{texts(t.header)};
    for (const TableRow& r : t.rows) out.push_back(texts(r.cells));
    return out;
}

}  // namespace

TEST_CASE("xlsx: percent cells as shown, float noise to the 15 digits Excel keeps, cells and rows in any order") {
    // Style 1 shows 0%, style 2 a custom 0.0%, style 3 a custom date.
    const std::string xfs = "<xf numFmtId=\"9\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>";
    const std::string fmts = "<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy/m/d\"/>";
    const auto read = read_hand(hand_workbook(
        "<row r=\"3\"><c r=\"B3\"><v>0.30000000000000004</v></c><c r=\"A3\" t=\"inlineStr\"><is><t>乙</t></is></c></row>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>金额</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>比例</t></is></c></row>"
        "<row r=\"2\"><c r=\"C2\" s=\"1\"><v>0.125</v></c><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c>"
        "<c r=\"B2\"><v>1280000.0000000002</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" s=\"2\"><v>0.3333333333333333</v></c><c r=\"B4\" s=\"3\"><v>46096</v></c>"
        "<c r=\"C4\"><v>9.9999999999999995E-3</v></c></row>",
        xfs, fmts));
    REQUIRE_MESSAGE(std::holds_alternative<ReadTable>(read), std::get<std::string>(read));
    const ReadTable& t = std::get<ReadTable>(read);
    CHECK(all_texts(t) == std::vector<std::vector<std::string>>{{"名称", "金额", "比例"},
                                                                  {"甲", "1280000", "12.5%"},
                                                                  {"乙", "0.3"},
                                                                  {"33.3333333333333%", "2026-03-15", "0.01"}});
    CHECK(t.rows.at(0).line == 2);
    CHECK(t.rows.at(0).cells.at(2).position == Position{2, 3});
}

TEST_CASE("xlsx: a sheet's own mistakes are findings at their cell") {
    const std::string header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>";
    CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>"))) ==
          "2:1: the sheet gives this cell twice [import-file]\n");
    CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"1\"><c r=\"B1\"><v>1</v></c></row>"))) ==
          "1:1: the sheet gives row 1 twice [import-file]\n");
    CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"99999999999\"><c><v>1</v></c></row>"))) ==
          "2:1: a row of the sheet is numbered \"99999999999\", which no row of a workbook is (1 to 1048576) [import-file]\n");
    // A formula saved without its result: the cell says why it has no value (the row's error where it is read).
    const auto unsaved = read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"C2\"><f>A1*2</f></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(unsaved));
    const TableCell& c2 = std::get<ReadTable>(unsaved).rows.at(0).cells.at(2);
    CHECK(c2.position == Position{2, 3});
    REQUIRE(c2.unreadable);
    CHECK(c2.unreadable->english() == "the cell holds a formula whose result was not saved with it: open the workbook in a "
                                      "spreadsheet program and save it, or export it as CSV");
    CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>7</v></c></row>", "", "",
                                                        "<si><t>甲</t></si>"))) ==
          "2:2: the cell names shared string 7, which the workbook does not have [import-file]\n");
    // A formula whose result is saved reads as the result, an empty one as empty.
    const auto saved = read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(saved));
    CHECK(all_texts(std::get<ReadTable>(saved)) == std::vector<std::vector<std::string>>{{"名称"}, {"ab"}});
}

TEST_CASE("csv: past the header's columns only the first cell with text is kept; rows are capped") {
    const ReadTable t = csv("a,b\n1,2,,,\n3,4,x,y,z\n");
    CHECK(texts(t.rows.at(0).cells) == std::vector<std::string>{"1", "2"});
    CHECK(texts(t.rows.at(1).cells) == std::vector<std::string>{"3", "4", "x"});
    CHECK(t.rows.at(1).cells.at(2).position == Position{3, 5});
    std::string many = "a\n";
    for (std::size_t i = 0; i < kMaxTableRows; ++i) many += "1\n";
    CHECK(csv(many).rows.size() == kMaxTableRows);
    CHECK(csv_refusal(many + "2\n") == "200002:1: the file has more than 200000 rows: import it in parts [import-file]\n");
}

TEST_CASE("xlsx: a line break saved as _x000D_ and a line feed reads as CSV's, one line feed") {
    const auto read = read_hand(hand_workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>备注</t></is></c></row>"
                                              "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲_x000D_\n乙_x000D_丙</t></is></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(read));
    CHECK(all_texts(std::get<ReadTable>(read)) == std::vector<std::vector<std::string>>{{"备注"}, {"甲\n乙\n丙"}});
}

TEST_CASE("xlsx: an .xls or a workbook saved with a password is named, whatever its extension") {
    const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
    Diagnostics out;
    CHECK(!read_xlsx_table(ole, "locked.xlsx", "", out));
    CHECK(test::findings(out) == "1:1: the file is an Excel 97-2003 workbook (.xls) or one saved with a password: save it as "
                                 ".xlsx without a password, or as CSV [import-file]\n");
}

TEST_CASE("xlsx: a cell reference that is none, or names another row, is a finding; an empty saved result is none") {
    const std::string header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>";
    for (const char* ref : {"ZZZZ2", "XFE2", "B0", "B02", "2"})
        CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"" + ref +
                                                            "\"><v>2</v></c></row>"))) ==
              std::string("2:2: the cell's reference \"") + ref + "\" is none of a sheet's (A1 to XFD1048576) [import-file]\n");
    CHECK(std::get<std::string>(read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"B3\"><v>2</v></c></row>"))) ==
          "2:1: cell B3 is written inside row 2 [import-file]\n");
    // What openpyxl writes for a formula it cannot compute: an empty <v>.
    const auto empty = read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"A2\"><f>0.1+0.2</f><v></v></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(empty));
    CHECK(std::get<ReadTable>(empty).rows.at(0).cells.at(0).unreadable);
    const auto lower = read_hand(hand_workbook(header + "<row r=\"2\"><c r=\"c2\"><v>3</v></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(lower));
    CHECK(std::get<ReadTable>(lower).rows.at(0).cells.at(2).position == Position{2, 3});
}

TEST_CASE("xlsx: date serials Excel has no day for are left as numbers") {
    const std::string xfs = "<xf numFmtId=\"14\"/>";
    const auto read = read_hand(hand_workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
                                              "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c></row><row r=\"3\"><c r=\"A3\" s=\"1\"><v>60</v></c></row>"
                                              "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>61</v></c></row><row r=\"5\"><c r=\"A5\" s=\"1\"><v>3000000</v></c></row>",
                                              xfs));
    REQUIRE(std::holds_alternative<ReadTable>(read));
    CHECK(all_texts(std::get<ReadTable>(read)) ==
          std::vector<std::vector<std::string>>{{"日期"}, {"1900-02-28"}, {"60"}, {"1900-03-01"}, {"3000000"}});
}

TEST_CASE("xlsx: a computation's residue reads as 0; a number past 10^20 is left as written") {
    const auto read = read_hand(hand_workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>金额</t></is></c></row>"
                                              "<row r=\"2\"><c r=\"A2\"><v>5.5511151231257827E-17</v></c></row>"
                                              "<row r=\"3\"><c r=\"A3\"><v>-2.7755575615628914E-17</v></c></row>"
                                              "<row r=\"4\"><c r=\"A4\"><v>1E+25</v></c></row>"
                                              "<row r=\"5\"><c r=\"A5\"><v>12345678901234567890</v></c></row>"));
    REQUIRE(std::holds_alternative<ReadTable>(read));
    CHECK(all_texts(std::get<ReadTable>(read)) ==
          std::vector<std::vector<std::string>>{{"金额"}, {"0"}, {"0"}, {"1E+25"}, {"12345678901234567890"}});
    CHECK(amount("1E+25") == "refused: uses an exponent: write the digits in full");
}

TEST_CASE("xlsx: currency formats mark the amount as CSV does; whole numbers exact; inline phonetics left out") {
    const std::string xfs = "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>";
    const std::string fmts = "<numFmt numFmtId=\"164\" formatCode=\"[$$-409]#,##0.00\"/>"
                             "<numFmt numFmtId=\"165\" formatCode=\"&quot;US$&quot;#,##0;[Red]-&quot;US$&quot;#,##0\"/>"
                             "<numFmt numFmtId=\"166\" formatCode=\"[$\xE2\x82\xAC-407] #,##0.00\"/>";
    const auto read = read_hand(hand_workbook(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>东京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>50000</v></c><c r=\"B2\" s=\"2\"><v>12.5</v></c><c r=\"C2\" s=\"3\"><v>7</v></c>"
        "<c r=\"D2\"><v>2026120100012345</v></c><c r=\"E2\"><v>1.4551915228366852E-11</v></c>"
        "<c r=\"F2\" t=\"inlineStr\"><is><t>  </t></is></c></row>",
        xfs, fmts));
    REQUIRE_MESSAGE(std::holds_alternative<ReadTable>(read), std::get<std::string>(read));
    const ReadTable& t = std::get<ReadTable>(read);
    CHECK(all_texts(t) == std::vector<std::vector<std::string>>{{"东京"}, {"50000", "12.5", "7", "2026120100012345", "0"}});
    // The mark is kept beside the number: an amount reads it (US$50000), another field the number alone.
    std::vector<std::string> marks;
    for (const TableCell& c : t.rows.at(0).cells) marks.push_back(c.currency_mark);
    CHECK(marks == std::vector<std::string>{"$", "US$", "\xE2\x82\xAC", "", ""});
    CHECK(amount("$50000") == "50000.00 USD");
    CHECK(amount("A$5,000") == "refused: is not a number (a currency mark other than ¥ $ US$ HK$ € £ and their codes?)");
    CHECK(amount("CHF 5,000") == "refused: is not a number (a currency mark other than ¥ $ US$ HK$ € £ and their codes?)");
}

TEST_CASE("csv: lines ending in a lone CR count for positions") {
    CHECK(csv_refusal("a,b\r1,2\r3,\xFF\xFE\r") .starts_with("3:3: byte "));
}

TEST_CASE("csv: GBK text that happens to be UTF-8 is read as UTF-8, with a warning") {
    // 名称,山水 in GBK: C3FB B3C6 , C9BD CBAE — every pair a UTF-8 letter of two bytes.
    Diagnostics out;
    auto table = read_csv_table("\xC9\xBD\xCB\xAE\n\xC9\xBD\xCB\xAE\n", "e.csv", TextEncoding::automatic, out);
    REQUIRE(table);
    CHECK(table->encoding == "UTF-8");
    CHECK(test::findings(out) == "1:1: warning: the file reads as UTF-8 but holds no Chinese character, and reads as GB18030 too: if it is "
                                 "GB18030 (GBK), give --encoding gb18030 [import-file]\n");
    Diagnostics quiet;
    CHECK(read_csv_table("名称\nMüller\n", "e.csv", TextEncoding::automatic, quiet));
    CHECK(quiet.empty());
}

TEST_CASE("xlsx: what a format only spaces or fills (_X, *X) is not shown; unknown currencies kept; date-time 22") {
    const std::string xfs = "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
                            "<xf numFmtId=\"168\"/><xf numFmtId=\"22\"/><xf numFmtId=\"169\"/>";
    const std::string fmts = "<numFmt numFmtId=\"164\" formatCode=\"#,##0_%\"/>"
                             "<numFmt numFmtId=\"165\" formatCode=\"_-* #,##0.00 _\xE2\x82\xAC_-\"/>"
                             "<numFmt numFmtId=\"166\" formatCode=\"#,##0.00 _D_M\"/>"
                             "<numFmt numFmtId=\"167\" formatCode=\"[$A$-C09]#,##0\"/>"
                             "<numFmt numFmtId=\"168\" formatCode=\"[$\xC2\xA5-411]#,##0\"/>"
                             "<numFmt numFmtId=\"169\" formatCode=\"[$-409]#,##0\"/>";
    const auto read = read_hand(hand_workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
                                              "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>3.5</v></c><c r=\"B2\" s=\"2\"><v>5000</v></c>"
                                              "<c r=\"C2\" s=\"3\"><v>5000</v></c><c r=\"D2\" s=\"4\"><v>5000</v></c>"
                                              "<c r=\"E2\" s=\"5\"><v>5000</v></c><c r=\"F2\" s=\"6\"><v>46477.583333333336</v></c>"
                                              "<c r=\"G2\" s=\"7\"><v>9</v></c></row>",
                                              xfs, fmts));
    REQUIRE_MESSAGE(std::holds_alternative<ReadTable>(read), std::get<std::string>(read));
    const ReadTable& t = std::get<ReadTable>(read);
    CHECK(all_texts(t).at(1) == std::vector<std::string>{"3.5", "5000", "5000", "5000", "5000", "2027-03-31", "9"});
    std::vector<std::string> marks;
    for (const TableCell& c : t.rows.at(0).cells) marks.push_back(c.currency_mark);
    CHECK(marks == std::vector<std::string>{"", "", "", "A$", "JPY", "", ""});
}
