// Text edits of YAML files: every byte outside the change is kept, and an edit whose
// result would mean anything else is refused.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/base/text.hpp"
#include "pipeline/change/project_edit.hpp"
#include "pipeline/yaml/edit_diff.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const std::vector<std::string> kOrder = {"id", "stage", "status", "closed_on", "close_reason", "activities", "history", "approvals"};

FileEdit set_stage(std::string value) {
    FileEdit e;
    e.set.push_back({"stage", Scalar::string(std::move(value))});
    e.key_order = kOrder;
    return e;
}

YamlItem entry() {
    return {{"date", Scalar::plain("2026-11-23")}, {"from", Scalar::string("tender")}, {"to", Scalar::string("contract")},
            {"by", Scalar::string("zhang.san")}};
}

FileEdit append_history(YamlItem item = entry()) {
    FileEdit e;
    e.append.push_back({"history", std::move(item)});
    e.key_order = kOrder;
    return e;
}

std::string edited(std::string_view text, const FileEdit& edit) {
    EditResult r = apply_edit(text, edit);
    if (const EditError* e = std::get_if<EditError>(&r)) FAIL_CHECK(e->message);
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string("<error>");
}

std::string refusal(std::string_view text, const FileEdit& edit) {
    EditResult r = apply_edit(text, edit);
    REQUIRE(std::holds_alternative<EditError>(r));
    return std::get<EditError>(r).message;
}

}  // namespace

TEST_CASE("text edit: a plain scalar is replaced, its comment and the rest kept") {
    CHECK(edited("id: A\nstage: tender   # 招投标阶段\nz: 1\n", set_stage("contract")) ==
          "id: A\nstage: contract   # 招投标阶段\nz: 1\n");
}

TEST_CASE("text edit: quoting style of the old value is kept") {
    CHECK(edited("stage: \"tender\"\n", set_stage("谈判签约")) == "stage: \"谈判签约\"\n");
    CHECK(edited("stage: 'tender'\n", set_stage("it's")) == "stage: 'it''s'\n");
    CHECK(edited("stage: 招投标\n", set_stage("谈判签约")) == "stage: 谈判签约\n");
}

TEST_CASE("text edit: a plain value that would read differently is double-quoted") {
    CHECK(edited("stage: a\n", set_stage("true")) == "stage: \"true\"\n");
    CHECK(edited("stage: a\n", set_stage("a: b")) == "stage: \"a: b\"\n");
    CHECK(edited("stage: a\n", set_stage("#1")) == "stage: \"#1\"\n");
}

TEST_CASE("text edit: yaml_scalar writes plain only what reads back the same") {
    CHECK(yaml_scalar(Scalar::string("zhang.san"), ScalarContext::flow) == "zhang.san");
    CHECK(yaml_scalar(Scalar::string("第一次招标因质疑废标"), ScalarContext::flow) == "第一次招标因质疑废标");
    CHECK(yaml_scalar(Scalar::string("a, b"), ScalarContext::flow) == "\"a, b\"");
    CHECK(yaml_scalar(Scalar::string("a, b"), ScalarContext::block) == "a, b");
    CHECK(yaml_scalar(Scalar::string("a:b"), ScalarContext::flow) == "\"a:b\"");
    CHECK(yaml_scalar(Scalar::string("123"), ScalarContext::block) == "\"123\"");
    CHECK(yaml_scalar(Scalar::string("No"), ScalarContext::block) == "\"No\"");
    CHECK(yaml_scalar(Scalar::string("null"), ScalarContext::block) == "\"null\"");
    CHECK(yaml_scalar(Scalar::string(""), ScalarContext::block) == "\"\"");
    CHECK(yaml_scalar(Scalar::string(" lead"), ScalarContext::block) == "\" lead\"");
    CHECK(yaml_scalar(Scalar::string("say \"hi\"\nbye"), ScalarContext::block) == "\"say \\\"hi\\\"\\nbye\"");
    CHECK(yaml_scalar(Scalar::plain("2026-11-23"), ScalarContext::flow) == "2026-11-23");
    CHECK(yaml_scalar(Scalar::plain("true"), ScalarContext::flow) == "true");
    CHECK(yaml_flow_mapping(entry()) == "{date: 2026-11-23, from: tender, to: contract, by: zhang.san}");
    // What YAML 1.1 readers (PyYAML, editors) take for line breaks is quoted and escaped.
    CHECK(yaml_scalar(Scalar::string("甲\xE2\x80\xA8乙"), ScalarContext::block) == "\"甲\\u2028乙\"");
    CHECK(yaml_scalar(Scalar::string("a\xE2\x80\xA9" "b\xC2\x85" "c"), ScalarContext::flow) == "\"a\\u2029b\\u0085c\"");
}

TEST_CASE("text: one line, blanks trimmed, mostly UTF-8, device names") {
    CHECK(one_line("two\nlines\r\xE2\x80\xA8x") == "two\xE2\x90\x8Alines\xE2\x90\x8D x");
    CHECK(trim_blanks("\xE3\x80\x80 甲\xC2\xA0\t") == "甲");
    CHECK(mostly_utf8("名称,金额\n项目,\xA3" "5\n"));
    CHECK(!mostly_utf8("\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n"));  // 名称,金额 in GBK
    CHECK(!mostly_utf8("abc\xA3"));
    CHECK(reserved_file_name("CON"));
    CHECK(reserved_file_name("nul.2026"));
    CHECK(reserved_file_name("Com7"));
    CHECK(!reserved_file_name("COM0"));
    CHECK(!reserved_file_name("CONTRACT-1"));
    CHECK(!reserved_file_name("LPT"));
}

TEST_CASE("text edit: appending to a block list of flow mappings") {
    const std::string text =
        "# 项目\nid: A\n\nhistory:   # 阶段记录\n  - {date: 2026-01-05, to: lead}\n  # 注释：下一条\n"
        "  - {date: 2026-02-01, from: lead, to: tender}\napprovals: []\n";
    CHECK(edited(text, append_history()) ==
          "# 项目\nid: A\n\nhistory:   # 阶段记录\n  - {date: 2026-01-05, to: lead}\n  # 注释：下一条\n"
          "  - {date: 2026-02-01, from: lead, to: tender}\n"
          "  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\napprovals: []\n");
}

TEST_CASE("text edit: the new item copies the dash indent, the gap and the blanks inside braces") {
    CHECK(edited("history:\n    -   { date: 2026-01-05, to: lead }\n", append_history()) ==
          "history:\n    -   { date: 2026-01-05, to: lead }\n"
          "    -   { date: 2026-11-23, from: tender, to: contract, by: zhang.san }\n");
    CHECK(edited("history:\n- {date: 2026-01-05, to: lead}\nz: 1\n", append_history()) ==
          "history:\n- {date: 2026-01-05, to: lead}\n- {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\nz: 1\n");
}

TEST_CASE("text edit: appending to a block list of block mappings") {
    const std::string text = "history:\n  - date: 2026-01-05\n    to: lead\n    note: 展会\n\n# 审批\napprovals:\n";
    CHECK(edited(text, append_history()) ==
          "history:\n  - date: 2026-01-05\n    to: lead\n    note: 展会\n"
          "  - date: 2026-11-23\n    from: tender\n    to: contract\n    by: zhang.san\n\n# 审批\napprovals:\n");
}

TEST_CASE("text edit: appending to a flow list on one line") {
    CHECK(edited("history: [{date: 2026-01-05, to: lead}]  # 一行\n", append_history()) ==
          "history: [{date: 2026-01-05, to: lead}, {date: 2026-11-23, from: tender, to: contract, by: zhang.san}]  # 一行\n");
    CHECK(edited("history: [{date: 2026-01-05, to: lead},]\n", append_history()) ==
          "history: [{date: 2026-01-05, to: lead}, {date: 2026-11-23, from: tender, to: contract, by: zhang.san},]\n");
}

TEST_CASE("text edit: appending to a flow list over several lines") {
    CHECK(edited("history: [\n  {date: 2026-01-05, to: lead},\n  {date: 2026-02-01, from: lead, to: tender}  # 最近\n]\nz: 1\n",
                 append_history()) ==
          "history: [\n  {date: 2026-01-05, to: lead},\n  {date: 2026-02-01, from: lead, to: tender},  # 最近\n"
          "  {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\n]\nz: 1\n");
    CHECK(edited("history: [\n  {date: 2026-01-05, to: lead},\n]\n", append_history()) ==
          "history: [\n  {date: 2026-01-05, to: lead},\n  {date: 2026-11-23, from: tender, to: contract, by: zhang.san},\n]\n");
    CHECK(edited("history: [{date: 2026-01-05, to: lead},\n          {date: 2026-02-01, to: tender}]\n", append_history()) ==
          "history: [{date: 2026-01-05, to: lead},\n          {date: 2026-02-01, to: tender},\n"
          "          {date: 2026-11-23, from: tender, to: contract, by: zhang.san}]\n");
}

TEST_CASE("text edit: an empty or null list becomes a block list in the style of the file's other lists") {
    const std::string style = "activities:\n   - {date: 2026-01-05, type: call}\n";
    CHECK(edited(style + "history: []   # 还没有\napprovals: x\n", append_history()) ==
          style + "history:   # 还没有\n   - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\napprovals: x\n");
    CHECK(edited(style + "history:\napprovals: x\n", append_history()) ==
          style + "history:\n   - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\napprovals: x\n");
    CHECK(edited(style + "history: ~\n", append_history()) ==
          style + "history:\n   - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\n");
    CHECK(edited("id: A\nhistory: []\n", append_history()) ==
          "id: A\nhistory:\n  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\n");
}

TEST_CASE("text edit: an absent list is added after the key that precedes it in the usual order") {
    CHECK(edited("id: A\nactivities:\n  - {date: 2026-01-05, type: call}\n  # 末尾注释\n\n# 审批\napprovals: []\n", append_history()) ==
          "id: A\nactivities:\n  - {date: 2026-01-05, type: call}\n"
          "history:\n  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\n"
          "  # 末尾注释\n\n# 审批\napprovals: []\n");
    CHECK(edited("id: A\nname: x", append_history()) ==
          "id: A\nhistory:\n  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\nname: x");
    FileEdit unknown_order = append_history();
    unknown_order.key_order.clear();
    CHECK(edited("id: A\nname: x\n", unknown_order) ==
          "id: A\nname: x\nhistory:\n  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}\n");
}

// Found by tests/fuzz/fuzz_edit: a reopen that adds expected_close to a file whose last key
// is history put the key between the old items and the new one, and was refused.
TEST_CASE("text edit: a new key inserted where a list ends comes after the list's new items") {
    FileEdit e = append_history();
    e.set.push_back({"closed_on", Scalar::plain("2026-11-23")});  // no key before it in kOrder: goes at the end
    const std::string item = "  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}";
    CHECK(edited("history:\n  - {date: 2026-10-05, to: lead}\n", e) ==
          "history:\n  - {date: 2026-10-05, to: lead}\n" + item + "\nclosed_on: 2026-11-23\n");
    CHECK(edited("history:\n  - {date: 2026-10-05, to: lead}", e) ==
          "history:\n  - {date: 2026-10-05, to: lead}\n" + item + "\nclosed_on: 2026-11-23");
    CHECK(edited("history:\n", e) == "history:\n" + item + "\nclosed_on: 2026-11-23\n");
    CHECK(edited("history: ~\r\n", e) == "history:\r\n" + item + "\r\nclosed_on: 2026-11-23\r\n");
}

TEST_CASE("text edit: CRLF line ends stay CRLF, a missing final newline stays missing") {
    CHECK(edited("id: A\r\nstage: tender\r\nhistory:\r\n  - {date: 2026-01-05, to: lead}", append_history()) ==
          "id: A\r\nstage: tender\r\nhistory:\r\n  - {date: 2026-01-05, to: lead}\r\n"
          "  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}");
    FileEdit both = append_history();
    both.set.push_back({"stage", Scalar::string("contract")});
    CHECK(edited("stage: tender\r\n\r\nhistory: [{date: 2026-01-05, to: lead}]\r\n", both) ==
          "stage: contract\r\n\r\nhistory: [{date: 2026-01-05, to: lead}, {date: 2026-11-23, from: tender, to: contract, by: zhang.san}]\r\n");
}

TEST_CASE("text edit: keys are inserted, set and removed at the top level") {
    FileEdit close;
    close.key_order = kOrder;
    close.set = {{"status", Scalar::string("lost")}, {"closed_on", Scalar::plain("2026-11-23")},
                 {"close_reason", Scalar::string("价格高于竞争对手 15%")}};
    CHECK(edited("id: A\nstage: tender  # 阶段\nlead: {source: 展会}\n", close) ==
          "id: A\nstage: tender  # 阶段\nstatus: lost\nclosed_on: 2026-11-23\nclose_reason: 价格高于竞争对手 15%\nlead: {source: 展会}\n");
    CHECK(edited("id: A\nstage: tender\nstatus:\nclosed_on: ~  # 待定\n", close) ==
          "id: A\nstage: tender\nstatus: lost\nclosed_on: 2026-11-23  # 待定\nclose_reason: 价格高于竞争对手 15%\n");

    FileEdit reopen;
    reopen.set = {{"status", Scalar::string("open")}};
    reopen.remove = {"closed_on", "close_reason", "absent"};
    CHECK(edited("stage: tender\nstatus: lost\nclosed_on: 2026-11-23\nclose_reason: >\n  价格\n  太高\n# 线索\nlead: {}\n", reopen) ==
          "stage: tender\nstatus: open\n# 线索\nlead: {}\n");
    CHECK(edited("stage: tender\r\nstatus: lost\r\nclosed_on: 2026-11-23\r\nclose_reason: x", reopen) ==
          "stage: tender\r\nstatus: open");
    CHECK(edited("stage: tender\nclosed_on: 2026-11-23\nstatus: lost", reopen) == "stage: tender\nstatus: open");
}

TEST_CASE("text edit: the parse of the result is checked; an edit that would mean more is refused") {
    // A plain scalar continued on the next line: replacing its first line would keep the rest.
    CHECK(refusal("stage: tender\n  continued\n", set_stage("contract")).find("stage would read") != std::string::npos);
    // Block scalars are not edited in place.
    CHECK(refusal("stage: |\n  tender\n", set_stage("contract")).find("block scalar") != std::string::npos);
    // A block scalar whose lines look like comments: inserting before them would break it.
    CHECK(!refusal("id: A\nactivities: |\n  text\n  # looks like a comment\n", append_history()).empty());
    CHECK(!refusal("stage: tender\nhistory: 3\n", append_history()).empty());
    CHECK(!refusal("stage: [a]\n", set_stage("x")).empty());
    CHECK(!refusal("{stage: tender, history: []}\n", set_stage("x")).empty());
    CHECK(!refusal("stage: tender: x\n", set_stage("x")).empty());
}

TEST_CASE("text edit: diff hunks list the changed lines") {
    const std::string text = "id: A\nstage: tender\nx: 1\nhistory:\n  - {date: 2026-01-05, to: lead}\n";
    FileEdit both = append_history();
    both.set.push_back({"stage", Scalar::string("contract")});
    auto splices = plan_splices(text, both);
    REQUIRE(std::holds_alternative<std::vector<Splice>>(splices));
    auto hunks = diff_hunks(text, std::get<std::vector<Splice>>(splices));
    REQUIRE(hunks.size() == 2);
    CHECK(hunks[0].line == 2);
    CHECK(hunks[0].removed == std::vector<std::string>{"stage: tender"});
    CHECK(hunks[0].added == std::vector<std::string>{"stage: contract"});
    CHECK(hunks[1].line == 6);
    CHECK(hunks[1].removed.empty());
    CHECK(hunks[1].added == std::vector<std::string>{"  - {date: 2026-11-23, from: tender, to: contract, by: zhang.san}"});
}

TEST_CASE("text edit: a project edit must load as the expected record") {
    Diagnostics d;
    auto process = load_process(default_process_text(), "pipeline.yaml", d);
    REQUIRE(process);
    const std::string text =
        "id: A-1\nname: n\ncustomer: c\nowner: o\namount: 1\nexpected_close: 2026-12-01\nstage: lead\n"
        "history:\n  - {date: 2026-01-05, to: lead}\n";
    auto before = load_project(text, "projects/A-1.yaml", *process, d);
    REQUIRE(before);
    FileEdit edit;
    edit.set.push_back({"stage", Scalar::string("initiation")});
    edit.append.push_back({"history", {{"date", Scalar::plain("2026-02-01")}, {"from", Scalar::string("lead")},
                                       {"to", Scalar::string("initiation")}}});
    Project expected = *before;
    expected.stage = 1;
    expected.stage_text = "initiation";
    HistoryEntry h;
    h.date = Date::parse("2026-02-01");
    h.from_text = "lead";
    h.from = 0;
    h.to_text = "initiation";
    h.to = 1;
    expected.history.push_back(h);
    EditResult ok = edit_project_text(text, "projects/A-1.yaml", *process, edit, expected);
    REQUIRE(std::holds_alternative<std::string>(ok));
    CHECK(std::get<std::string>(ok).ends_with("  - {date: 2026-02-01, from: lead, to: initiation}\n"));

    Project wrong = expected;
    wrong.history.back().note = "something else";
    EditResult refused = edit_project_text(text, "projects/A-1.yaml", *process, edit, wrong);
    REQUIRE(std::holds_alternative<EditError>(refused));
    CHECK(std::get<EditError>(refused).message.find("history[1]") != std::string::npos);

    CHECK(!first_difference(expected, expected));
    Project other = expected;
    other.amount = Money{200};
    CHECK(first_difference(expected, other) == std::optional<std::string>("amount"));
}

TEST_CASE("text edit: several items for one list go in together, in order") {
    FileEdit two = append_history();
    two.append.push_back({"history", {{"date", Scalar::plain("2026-11-23")}, {"from", Scalar::string("contract")},
                                      {"to", Scalar::string("won")}}});
    const std::string first = "{date: 2026-11-23, from: tender, to: contract, by: zhang.san}";
    const std::string second = "{date: 2026-11-23, from: contract, to: won}";
    CHECK(edited("history:\n  - {date: 2026-01-05, to: lead}\nz: 1\n", two) ==
          "history:\n  - {date: 2026-01-05, to: lead}\n  - " + first + "\n  - " + second + "\nz: 1\n");
    CHECK(edited("history: [{date: 2026-01-05, to: lead}]\n", two) ==
          "history: [{date: 2026-01-05, to: lead}, " + first + ", " + second + "]\n");
    CHECK(edited("history: [\n  {date: 2026-01-05, to: lead}\n]\n", two) ==
          "history: [\n  {date: 2026-01-05, to: lead},\n  " + first + ",\n  " + second + "\n]\n");
    CHECK(edited("history: [\n  {date: 2026-01-05, to: lead},\n]\n", two) ==
          "history: [\n  {date: 2026-01-05, to: lead},\n  " + first + ",\n  " + second + ",\n]\n");
    CHECK(edited("id: A\n", two) == "id: A\nhistory:\n  - " + first + "\n  - " + second + "\n");
}

namespace {

// What `customer extract` makes of an embedded customer: an id first, the keys the master now holds removed.
FileEdit refer_to_customer(std::vector<std::string> remove = {"name", "industry", "size", "grade"}) {
    FileEdit e;
    e.nested.push_back({"customer", "name", {{"id", Scalar::string("C-0001")}}, std::move(remove)});
    return e;
}

}  // namespace

TEST_CASE("text edit: inside a block mapping, a key goes first and removed keys' lines go, comments stay") {
    CHECK(edited("id: A\ncustomer:\n  name: 海川学院\n  industry: 教育\n  grade: important\nowner: z\n", refer_to_customer()) ==
          "id: A\ncustomer:\n  id: C-0001\nowner: z\n");
    // A key the edit keeps stays as written; a comment line inside the mapping stays; the
    // comment after a removed value stays on a line of its own.
    CHECK(edited("customer:\n    name: \"海川学院\"   # 全称\n    # 等级待定\n    grade: general\n    industry: 教育\nowner: z\n",
                 refer_to_customer({"name", "industry"})) ==
          "customer:\n    id: C-0001\n    # 全称\n    # 等级待定\n    grade: general\nowner: z\n");
    CHECK(edited("customer:\r\n  name: 海川\r\n  size: large\r\n", refer_to_customer({"name"})) ==
          "customer:\r\n  id: C-0001\r\n  size: large\r\n");
    CHECK(edited("customer:\n  name: 海川\n  size: large", refer_to_customer()) == "customer:\n  id: C-0001");
    // An id already there is set in place.
    CHECK(edited("customer:\n  name: 海川\n  id: OLD  # 旧\n", refer_to_customer({"name"})) == "customer:\n  id: C-0001  # 旧\n");
}

TEST_CASE("text edit: a flow mapping is written anew, the entries kept copied as written") {
    CHECK(edited("customer: {name: 海川, grade: important}  # 客户\nowner: z\n", refer_to_customer({"name"})) ==
          "customer: {id: C-0001, grade: important}  # 客户\nowner: z\n");
    CHECK(edited("customer: { name: 海川, size: 'large' }\n", refer_to_customer({"name"})) == "customer: { id: C-0001, size: 'large' }\n");
    CHECK(edited("customer: {name: 海川}\n", refer_to_customer()) == "customer: {id: C-0001}\n");
    CHECK(refusal("customer: {name: 海川,\n  grade: important}\n", refer_to_customer()).find("several lines") != std::string::npos);
}

TEST_CASE("text edit: a scalar standing for its shorthand key becomes a flow mapping") {
    CHECK(edited("customer: 海川学院  # 简称\n", refer_to_customer()) == "customer: {id: C-0001}  # 简称\n");
    CHECK(edited("customer: \"海川, 学院\"\n", refer_to_customer({})) == "customer: {id: C-0001, name: \"海川, 学院\"}\n");
    CHECK(edited("customer: 海川, 学院\n", refer_to_customer({})) == "customer: {id: C-0001, name: \"海川, 学院\"}\n");
}

TEST_CASE("text edit: a nested edit of what is not a mapping of single values is refused") {
    CHECK(refusal("owner: z\n", refer_to_customer()).find("no customer") != std::string::npos);
    CHECK(refusal("customer: [a, b]\n", refer_to_customer()).find("not a mapping") != std::string::npos);
    CHECK(refusal("customer:\n  name: [a]\n", refer_to_customer()).find("not a single value") != std::string::npos);
    CHECK(refusal("customer: |\n  海川\n", refer_to_customer()).find("block scalar") != std::string::npos);
    // A plain name continued on the next line goes whole; replacing its first line alone would keep the rest.
    CHECK(edited("customer:\n  name: 海川\n    学院\n  grade: general\n", refer_to_customer({"name"})) ==
          "customer:\n  id: C-0001\n  grade: general\n");
    FileEdit rename;
    rename.nested.push_back({"customer", "name", {{"name", Scalar::string("海川学院")}}, {}});
    CHECK(refusal("customer:\n  name: 海川\n    学院\n", rename).find("would read") != std::string::npos);
}

TEST_CASE("text edit: the comments of a removed value over several lines stay, each on a line of its own") {
    CHECK(edited("customer:\n  name: 甲\n    公司 # tail\n  industry: \"制\n    造\" # t2\n  grade: general\n",
                 refer_to_customer({"name", "industry"})) ==
          "customer:\n  id: C-0001\n  # tail\n  # t2\n  grade: general\n");
    CHECK(edited("customer:\n  name: >  # folded\n    甲公司\n  industry: |  # keep\n    制造 # not a comment\n  size: large\n",
                 refer_to_customer({"name", "industry"})) ==
          "customer:\n  id: C-0001\n  # folded\n  # keep\n  size: large\n");
    CHECK(edited("customer:\n  grade:   # 待定\n  name: 甲\n", refer_to_customer({"grade"})) ==
          "customer:\n  id: C-0001\n  # 待定\n  name: 甲\n");
}

TEST_CASE("text edit: a plain name over several lines, standing for the mapping, is replaced whole") {
    CHECK(edited("customer: 甲\n  公司  # tail comment\nowner: z\n", refer_to_customer()) ==
          "customer: {id: C-0001}  # tail comment\nowner: z\n");
    CHECK(edited("customer: 甲\n  公司\n# 负责人\nowner: z\n", refer_to_customer({})) ==
          "customer: {id: C-0001, name: 甲 公司}\n# 负责人\nowner: z\n");
}
