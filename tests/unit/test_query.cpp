// The filter parser: every form of term, every error, and what each term matches.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "pipeline/figures/query.hpp"
#include "pipeline/store/repository.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const Repository& fixture() {
    static const Repository repo = load_repository({std::filesystem::path(PIPELINE_TEST_DATA) / "fixtures" / "forecast", {}, {}});
    return repo;
}
const Process& process() { return *fixture().process; }

Query parse(std::vector<std::string> terms) {
    auto q = parse_query(terms, process());
    if (auto* e = std::get_if<QueryError>(&q)) FAIL(describe(*e));
    return std::get<Query>(q);
}

QueryError error(const std::string& term) {
    auto q = parse_query({term}, process());
    REQUIRE(std::holds_alternative<QueryError>(q));
    return std::get<QueryError>(q);
}

// The ids of the fixture's projects that match, sorted.
std::set<std::string> ids(std::vector<std::string> terms) {
    std::set<std::string> out;
    for (const Project& p : filter_projects(fixture().projects, parse(std::move(terms)), process())) out.insert(p.id);
    return out;
}

using Ids = std::set<std::string>;

}  // namespace

TEST_CASE("query: no terms match every project") {
    CHECK(parse({}).empty());
    CHECK(ids({}).size() == 11);
}

TEST_CASE("query: owner by roster id or name, exact or ~substring") {
    CHECK(ids({"owner:wang.wu"}) == Ids{"WW-001", "WW-002", "WW-003"});
    CHECK(ids({"owner:王五"}) == Ids{"WW-001", "WW-002", "WW-003"});  // the name resolves to the id
    CHECK(parse({"owner:王五"}).terms[0].value == "wang.wu");
    CHECK(ids({"owner:~WANG"}) == Ids{"WW-001", "WW-002", "WW-003"});  // ~ ignores ASCII case
    CHECK(ids({"owner:~李"}) == Ids{"LN-001", "LN-002", "LN-003", "LN-004"});  // 李娜 (李四 owns nothing)
}

TEST_CASE("query: stage by id or display name; a closed project keeps the stage it closed from") {
    CHECK(ids({"stage:tender"}) == Ids{"ZS-002", "LN-003"});
    CHECK(ids({"stage:招投标"}) == Ids{"ZS-002", "LN-003"});
    CHECK(parse({"stage:招投标"}).terms[0].stage == 5);
    CHECK(ids({"stage:~确认"}) == Ids{"ZS-001", "LN-002", "LN-001"});  // 需求确认, 方案确认
}

TEST_CASE("query: status, category, grade") {
    CHECK(ids({"status:won"}) == Ids{"ZS-003", "LN-004", "WW-003"});
    CHECK(ids({"status:abandoned"}) == Ids{"WW-001"});
    CHECK(ids({"category:commit"}) == Ids{"ZS-002", "LN-002"});  // LN-002 by its override
    CHECK(ids({"category:best_case"}) == Ids{"LN-001", "WW-002"});
    CHECK(ids({"category:closed"}) == Ids{"ZS-003", "LN-004", "WW-003"});
    CHECK(ids({"not:category:pipeline", "not:status:won", "status:open"}) == Ids{"ZS-002", "LN-001", "LN-002", "WW-002"});
    CHECK(ids({"grade:C"}) == Ids{"ZS-004", "LN-002", "WW-001"});
    CHECK(ids({"grade:c"}) == Ids{"ZS-004", "LN-002", "WW-001"});
}

TEST_CASE("query: customer, industry, source, id, name") {
    CHECK(ids({"customer:某市第一人民医院"}) == Ids{"ZS-002", "WW-003"});
    CHECK(ids({"customer:~某市"}) == Ids{"ZS-001", "ZS-002", "ZS-003", "LN-003", "WW-002", "WW-003"});
    CHECK(ids({"customer:某市"}).empty());  // exact: no customer is called just 某市
    CHECK(ids({"customer:~acme"}) == Ids{"LN-001"});
    CHECK(ids({"industry:制造业"}) == Ids{"ZS-001", "LN-003"});
    CHECK(ids({"source:展会"}) == Ids{"ZS-001", "LN-002", "LN-003"});
    CHECK(ids({"id:LN-001"}) == Ids{"LN-001"});
    CHECK(ids({"id:~zs-00"}) == Ids{"ZS-001", "ZS-002", "ZS-003", "ZS-004"});
    CHECK(ids({"name:~医院"}) == Ids{"ZS-002", "ZS-003", "WW-003"});
    CHECK(ids({"name:~his"}) == Ids{"ZS-002"});
}

TEST_CASE("query: amount compares the amount converted to the base currency") {
    // LN-001 is USD 100,000.05 = CNY 710,000.36; LN-002 is EUR 20,000.10 = CNY 155,000.78.
    CHECK(ids({"amount>710000.35"}).count("LN-001") == 1);
    CHECK(ids({"amount>710000.36"}).count("LN-001") == 0);
    CHECK(ids({"amount>=710000.36"}).count("LN-001") == 1);
    CHECK(ids({"amount=155000.78"}) == Ids{"LN-002"});
    CHECK(ids({"amount:155000.78"}) == Ids{"LN-002"});  // FIELD:VALUE means =
    CHECK(ids({"amount:<=333333.33"}) == Ids{"ZS-004", "LN-002", "WW-001"});  // FIELD:<op>VALUE as well
    CHECK(ids({"amount<300000"}) == Ids{"LN-002"});
    CHECK(ids({"amount>=1000000", "amount<2000000"}) == Ids{"ZS-002", "WW-003"});
    CHECK(parse({"amount>1000000.5"}).terms[0].amount == Money{100000050});
}

TEST_CASE("query: close compares the period date: expected_close while open, closed_on once closed") {
    CHECK(ids({"close<2026-10-01"}) == Ids{"LN-004"});
    CHECK(ids({"close>=2027-01-01"}) == Ids{"ZS-004", "LN-001", "WW-002"});
    CHECK(ids({"close>2026-12-31", "close<2027-01-02"}) == Ids{"WW-002"});
    CHECK(ids({"close=2026-11-05"}) == Ids{"LN-003"});  // lost that day; its expected_close was 2026-11-30
    CHECK(ids({"close<=2026-10-20", "close>=2026-10-20"}) == Ids{"ZS-003"});
}

TEST_CASE("query: not: negates; terms AND together; not:not: cancels") {
    CHECK(ids({"not:owner:zhang.san", "not:owner:li.na"}) == Ids{"WW-001", "WW-002", "WW-003"});
    CHECK(ids({"owner:zhang.san", "status:open", "amount>1000000"}) == Ids{"ZS-001", "ZS-002"});
    CHECK(ids({"not:not:status:lost"}) == Ids{"LN-003"});
    CHECK(parse({"not:not:status:lost"}).terms[0].negated == false);
    CHECK(ids({"not:close<2030-01-01"}).empty());
}

TEST_CASE("query: only_owner says when targets of one owner apply") {
    CHECK(parse({"owner:zhang.san"}).only_owner() == "zhang.san");
    CHECK(parse({"owner:张三"}).only_owner() == "zhang.san");
    CHECK(!parse({}).only_owner());
    CHECK(!parse({"owner:~zhang"}).only_owner());
    CHECK(!parse({"not:owner:zhang.san"}).only_owner());
    CHECK(!parse({"owner:zhang.san", "status:open"}).only_owner());
}

TEST_CASE("query errors: the message, and the part of the term pointed at") {
    struct Case {
        const char* term;
        std::size_t offset, length;
        const char* message;
    };
    const Case cases[] = {
        {"", 0, 0, "empty filter term"},
        {"not:", 4, 0, "not: needs a term to negate, such as not:status:lost"},
        {"医院", 0, 6,
         "a filter term is FIELD:VALUE or FIELD<op>VALUE (fields: owner, stage, status, customer, industry, customer_grade, size, source, grade, "
         "importance, category, id, name, amount, close); to search names write name:~医院"},
        {"onwer:zhang.san", 0, 5, "unknown field \"onwer\"; did you mean \"owner\"?"},
        {"not:xyz:1", 4, 3,
         "unknown field \"xyz\" (fields: owner, stage, status, customer, industry, customer_grade, size, source, grade, importance, category, id, name, amount, close)"},
        {"owner>x", 5, 1, "owner takes owner:VALUE; only amount and close compare with < <= > >= ="},
        {"owner:", 6, 0, "owner: needs a value"},
        {"owner:zhang.sna", 6, 9, "no person \"zhang.sna\" in people of pipeline.yaml; did you mean \"zhang.san\"?"},
        {"stage:tendr", 6, 5, "unknown stage \"tendr\"; did you mean \"tender\"?"},
        {"stage:xyz", 6, 3,
         "unknown stage \"xyz\" (stages: lead, initiation, requirements, solution, relations, tender, contract)"},
        {"status:closed", 7, 6, "unknown status \"closed\" (open, won, lost, abandoned)"},
        {"status:~op", 7, 3, "unknown status \"~op\" (open, won, lost, abandoned)"},
        {"category:best-case", 9, 9, "unknown forecast category \"best-case\" (pipeline, best_case, commit, closed)"},
        {"grade:D", 6, 1, "unknown lead grade \"D\" (A, B, C)"},
        {"amount>1e6", 7, 3, "amount \"1e6\" uses an exponent: write the digits in full"},
        {"amount>1,000", 7, 5, "amount \"1,000\" has a thousands separator: write the digits alone, e.g. 1280000"},
        {"amount>abc", 7, 3, "amount \"abc\" is not a number"},
        {"amount>1.234", 7, 5, "amount \"1.234\" has more than 2 decimals"},
        {"amount>-5", 7, 2, "amount \"-5\" is negative"},
        {"amount>", 7, 0, "amount needs a value to compare with, such as amount>1000000"},
        {"close<2027-13-01", 6, 10, "\"2027-13-01\" is not a date (YYYY-MM-DD)"},
        {"close<", 6, 0, "close needs a value to compare with, such as close<2027-01-01"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.term);
        const QueryError e = error(c.term);
        CHECK(e.term == c.term);
        CHECK(e.offset == c.offset);
        CHECK(e.length == c.length);
        CHECK(e.message == c.message);
    }
}

TEST_CASE("query errors: the first bad term of several is reported") {
    auto q = parse_query({"owner:zhang.san", "amount>1e6", "stage:xyz"}, process());
    REQUIRE(std::holds_alternative<QueryError>(q));
    CHECK(std::get<QueryError>(q).term == "amount>1e6");
}

TEST_CASE("query errors: described with a caret line under the bad part, by display width") {
    CHECK(describe(error("amount>1e6")) ==
          "filter \"amount>1e6\": amount \"1e6\" uses an exponent: write the digits in full\n"
          "  amount>1e6\n"
          "         ^^^");
    // Chinese characters are two columns wide: the carets stand under 招标 exactly.
    CHECK(describe(error("stage:招标")) ==
          "filter \"stage:招标\": unknown stage \"招标\"; did you mean \"招投标\"?\n"
          "  stage:招标\n"
          "        ^^^^");
    CHECK(describe(error("owner:")) ==
          "filter \"owner:\": owner: needs a value\n"
          "  owner:\n"
          "        ^");
}

TEST_CASE("query: without a roster any owner is accepted") {
    Process bare = process();
    bare.people.clear();
    auto q = parse_query({"owner:nobody"}, bare);
    REQUIRE(std::holds_alternative<Query>(q));
    CHECK(std::get<Query>(q).terms[0].value == "nobody");
}
