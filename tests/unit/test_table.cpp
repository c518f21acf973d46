// Tables: display width of mixed Chinese and ASCII text, alignment, Markdown, CSV.
#include <doctest/doctest.h>

#include "pipeline/render/table.hpp"

using namespace pipeline;

TEST_CASE("display_width: ASCII 1, Chinese 2, combining marks 0") {
    CHECK(display_width("") == 0);
    CHECK(display_width("zhang.san") == 9);
    CHECK(display_width("张三") == 4);
    CHECK(display_width("张三 (zhang.san)") == 4 + 1 + 11);
    CHECK(display_width("HIS 升级") == 4 + 4);
    CHECK(display_width("智慧校园（欧元报价）") == 20);   // fullwidth parentheses are wide too
    CHECK(display_width("e\xCC\x81") == 1);              // e + combining acute accent
    CHECK(display_width("１２３") == 6);                  // fullwidth digits
}

TEST_CASE("render_text: columns of mixed Chinese and ASCII line up by display width") {
    Table t;
    t.columns = {{"owner"}, {"customer"}, {"amount", Align::right}};
    t.rows = {{"张三", "某市第一人民医院", "1,200,000.50"},
              {"li.na", "Acme Trading Co.", "710,000.36"},
              {"王五", "某县水务局", "0.00"}};
    t.total = {"total", "", "1,910,000.86"};
    // owner: widest is "li.na"/"total" (5) — 张三 is 4 and gets one space; customer: 某市第一人民医院 is 16.
    CHECK(render_text(t) ==
          "owner  customer                amount\n"
          "─────  ────────────────  ────────────\n"
          "张三   某市第一人民医院  1,200,000.50\n"
          "li.na  Acme Trading Co.    710,000.36\n"
          "王五   某县水务局                0.00\n"
          "─────  ────────────────  ────────────\n"
          "total                    1,910,000.86\n");
}

TEST_CASE("render_markdown: right-aligned columns, escaped cells, a bold total") {
    Table t;
    t.columns = {{"owner"}, {"amount", Align::right}};
    t.rows = {{"张三|李四", "1.00"}};
    t.total = {"total", "1.00"};
    CHECK(render_markdown(t) ==
          "| owner | amount |\n"
          "| --- | ---: |\n"
          "| 张三\\|李四 | 1.00 |\n"
          "| **total** | **1.00** |\n");
}

TEST_CASE("render_csv: RFC 4180 quoting, CRLF, an optional byte-order mark") {
    Table t;
    t.columns = {{"name"}, {"amount", Align::right}};
    t.rows = {{"某市, \"一院\"", "1200000.50"}};
    CHECK(render_csv(t) == "name,amount\r\n\"某市, \"\"一院\"\"\",1200000.50\r\n");
    CHECK(render_csv(t, true).starts_with("\xEF\xBB\xBFname,amount\r\n"));
}
