// libFuzzer target: any bytes as filter terms — the whole input as one term, and the
// input split at line ends into several (one command-line argument each). Parsing gives
// a query or an error that points inside its term, never a crash, hang or exception;
// a parsed query evaluates over a fixed set of projects, and `not:` negates exactly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/figures/query.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"

namespace {

using namespace pipeline;

void require(bool condition) {
    if (!condition) __builtin_trap();
}

// A roster, two other currencies and a flexible group: every way a term resolves.
constexpr std::string_view kProcessText = R"yaml(currency: CNY
currencies: {USD: 7.1, EUR: 7.75}
stages:
  - {id: lead, name: 信息搜集, probability: 5}
  - {id: initiation, name: 项目立项, probability: 10}
  - {id: requirements, name: 需求确认, probability: 25}
  - {id: solution, name: 方案确认, probability: 45}
  - {id: relations, name: 深度公关, probability: 80}
  - {id: tender, name: 招投标, probability: 90}
  - {id: contract, name: 谈判签约, probability: 100}
flexible:
  - [requirements, solution, relations]
people:
  - {id: li.si, name: 李四, role: manager}
  - {id: zhang.san, name: 张三, role: sales, manager: li.si}
  - {id: li.na, name: 李娜, role: sales, manager: li.si}
)yaml";

// Open, won, lost and abandoned projects; foreign and huge amounts; a stage the process
// does not know; a project with hardly any fields.
constexpr std::string_view kProjectTexts[] = {
    R"yaml(id: ZS-001
name: 某市第一人民医院 HIS 升级
customer: {name: 某市第一人民医院, industry: 卫生, grade: A}
owner: zhang.san
amount: 1280000.50
stage: tender
expected_close: 2026-12-15
lead: {source: 展会, grade: A}
)yaml",
    R"yaml(id: LN-001
name: Acme 贸易 仓储系统
customer: {name: Acme Trading Co., industry: 贸易}
owner: li.na
amount: 100000.05
currency: USD
stage: 方案确认
expected_close: 2027-02-10
forecast_category: commit
lead: {source: 网络平台, grade: B}
)yaml",
    R"yaml(id: LN-002
name: 欧洲 MES
customer: {name: Werk GmbH}
owner: li.na
amount: 92233720368547.75
currency: EUR
stage: contract
status: won
closed_on: 2026-10-20
expected_close: 2026-10-31
lead: {source: 老客户, grade: c}
)yaml",
    R"yaml(id: ww-003
name: 水厂自控
customer: {name: 某县水务局, industry: 水利}
owner: wang.wu
amount: 0
stage: initiation
status: abandoned
closed_on: 2026-10-08
close_reason: 客户预算取消
)yaml",
    R"yaml(id: X-1
owner: nobody
amount: 1
stage: negotiation
status: lost
)yaml",
    R"yaml(id: EMPTY
)yaml",
};

struct Fixture {
    Process process;          // with the roster
    Process plain;            // the default process: no people, so owner: takes any id
    std::vector<Project> projects;
};

const Fixture& fixture() {
    static const Fixture f = [] {
        Fixture f;
        Diagnostics ignored;
        f.process = *load_process(kProcessText, "pipeline.yaml", ignored);
        f.plain = *load_process(default_process_text(), "pipeline.yaml", ignored);
        for (std::string_view text : kProjectTexts)
            f.projects.push_back(*load_project(text, "projects/x.yaml", f.process, ignored));
        return f;
    }();
    return f;
}

void check_terms(const std::vector<std::string>& terms, const Process& process, const std::vector<Project>& projects) {
    auto parsed = parse_query(terms, process);
    if (const QueryError* e = std::get_if<QueryError>(&parsed)) {
        // The error names one of the terms and points inside it.
        bool known = false;
        for (const std::string& t : terms) known = known || t == e->term;
        require(known);
        require(e->offset <= e->term.size() && e->length <= e->term.size() - e->offset);
        require(!e->message.empty());
        require(!describe(*e).empty());
        return;
    }
    const Query& query = std::get<Query>(parsed);
    require(query.terms.size() == terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const QueryTerm& t = query.terms[i];
        require(t.text == terms[i]);
        if (t.field == QueryField::stage && !t.substring)
            require(t.stage >= 0 && t.stage < static_cast<int>(process.stages.size()));
        if (t.field == QueryField::owner && !t.substring && !process.people.empty()) require(process.person(t.value) != nullptr);
    }
    if (auto owner = query.only_owner()) require(query.terms.size() == 1);
    const std::vector<Project> selected = filter_projects(projects, query, process);
    std::size_t matching = 0;
    for (const Project& p : projects) {
        const bool hit = matches(query, p, process);
        matching += hit;
        // not:TERM holds exactly where TERM does not.
        for (const std::string& t : terms) {
            auto negated = parse_query({"not:" + t}, process);
            require(std::holds_alternative<Query>(negated));
            auto single = parse_query({t}, process);
            require(std::holds_alternative<Query>(single));
            require(matches(std::get<Query>(negated), p, process) != matches(std::get<Query>(single), p, process));
        }
    }
    require(selected.size() == matching);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Fixture& f = fixture();
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> lines;
    for (std::size_t at = 0; at <= input.size();) {
        std::size_t end = input.find('\n', at);
        if (end == std::string::npos) end = input.size();
        lines.push_back(input.substr(at, end - at));
        at = end + 1;
    }
    if (!lines.empty() && lines.back().empty() && lines.size() > 1) lines.pop_back();  // a final line end
    for (const Process* process : {&f.process, &f.plain}) {
        check_terms({input}, *process, f.projects);
        if (lines.size() > 1 && lines.size() <= 16) check_terms(lines, *process, f.projects);
    }
    return 0;
}
