// What a Chinese team types: enum values by their Chinese names, people by display name,
// and the slips of an input method (full-width colon, comma, bracket, space, digits;
// amounts with 万, 亿, ￥, 元), each a finding at the character with what to type instead.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/base/money.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/yaml/input_slips.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const char* const kHead = "id: P-1\nname: 测试项目\ncustomer: {name: 某医院}\nowner: zhang.san\namount: 100000\n"
                          "expected_close: 2027-01-15\nstage: lead\nhistory:\n  - {date: 2026-11-02, to: lead, by: zhang.san}\n";

struct Loaded {
    std::optional<Project> project;
    Diagnostics out;
    std::string findings() const { return test::findings(out); }
};

Loaded load(const std::string& text, const Process& process) {
    Loaded l;
    l.project = load_project(text, "projects/P-1.yaml", process, l.out, {});
    return l;
}

// The finding of one line of a project file that has the slip (the other lines are fine).
std::string slip(const std::string& line) {
    static const Process process = test::default_process(true);
    return load(std::string(kHead) + line + "\n", process).findings();
}

}  // namespace

TEST_CASE("chinese input: every Chinese name of an enum loads as its id, and only its own field's") {
    const Process process = test::default_process(true);
    int names = 0;
    std::function<void(const RecordSpec&)> walk = [&](const RecordSpec& spec) {
        for (const FieldSpec& f : spec.fields) {
            if (f.record) walk(*f.record);
            for (const EnumValue& v : f.values) {
                CHECK_MESSAGE(find_enum_value(f.values, v.id) == &v, f.path);
                std::string_view rest = v.names;
                while (!rest.empty()) {
                    const std::string_view name = rest.substr(0, rest.find('|'));
                    CHECK_MESSAGE(find_enum_value(f.values, name) == &v, f.path, " ", std::string(name));
                    ++names;
                    rest.remove_prefix(std::min(rest.size(), name.size() + 1));
                }
            }
        }
    };
    walk(project_spec());
    CHECK(names >= 40);
    // A whole file in Chinese values loads to the same record as one with ids.
    const std::string ids = std::string(kHead) +
        "customer: {name: 某医院, size: large, grade: strategic}\n"
        "contacts: [{name: 周院长, role: decision_maker, attitude: support}, {name: 王科长, role: insider, attitude: neutral}]\n"
        "risks: [{type: competition, description: 对手低价, likelihood: 3, impact: 4, status: open}]\n"
        "approvals: [{type: initiation, by: li.si, date: 2026-11-03, result: approved}]\n"
        "tender: {result: pending}\nforecast_category: commit\nstatus: open\n";
    std::string chinese = std::string(kHead) +
        "customer: {name: 某医院, size: 大型, grade: 战略}\n"
        "contacts: [{name: 周院长, role: 决策人, attitude: 支持}, {name: 王科长, role: 内线, attitude: 中立}]\n"
        "risks: [{type: 竞争, description: 对手低价, likelihood: 3, impact: 4, status: 未关闭}]\n"
        "approvals: [{type: 立项, by: 李四, date: 2026-11-03, result: 批准}]\n"
        "tender: {result: 待定}\nforecast_category: 承诺\nstatus: 进行中\n";
    // The duplicate customer key of kHead is replaced, not repeated.
    auto without_head_customer = [](std::string s) {
        const std::string key = "customer: {name: 某医院}\n";
        s.erase(s.find(key), key.size());
        return s;
    };
    const Loaded a = load(without_head_customer(ids), process);
    const Loaded b = load(without_head_customer(chinese), process);
    REQUIRE(a.project);
    REQUIRE(b.project);
    CHECK(a.findings() == "");
    CHECK(b.findings() == "");
    CHECK(!a.project->writes_names);
    CHECK(b.project->writes_names);
    Project same = *b.project;
    same.writes_names = false;
    same.at = a.project->at;
    // Where the values are differs with their spelling; what they are does not.
    same.customer.size_at = a.project->customer.size_at;
    same.customer.grade_at = a.project->customer.grade_at;
    CHECK(same.customer == a.project->customer);
    CHECK(same.contacts.size() == 2);
    CHECK(same.contacts[0].role == "decision_maker");
    CHECK(same.contacts[1].attitude == "neutral");
    CHECK(same.risks[0].type == "competition");
    CHECK(same.approvals[0].by == "li.si");
    CHECK(same.approvals[0].result == "approved");
    CHECK(same.tender.result == "pending");
    CHECK(same.forecast_category == "commit");
    // Another field's name is not this field's: 中标 is a tender result, not a status.
    CHECK(load(std::string(kHead) + "status: 中标\n", process).findings() ==
          "10:9: status \"中标\" is not one of: open (进行中), won (赢单), lost (丢单), abandoned (放弃) [enum]\n");
}

TEST_CASE("chinese input: a status by the team's outcome name, history ends by Chinese names") {
    Process process = test::default_process(true);
    process.outcome_names["won"] = "签约";
    const Loaded l = load(std::string(kHead) + "status: 签约\nclosed_on: 2026-11-20\n", process);
    REQUIRE(l.project);
    CHECK(l.project->status == Status::won);
    CHECK(process.status_of("输单") == Status::lost);
    CHECK(process.status_of("放弃") == Status::abandoned);
    CHECK(process.status_of("签约") == Status::won);
    CHECK(!process.status_of("胜利"));
}

TEST_CASE("chinese input: people by display name") {
    Process process = test::default_process(true);
    const Loaded by_name = load(std::string(kHead) + "sponsor: 李四\n", process);
    REQUIRE(by_name.project);
    CHECK(by_name.project->sponsor == "li.si");
    CHECK(by_name.findings() == "");
    // Two people of one name: the name is refused, with both ids.
    process.people.push_back({"li.si2", "李四", "sales", ""});
    process.build_index();
    const Loaded two = load(std::string(kHead) + "sponsor: 李四\n", process);
    CHECK(two.findings() == "10:10: sponsor \"李四\" is the name of several people (li.si, li.si2): write the id of one [person]\n");
    // check does not report it a second time as unknown.
    Diagnostics out;
    REQUIRE(two.project);
    check_project(*two.project, process, {test::kToday}, out);
    CHECK(test::findings(out).find("not in people") == std::string::npos);
    // An unknown name gets a suggestion by name.
    Diagnostics unknown;
    Project p = *by_name.project;
    p.sponsor = "李思";
    check_project(p, test::default_process(true), {test::kToday}, unknown);
    CHECK(test::findings(unknown).find("sponsor \"李思\" is not in people of pipeline.yaml; did you mean \"李四\"?") != std::string::npos);
}

TEST_CASE("chinese input: input-method slips are findings at the character, saying what to type") {
    CHECK(slip("sponsor：li.si") == "10:8: a full-width colon \"：\" after sponsor; type \":\" and a space [input-method]\n");
    CHECK(slip("sponsor:　li.si") == "10:9: a full-width space (U+3000) after sponsor:; type a plain space [input-method]\n");
    CHECK(slip("　sponsor: li.si") == "10:1: a full-width space (U+3000) in the indentation; indent with plain spaces [input-method]\n");
    CHECK(slip("team: [{name: zhang.san，role: 销售}]") ==
          "10:24: a full-width comma \"，\" between items; type \",\" [input-method]\n");
    CHECK(slip("team: [{name：zhang.san, role: 销售}]") ==
          "10:13: a full-width colon \"：\" after a key; type \":\" and a space [input-method]\n");
    CHECK(slip("lead: ｛source: 展会｝") ==
          "10:7: a full-width brace \"｛\"; type \"{\" (and \"}\" to close it) [input-method]\n");
    CHECK(slip("lead: {source: 展会｝") == "10:18: a full-width brace \"｝\"; type \"}\" [input-method]\n");
    CHECK(slip("lead: （source: 展会）") ==
          "10:7: a full-width parenthesis \"（\" where a mapping starts; type \"{\" (and \"}\" to close it) [input-method]\n");
    CHECK(slip("notes: ［重要］客户") == "");  // a value's own brackets
    CHECK(slip("notes: 客户说：下周，再谈（预算）") == "");
    CHECK(slip("activities: [{date: 2026-11-05, type: 拜访, note: 初次接触，IT总监：王, by: zhang.san}]") == "");
    CHECK(slip("notes: |\n  备注：第一行\n  （第二行），第三行") == "");
    // A block scalar inside a record, with a blank line in it: its text is text; the key after
    // it is read again.
    CHECK(slip("review:\n  lessons: >-\n    备注：第一行\n\n      name：x\n  summary：总结") ==
          "15:10: a full-width colon \"：\" after summary; type \":\" and a space [input-method]\n");
    // Digits and amounts.
    CHECK(slip("margin: ２８") == "10:9: margin \"２８\" is written with full-width digits (an input method's); write 28 [type]\n");
    CHECK(slip("closed_on: ２０２６-11-10").find("10:12: closed_on \"２０２６-11-10\" is written with full-width digits "
                                            "(an input method's); write 2026-11-10 [date]\n") != std::string::npos);
}

TEST_CASE("chinese input: amounts with 万, 亿, ￥, 元 say the plain number to write") {
    auto written = [](std::string_view text) {
        auto w = chinese_amount(text);
        return w ? fmt::format("{}@{}", w->plain, w->offending) : std::string("-");
    };
    CHECK(written("98万") == "980000@2");
    CHECK(written("98.5万") == "985000@4");
    CHECK(written("4.2亿") == "420000000@3");
    CHECK(written("1.23456万") == "12345.6@7");
    CHECK(written("0.5万元") == "5000@3");
    CHECK(written("￥420000") == "420000@0");
    CHECK(written("¥1280000.50") == "1280000.5@0");
    CHECK(written("420000元") == "420000@6");
    CHECK(written("1,280万") == "12800000@5");
    CHECK(written("９８万") == "980000@0");
    CHECK(written("1280000") == "-");
    CHECK(written("1,280,000") == "-");  // parse_money's own message
    CHECK(written("万") == "-");
    CHECK(written("三万") == "-");
    CHECK(slip("payments: [{due: 2027-01-10, amount: 98万}]") ==
          "10:40: payment amount \"98万\": write 980000 (an amount is a plain number of the currency's units; "
          "\"万\" is not part of it) [amount]\n");
}

TEST_CASE("chinese input: half-width digits") {
    CHECK(half_width_digits("２０２６－１１－０３") == "2026-11-03");
    CHECK(half_width_digits("１２．５") == "12.5");
    CHECK(!half_width_digits("2026-11-03"));
    CHECK(!half_width_digits("二〇二六"));
}
