// The forecast on tests/fixtures/forecast, against figures worked out by hand.
// Every amount is in cents (CNY); the arithmetic is written next to each figure.
#include <doctest/doctest.h>

#include <filesystem>

#include "pipeline/figures/as_of.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/store/repository.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

// ---- The eleven projects of the fixture, valued by hand ----
// Open: amount converted to CNY, then × stage probability, each rounded to the cent, halves away from zero.
constexpr std::int64_t ZS001 = 2'500'000'00;               // CNY 2,500,000, requirements 25%, close 2026-12-15
constexpr std::int64_t ZS001_W = ZS001 * 25 / 100;        // = 62,500,000 exactly
constexpr std::int64_t ZS002 = 1'200'000'50;               // CNY 1,200,000.50, tender 90%, close 2026-11-30
constexpr std::int64_t ZS002_W = ZS002 * 90 / 100;        // 10,800,004,500 / 100 = 108,000,045 exactly
constexpr std::int64_t ZS004 = 333'333'33;                 // CNY 333,333.33, lead 5%, close 2027-03-31
constexpr std::int64_t ZS004_W = 1'666'667;                // 33,333,333 × 5 = 166,666,665; /100 = 1,666,666.65 → 1,666,667
constexpr std::int64_t LN001 = 71'000'036;                 // USD 100,000.05 = 10,000,005 × 7.1 = 71,000,035.5 → 71,000,036 (half up)
constexpr std::int64_t LN001_W = 31'950'016;               // solution 45%: 71,000,036 × 45 = 3,195,001,620; /100 = 31,950,016.2 → 31,950,016
constexpr std::int64_t LN002 = 15'500'078;                 // EUR 20,000.10 = 2,000,010 × 7.75 = 15,500,077.5 → 15,500,078 (half up)
constexpr std::int64_t LN002_W = 3'875'020;                // requirements 25%: 15,500,078 × 25 = 387,501,950; /100 = 3,875,019.5 → 3,875,020
constexpr std::int64_t WW002 = 4'000'000'00;               // CNY 4,000,000, relations 80%, close 2027-01-01
constexpr std::int64_t WW002_W = WW002 * 80 / 100;        // = 320,000,000 exactly
// Won: in full, in the period of closed_on.
constexpr std::int64_t ZS003 = 800'000'00;    // won 2026-10-20
constexpr std::int64_t LN004 = 900'000'00;    // won 2026-07-15
constexpr std::int64_t WW003 = 1'500'000'00;  // won 2026-11-18
// Lost and abandoned count nothing: LN-003 (CNY 600,000, lost 2026-11-05), WW-001 (CNY 300,000, abandoned 2026-10-08).

const Repository& fixture() {
    static const Repository repo = load_repository({std::filesystem::path(PIPELINE_TEST_DATA) / "fixtures" / "forecast", {}, {}});
    return repo;
}
const Process& process() { return *fixture().process; }

const Project& project(std::string_view id) {
    for (const Project& p : fixture().projects)
        if (p.id == id) return p;
    FAIL("no project " << id);
    static const Project none;
    return none;
}

Date d(std::string_view text) { return *Date::parse(text); }
Money m(std::int64_t cents) { return Money{cents}; }

DateRange range(const std::string& period, const std::string& from = "", const std::string& to = "") {
    auto r = make_range(period, from, to);
    REQUIRE(std::holds_alternative<DateRange>(r));
    return std::get<DateRange>(r);
}

Forecast run(std::vector<GroupKey> by, DateRange dates = {}, std::vector<std::string> filter = {},
             std::optional<Date> as_of = {}) {
    auto query = parse_query(filter, process());
    REQUIRE(std::holds_alternative<Query>(query));
    const std::vector<Project> projects = as_of ? projects_as_of(fixture().projects, *as_of, process()) : fixture().projects;
    return forecast(projects, process(), {std::move(by), std::move(dates), std::get<Query>(query)});
}

std::vector<std::string> order(const Forecast& f, std::size_t key = 0) {
    std::vector<std::string> out;
    for (const ForecastGroup& g : f.groups) out.push_back(g.keys.at(key).value);
    return out;
}

const ForecastGroup& group(const Forecast& f, std::vector<std::string> values) {
    for (const ForecastGroup& g : f.groups) {
        std::vector<std::string> have;
        for (const GroupValue& k : g.keys) have.push_back(k.value);
        if (have == values) return g;
    }
    FAIL("no group " << values.front());
    static const ForecastGroup none;
    return none;
}

// The total row is exactly the sum of the rows.
void check_total_is_sum(const Forecast& f) {
    Figures sum;
    for (const ForecastGroup& g : f.groups) sum += g.figures;
    CHECK(sum == f.total);
}

}  // namespace

TEST_CASE("forecast fixture: loads and passes the checks that figures depend on") {
    REQUIRE(fixture().process);
    CHECK(fixture().projects.size() == 11);
    CHECK(fixture().diagnostics.empty());
    CHECK(figure_errors(fixture().diagnostics, fixture().projects, process(), d("2026-11-23"), true).empty());
}

TEST_CASE("valuation: conversion to the base currency rounds halves away from zero") {
    CHECK(converted_amount(project("ZS-002"), process()) == m(ZS002));  // CNY: unchanged
    CHECK(converted_amount(project("LN-001"), process()) == m(LN001));  // USD, a half cent rounded up
    CHECK(converted_amount(project("LN-002"), process()) == m(LN002));  // EUR, a half cent rounded up
    CHECK(project("LN-001").amount == m(10'000'005));                   // the file's amount stays in USD
}

TEST_CASE("valuation: weighted value is the converted amount × stage probability, to the cent") {
    CHECK(weighted_value(project("ZS-001"), process()) == m(ZS001_W));
    CHECK(weighted_value(project("ZS-002"), process()) == m(ZS002_W));
    CHECK(weighted_value(project("ZS-004"), process()) == m(ZS004_W));  // .65 of a cent rounds up
    CHECK(weighted_value(project("LN-001"), process()) == m(LN001_W));  // .2 of a cent rounds down
    CHECK(weighted_value(project("LN-002"), process()) == m(LN002_W));  // exactly half a cent rounds up
    CHECK(weighted_value(project("WW-002"), process()) == m(WW002_W));
    CHECK(stage_probability(project("LN-001"), process()) == 45);
}

TEST_CASE("valuation: what a project adds to the forecast depends on its status") {
    CHECK(forecast_value(project("ZS-001"), process()) == m(ZS001_W));  // open: weighted
    CHECK(forecast_value(project("ZS-003"), process()) == m(ZS003));    // won: in full (contract stage is 100% anyway)
    CHECK(forecast_value(project("LN-003"), process()) == m(0));        // lost: nothing, though it stood at tender 90%
    CHECK(forecast_value(project("WW-001"), process()) == m(0));        // abandoned: nothing
    CHECK(weighted_value(project("LN-003"), process()) == m(600'000'00LL * 90 / 100));  // the arithmetic alone ignores status
}

TEST_CASE("valuation: forecast categories from thresholds, overrides, outcomes") {
    // commit ≥ 80, best_case ≥ 45, else pipeline.
    CHECK(forecast_category(project("ZS-002"), process()) == Category::commit);     // tender 90
    CHECK(forecast_category(project("LN-001"), process()) == Category::best_case);  // solution 45: exactly the minimum
    CHECK(forecast_category(project("ZS-001"), process()) == Category::pipeline);   // requirements 25
    CHECK(forecast_category(project("ZS-004"), process()) == Category::pipeline);   // lead 5
    CHECK(forecast_category(project("LN-002"), process()) == Category::commit);     // requirements 25, override commit
    CHECK(forecast_category(project("WW-002"), process()) == Category::best_case);  // relations 80, override best_case
    CHECK(forecast_category(project("ZS-003"), process()) == Category::closed);     // won
    CHECK(!forecast_category(project("LN-003"), process()));                        // lost: none
    CHECK(!forecast_category(project("WW-001"), process()));                        // abandoned: none

    Project open_marked_closed = project("ZS-001");
    open_marked_closed.forecast_category = "closed";  // only for won projects: ignored on an open one
    CHECK(forecast_category(open_marked_closed, process()) == Category::pipeline);
    Project won_marked_commit = project("ZS-003");
    won_marked_commit.forecast_category = "commit";  // a won project is closed whatever it says
    CHECK(forecast_category(won_marked_commit, process()) == Category::closed);

    CHECK(category_for_probability(79, process().categories) == Category::best_case);
    CHECK(category_for_probability(80, process().categories) == Category::commit);
    CHECK(category_for_probability(44, process().categories) == Category::pipeline);
    CHECK(parse_category("best_case") == Category::best_case);
    CHECK(!parse_category("best-case"));
}

TEST_CASE("valuation: the period date is expected_close while open, closed_on once closed") {
    CHECK(period_date(project("ZS-002")) == d("2026-11-30"));
    CHECK(period_date(project("ZS-003")) == d("2026-10-20"));  // expected_close 2026-10-31 no longer matters
    CHECK(period_date(project("LN-003")) == d("2026-11-05"));
    Project no_close = project("ZS-002");
    no_close.expected_close.reset();
    CHECK(!period_date(no_close));
}

TEST_CASE("forecast: the total of every project") {
    const Forecast f = run({});
    CHECK(f.groups.empty());
    CHECK(f.total.projects == 11);
    CHECK(f.total.open == 6);
    CHECK(f.total.won == 3);
    CHECK(f.total.lost == 1);
    CHECK(f.total.abandoned == 1);
    CHECK(f.total.open_amount == m(ZS001 + ZS002 + ZS004 + LN001 + LN002 + WW002));  // 8,898,334.97
    CHECK(f.total.open_amount == m(889'833'497));
    CHECK(f.total.won_amount == m(ZS003 + LN004 + WW003));  // 3,200,000.00
    CHECK(f.total.amount == m(ZS001 + ZS002 + ZS004 + LN001 + LN002 + WW002 + ZS003 + LN004 + WW003));
    CHECK(f.total.weighted_open == m(ZS001_W + ZS002_W + ZS004_W + LN001_W + LN002_W + WW002_W));  // 5,279,917.48
    CHECK(f.total.weighted_open == m(527'991'748));
    CHECK(f.total.weighted == m(527'991'748 + 320'000'000));  // weighted open + won = 8,479,917.48
    CHECK(!f.total_target);  // no dates chosen: no span to hold a target against
    CHECK(!f.any_target);
}

TEST_CASE("forecast --by month: periods in date order, won by closed_on, open by expected_close") {
    const Forecast f = run({GroupKey::month});
    CHECK(order(f) == std::vector<std::string>{"2026-07", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"});
    const auto& oct = group(f, {"2026-10"});  // ZS-003 won 10-20, WW-001 abandoned 10-08
    CHECK(oct.figures.projects == 2);
    CHECK(oct.figures.abandoned == 1);
    CHECK(oct.figures.weighted == m(ZS003));
    const auto& nov = group(f, {"2026-11"});  // ZS-002 open 11-30, LN-003 lost 11-05, WW-003 won 11-18
    CHECK(nov.figures.projects == 3);
    CHECK(nov.figures.amount == m(ZS002 + WW003));
    CHECK(nov.figures.weighted == m(ZS002_W + WW003));
    const auto& dec = group(f, {"2026-12"});  // ZS-001 12-15, LN-002 12-31 (the last day still counts)
    CHECK(dec.figures.weighted == m(ZS001_W + LN002_W));
    CHECK(group(f, {"2027-01"}).figures.weighted == m(WW002_W));  // WW-002 on 2027-01-01
    // Month targets: the team has none of its own; wang.wu's monthly ones stand in for it.
    REQUIRE(nov.target);
    CHECK(nov.target->target == m(1'000'000'00));
    CHECK(nov.target->permille == 1500);           // 1,500,000 won ÷ 1,000,000 = 150.0%
    CHECK(nov.target->remaining == m(0));
    CHECK(!nov.target->coverage);                  // nothing remains to cover
    CHECK(group(f, {"2026-12"}).target->target == m(1'500'000'00));
    CHECK(!group(f, {"2026-07"}).target);          // no target of anyone is a month of July
    check_total_is_sum(f);
}

TEST_CASE("forecast --by quarter: with targets, attainment and coverage") {
    const Forecast f = run({GroupKey::quarter});
    CHECK(order(f) == std::vector<std::string>{"2026Q3", "2026Q4", "2027Q1"});
    const auto& q3 = group(f, {"2026Q3"});  // LN-004 won
    CHECK(q3.figures.projects == 1);
    CHECK(q3.figures.won_amount == m(LN004));
    // The team has no 2026Q3 target: the owners' ones add up instead — only zhang.san's 2,000,000.
    REQUIRE(q3.target);
    CHECK(q3.target->target == m(2'000'000'00));
    CHECK(q3.target->permille == 450);  // 900,000 ÷ 2,000,000 = 45.0%
    CHECK(q3.target->remaining == m(1'100'000'00));
    CHECK(q3.target->coverage == 0);    // nothing open in Q3

    const auto& q4 = group(f, {"2026Q4"});  // ZS-001, ZS-002, LN-002 open; ZS-003, WW-003 won; LN-003 lost; WW-001 abandoned
    CHECK(q4.figures.projects == 7);
    CHECK(q4.figures.open == 3);
    CHECK(q4.figures.won == 2);
    CHECK(q4.figures.lost == 1);
    CHECK(q4.figures.abandoned == 1);
    CHECK(q4.figures.amount == m(ZS001 + ZS002 + LN002 + ZS003 + WW003));  // 6,155,001.28
    CHECK(q4.figures.amount == m(615'500'128));
    CHECK(q4.figures.weighted_open == m(ZS001_W + ZS002_W + LN002_W));    // 1,743,750.65
    CHECK(q4.figures.weighted_open == m(174'375'065));
    CHECK(q4.figures.won_amount == m(ZS003 + WW003));                       // 2,300,000.00
    CHECK(q4.figures.weighted == m(174'375'065 + 230'000'000));
    REQUIRE(q4.target);
    CHECK(q4.target->target == m(8'000'000'00));  // the team's own 2026Q4 target
    CHECK(q4.target->permille == 288);            // 2,300,000 ÷ 8,000,000 = 28.75% → 28.8 (half away from zero)
    CHECK(q4.target->remaining == m(5'700'000'00));
    CHECK(q4.target->coverage == 31);             // 1,743,750.65 ÷ 5,700,000 = 0.3059… → 0.31

    const auto& q1 = group(f, {"2027Q1"});  // ZS-004, LN-001, WW-002 open
    CHECK(q1.figures.weighted == m(ZS004_W + LN001_W + WW002_W));  // 3,536,166.83
    CHECK(q1.figures.weighted == m(353'616'683));
    REQUIRE(q1.target);
    CHECK(q1.target->target == m(1'000'000'00));  // li.na's 2027Q1, standing in for the team
    CHECK(q1.target->permille == 0);
    CHECK(q1.target->coverage == 354);             // 3,536,166.83 ÷ 1,000,000 = 3.536… → 3.54
    check_total_is_sum(f);
    CHECK(!f.total_target);
    CHECK(f.any_target);
}

TEST_CASE("forecast --by year: the team's yearly target; 2027 has none") {
    const Forecast f = run({GroupKey::year});
    CHECK(order(f) == std::vector<std::string>{"2026", "2027"});
    const auto& y2026 = group(f, {"2026"});
    CHECK(y2026.figures.projects == 8);
    CHECK(y2026.figures.won_amount == m(ZS003 + LN004 + WW003));
    REQUIRE(y2026.target);
    CHECK(y2026.target->target == m(20'000'000'00));
    CHECK(y2026.target->permille == 160);  // 3,200,000 ÷ 20,000,000 = 16.0%
    CHECK(y2026.target->remaining == m(20'000'000'00 - 3'200'000'00));
    CHECK(y2026.target->coverage == 10);   // open in 2026 ÷ remaining: 1,743,750.65 ÷ 16,800,000 = 0.1037… → 0.10
    CHECK(!group(f, {"2027"}).target);     // li.na's 2027Q1 does not tile the year
    check_total_is_sum(f);
}

TEST_CASE("forecast --by owner: roster ids in order, names as labels") {
    const Forecast f = run({GroupKey::owner});
    CHECK(order(f) == std::vector<std::string>{"li.na", "wang.wu", "zhang.san"});
    CHECK(f.groups[0].keys[0].label == "李娜");
    const auto& ln = group(f, {"li.na"});  // LN-001, LN-002 open; LN-003 lost; LN-004 won
    CHECK(ln.figures.projects == 4);
    CHECK(ln.figures.amount == m(LN001 + LN002 + LN004));
    CHECK(ln.figures.weighted == m(LN001_W + LN002_W + LN004));
    const auto& ww = group(f, {"wang.wu"});  // WW-002 open, WW-003 won, WW-001 abandoned
    CHECK(ww.figures.weighted == m(WW002_W + WW003));
    const auto& zs = group(f, {"zhang.san"});
    CHECK(zs.figures.weighted == m(ZS001_W + ZS002_W + ZS004_W + ZS003));
    CHECK(!zs.target);  // all dates: no span for a target
    check_total_is_sum(f);
}

TEST_CASE("forecast --by owner --period 2026Q4: owner targets, tiled months, team total") {
    const Forecast f = run({GroupKey::owner}, range("2026Q4"));
    const auto& ln = group(f, {"li.na"});  // LN-002 open, LN-003 lost
    CHECK(ln.figures.projects == 2);
    CHECK(ln.target->target == m(2'500'000'00));
    CHECK(ln.target->permille == 0);
    CHECK(ln.target->coverage == 2);  // 38,750.20 ÷ 2,500,000 = 0.0155 → 0.02
    const auto& ww = group(f, {"wang.wu"});
    CHECK(ww.target->target == m(1'000'000'00 + 1'000'000'00 + 1'500'000'00));  // October + November + December
    CHECK(ww.target->permille == 429);  // 1,500,000 ÷ 3,500,000 = 42.857% → 42.9
    CHECK(ww.target->coverage == 0);    // nothing open, 2,000,000 to go
    const auto& zs = group(f, {"zhang.san"});
    CHECK(zs.target->target == m(3'000'000'00));
    CHECK(zs.target->permille == 267);  // 800,000 ÷ 3,000,000 = 26.67% → 26.7
    CHECK(zs.target->coverage == 78);   // (62,500,000 + 108,000,045) ÷ 220,000,000 = 0.77500… → 0.78
    REQUIRE(f.total_target);
    CHECK(f.total_target->target == m(8'000'000'00));  // the team's, not the owners' 8,000,000 by chance
    CHECK(f.total_target->permille == 288);
    check_total_is_sum(f);
}

TEST_CASE("forecast --by owner --period 2026Q3: an owner with a target and no projects still appears") {
    const Forecast f = run({GroupKey::owner}, range("2026Q3"));
    CHECK(order(f) == std::vector<std::string>{"li.na", "zhang.san"});
    CHECK(!group(f, {"li.na"}).target);  // li.na has no 2026Q3 target
    const auto& zs = group(f, {"zhang.san"});
    CHECK(zs.figures == Figures{});
    CHECK(zs.target->target == m(2'000'000'00));
    CHECK(zs.target->permille == 0);
    // The total: no team target of its own, so the owners' (zhang.san's) 2,000,000; li.na's 900,000 won counts.
    CHECK(f.total_target->target == m(2'000'000'00));
    CHECK(f.total_target->permille == 450);
    check_total_is_sum(f);
}

TEST_CASE("forecast --by owner,quarter: one row per owner and quarter, targets per pair") {
    const Forecast f = run({GroupKey::owner, GroupKey::quarter});
    CHECK(f.groups.size() == 8);
    CHECK(order(f, 0) == std::vector<std::string>{"li.na", "li.na", "li.na", "wang.wu", "wang.wu", "zhang.san", "zhang.san",
                                                  "zhang.san"});
    CHECK(order(f, 1) == std::vector<std::string>{"2026Q3", "2026Q4", "2027Q1", "2026Q4", "2027Q1", "2026Q3", "2026Q4",
                                                  "2027Q1"});
    CHECK(!group(f, {"li.na", "2026Q3"}).target);
    CHECK(group(f, {"li.na", "2027Q1"}).target->target == m(1'000'000'00));
    CHECK(group(f, {"li.na", "2027Q1"}).target->coverage == 32);  // 31,950,016 ÷ 100,000,000 = 0.3195… → 0.32
    CHECK(group(f, {"wang.wu", "2026Q4"}).target->target == m(3'500'000'00));
    CHECK(!group(f, {"wang.wu", "2027Q1"}).target);
    CHECK(group(f, {"zhang.san", "2026Q3"}).figures.projects == 0);  // from the target alone
    CHECK(group(f, {"zhang.san", "2026Q4"}).figures.weighted == m(ZS001_W + ZS002_W + ZS003));
    CHECK(group(f, {"zhang.san", "2027Q1"}).figures.weighted == m(ZS004_W));
    CHECK(!group(f, {"zhang.san", "2027Q1"}).target);
    check_total_is_sum(f);
}

TEST_CASE("forecast --by stage: process order; no targets for stages") {
    const Forecast f = run({GroupKey::stage}, range("2026"));
    CHECK(order(f) == std::vector<std::string>{"initiation", "requirements", "tender", "contract"});
    CHECK(f.groups[2].keys[0].label == "招投标");
    const auto& tender = group(f, {"tender"});  // ZS-002 open, LN-003 lost
    CHECK(tender.figures.projects == 2);
    CHECK(tender.figures.weighted == m(ZS002_W));
    CHECK(group(f, {"requirements"}).figures.weighted == m(ZS001_W + LN002_W));
    CHECK(group(f, {"contract"}).figures.weighted == m(ZS003 + LN004 + WW003));
    CHECK(!tender.target);
    REQUIRE(f.total_target);  // the whole of 2026 is still every project: the team's target applies
    CHECK(f.total_target->target == m(20'000'000'00));
    check_total_is_sum(f);
    CHECK(order(run({GroupKey::stage})) ==
          std::vector<std::string>{"lead", "initiation", "requirements", "solution", "relations", "tender", "contract"});
}

TEST_CASE("forecast --by customer, industry, source: Chinese names by pinyin, then Latin ones") {
    const Forecast c = run({GroupKey::customer});
    // qu, sheng, shi (di tie, di er, di yi, ji), xian; 地 and 第 are both dì, ICU's order then.
    CHECK(order(c) == std::vector<std::string>{"某区人民政府", "某省教育厅", "某市地铁集团", "某市第二人民医院",
                                               "某市第一人民医院", "某市机械厂", "某县水务局", "Acme Trading Co."});
    const auto& hospital = group(c, {"某市第一人民医院"});  // ZS-002 open, WW-003 won
    CHECK(hospital.figures.amount == m(ZS002 + WW003));
    CHECK(hospital.figures.weighted == m(ZS002_W + WW003));
    const auto& factory = group(c, {"某市机械厂"});  // ZS-001 open, LN-003 lost
    CHECK(factory.figures.projects == 2);
    CHECK(factory.figures.amount == m(ZS001));
    CHECK(group(c, {"Acme Trading Co."}).figures.amount == m(LN001));
    check_total_is_sum(c);

    const Forecast i = run({GroupKey::industry});
    CHECK(order(i) == std::vector<std::string>{"交通", "教育", "贸易", "水利", "卫生", "政府", "制造业"});
    CHECK(group(i, {"卫生"}).figures.weighted == m(ZS002_W + ZS003 + WW003));
    CHECK(group(i, {"教育"}).figures.weighted == m(LN002_W + LN004));
    CHECK(group(i, {"水利"}).figures.weighted == m(0));  // WW-001 abandoned: counted, worth nothing
    CHECK(group(i, {"水利"}).figures.projects == 1);
    check_total_is_sum(i);

    const Forecast s = run({GroupKey::source});
    CHECK(order(s) == std::vector<std::string>{"合作伙伴", "老客户", "网络平台", "展会", "转介绍"});
    CHECK(group(s, {"展会"}).figures.weighted == m(ZS001_W + LN002_W));  // LN-003 lost adds nothing
    CHECK(group(s, {"网络平台"}).figures.weighted == m(ZS004_W + LN001_W));
    CHECK(group(s, {"合作伙伴"}).figures.weighted == m(WW002_W + WW003));
    check_total_is_sum(s);
}

TEST_CASE("forecast --by category: closed, commit, best case, pipeline, then none") {
    const Forecast f = run({GroupKey::category});
    CHECK(order(f) == std::vector<std::string>{"closed", "commit", "best_case", "pipeline", ""});
    CHECK(group(f, {"closed"}).figures.weighted == m(ZS003 + LN004 + WW003));
    CHECK(group(f, {"commit"}).figures.weighted == m(ZS002_W + LN002_W));     // LN-002 by override
    CHECK(group(f, {"best_case"}).figures.weighted == m(LN001_W + WW002_W));  // WW-002 by override
    CHECK(group(f, {"pipeline"}).figures.weighted == m(ZS001_W + ZS004_W));
    const auto& none = group(f, {""});
    CHECK(none.keys[0].label == "(none)");
    CHECK(none.figures.projects == 2);  // LN-003 lost, WW-001 abandoned
    CHECK(none.figures.amount == m(0));
    check_total_is_sum(f);
}

TEST_CASE("forecast: period forms select by the period date, the end exclusive") {
    CHECK(run({}, range("2026")).total.projects == 8);
    CHECK(run({}, range("2027")).total.weighted == m(ZS004_W + LN001_W + WW002_W));
    const Forecast nov = run({}, range("2026-11"));
    CHECK(nov.total.projects == 3);
    CHECK(nov.total.weighted == m(ZS002_W + WW003));
    REQUIRE(nov.total_target);
    CHECK(nov.total_target->target == m(1'000'000'00));  // wang.wu's November, for want of a team one
    // --from/--to: the end is the first day after the range.
    CHECK(run({}, range("", "2026-10-01", "2026-12-31")).total.weighted == m(ZS001_W + ZS002_W + ZS003 + WW003));
    CHECK(run({}, range("", "2026-10-01", "2027-01-01")).total.weighted == run({}, range("2026Q4")).total.weighted);
    CHECK(run({}, range("", "2026-10-01", "2027-01-01")).total_target->target == m(8'000'000'00));
    CHECK(run({}, range("", "2027-01-01")).total.weighted == m(ZS004_W + LN001_W + WW002_W));  // from only
    CHECK(run({}, range("", "", "2026-10-01")).total.weighted == m(LN004));                   // to only
    CHECK(!run({}, range("", "2027-01-01")).total_target);
    // A range of two quarters: zhang.san's Q3 and Q4 targets tile it.
    const Forecast h2 = run({}, range("", "2026-07-01", "2027-01-01"), {"owner:zhang.san"});
    CHECK(h2.total_target->target == m(2'000'000'00 + 3'000'000'00));
    CHECK(h2.total.weighted == m(ZS001_W + ZS002_W + ZS003));
}

TEST_CASE("forecast: ranges that are not understood") {
    auto error = [](const std::string& p, const std::string& from, const std::string& to) {
        auto r = make_range(p, from, to);
        REQUIRE(std::holds_alternative<DateRangeError>(r));
        return std::get<DateRangeError>(r).message;
    };
    CHECK(error("2026Q5", "", "") == "--period \"2026Q5\": write a year (2026), a quarter (2026Q4) or a month (2026-11)");
    CHECK(error("2026", "2026-01-01", "") == "--period and --from/--to exclude each other");
    CHECK(error("", "2026-02-30", "") == "--from \"2026-02-30\" is not a date (YYYY-MM-DD)");
    CHECK(error("", "", "tomorrow") == "--to \"tomorrow\" is not a date (YYYY-MM-DD)");
    CHECK(error("", "2026-12-01", "2026-12-01") ==
          "--from 2026-12-01 is not before --to 2026-12-01 (--to is the first day after the range)");
    CHECK(range("2026-11").label == "2026-11");
    CHECK(range("", "2026-11-01", "").label.empty());
}

TEST_CASE("targets: tiling, team fallback, gaps") {
    const Process& p = process();
    CHECK(target_for(p, "", d("2026-01-01"), d("2027-01-01")) == m(20'000'000'00));
    CHECK(target_for(p, "", d("2026-10-01"), d("2027-01-01")) == m(8'000'000'00));
    CHECK(target_for(p, "wang.wu", d("2026-10-01"), d("2027-01-01")) == m(3'500'000'00));  // three months
    CHECK(target_for(p, "wang.wu", d("2026-11-01"), d("2026-12-01")) == m(1'000'000'00));
    CHECK(!target_for(p, "wang.wu", d("2026-01-01"), d("2027-01-01")));  // January to September: a gap
    CHECK(!target_for(p, "li.na", d("2026-01-01"), d("2027-01-01")));
    CHECK(!target_for(p, "li.si", d("2026-10-01"), d("2027-01-01")));  // no targets at all
    CHECK(!target_for(p, "zhang.san", d("2026-10-15"), d("2027-01-01")));  // half a month: nothing starts there
    CHECK(!target_for(p, "", d("2026-10-01"), d("2026-10-01")));       // empty span
    // The team in 2026Q3 has none: zhang.san's 2,000,000 is the sum of the owners'.
    CHECK(target_for(p, "", d("2026-07-01"), d("2026-10-01")) == m(2'000'000'00));
    // 2026-10: the team has nothing that short; the owners' October targets: wang.wu alone.
    CHECK(target_for(p, "", d("2026-10-01"), d("2026-11-01")) == m(1'000'000'00));
    CHECK(!target_for(p, "", d("2028-01-01"), d("2029-01-01")));
    // The longest target that fits wins: the team's year, not its Q4 plus a gap.
    Process dup = p;
    dup.targets.push_back({"zhang.san", *parse_period("2026Q4"), m(1'000'000'00)});
    CHECK(target_for(dup, "zhang.san", d("2026-10-01"), d("2027-01-01")) == m(4'000'000'00));  // two for one period add up
}

TEST_CASE("targets: attainment and coverage arithmetic") {
    Figures f;
    f.won_amount = m(2'300'000'00);
    f.weighted_open = m(174'375'065);
    const Attainment a = attainment(m(8'000'000'00), f);
    CHECK(a.remaining == m(5'700'000'00));
    CHECK(a.permille == 288);
    CHECK(a.coverage == 31);
    const Attainment over = attainment(m(1'000'000'00), f);  // won more than the target
    CHECK(over.remaining == m(0));
    CHECK(over.permille == 2300);
    CHECK(!over.coverage);
    const Attainment zero = attainment(m(0), f);
    CHECK(!zero.permille);
    CHECK(!zero.coverage);
}

TEST_CASE("forecast: a filter narrows the projects and decides whether targets apply") {
    const Forecast zs = run({}, range("2026Q4"), {"owner:zhang.san"});
    CHECK(zs.targets_apply);
    CHECK(zs.total.weighted == m(ZS001_W + ZS002_W + ZS003));
    REQUIRE(zs.total_target);
    CHECK(zs.total_target->target == m(3'000'000'00));  // zhang.san's, not the team's
    const Forecast by_name = run({}, range("2026Q4"), {"owner:张三"});
    CHECK(by_name.total == zs.total);
    CHECK(by_name.total_target->target == m(3'000'000'00));

    const Forecast tender = run({GroupKey::owner}, range("2026Q4"), {"stage:tender"});
    CHECK(!tender.targets_apply);  // a part of what owners sell has no target
    CHECK(!tender.total_target);
    CHECK(!tender.any_target);
    CHECK(tender.total.weighted == m(ZS002_W));  // LN-003 is lost, at tender
    CHECK(tender.total.projects == 2);

    const Forecast big = run({}, {}, {"amount>=1000000"});  // in CNY: LN-001 (710,000.36) is out
    CHECK(big.total.weighted == m(ZS001_W + ZS002_W + WW002_W + WW003));
    CHECK(big.total.projects == 4);  // ZS-001, ZS-002, WW-002, WW-003; LN-003 (600,000) and the rest are below
}

TEST_CASE("forecast --as-of: stage and status rebuilt from history") {
    const Date as_of = d("2026-11-16");
    // ZS-002 was at relations (80%) until 2026-11-17: 120,000,050 × 80 / 100 = 96,000,040.
    const auto zs002 = project_as_of(project("ZS-002"), as_of, process());
    REQUIRE(zs002);
    CHECK(zs002->stage == process().stage_index("relations"));
    CHECK(weighted_value(*zs002, process()) == m(1'200'000'50LL * 80 / 100));
    // WW-003 was open at tender (90%), won only on 2026-11-18; it falls on its expected_close 2026-11-20.
    const auto ww003 = project_as_of(project("WW-003"), as_of, process());
    REQUIRE(ww003);
    CHECK(ww003->status == Status::open);
    CHECK(!ww003->closed_on);
    CHECK(forecast_value(*ww003, process()) == m(1'500'000'00LL * 90 / 100));
    CHECK(period_date(*ww003) == d("2026-11-20"));
    // ZS-004 was first recorded on 2026-11-20: it did not exist yet.
    CHECK(!project_as_of(project("ZS-004"), as_of, process()));
    // LN-003 was lost on 2026-11-05: the entry on the day itself counts.
    CHECK(project_as_of(project("LN-003"), d("2026-11-05"), process())->status == Status::lost);
    CHECK(project_as_of(project("LN-003"), d("2026-11-05"), process())->closed_on == d("2026-11-05"));
    CHECK(project_as_of(project("LN-003"), d("2026-11-04"), process())->status == Status::open);
    CHECK(project_as_of(project("LN-003"), d("2026-11-04"), process())->stage == process().stage_index("tender"));

    const Forecast f = run({GroupKey::quarter}, {}, {}, as_of);
    CHECK(f.total.projects == 10);
    const auto& q4 = group(f, {"2026Q4"});
    CHECK(q4.figures.open == 4);  // ZS-001, ZS-002, LN-002, WW-003
    CHECK(q4.figures.won == 1);   // ZS-003
    CHECK(q4.figures.weighted == m(ZS001_W + 96'000'040 + LN002_W + 135'000'000 + ZS003));  // 3,773,750.60
    CHECK(q4.figures.weighted == m(62'500'000 + 96'000'040 + 3'875'020 + 135'000'000 + 80'000'000));
    CHECK(group(f, {"2027Q1"}).figures.weighted == m(LN001_W + WW002_W));  // ZS-004 left out
    check_total_is_sum(f);
}

TEST_CASE("--as-of: before any history, after all of it, and a reopened project") {
    CHECK(projects_as_of(fixture().projects, d("2026-01-09"), process()).empty());
    const auto jan = projects_as_of(fixture().projects, d("2026-01-31"), process());
    REQUIRE(jan.size() == 1);  // LN-004, recorded on 2026-01-10
    CHECK(jan[0].id == "LN-004");
    CHECK(jan[0].stage == process().stage_index("lead"));
    CHECK(jan[0].status == Status::open);
    // On or after the last entry every project is as its file says.
    for (const Project& p : fixture().projects) {
        const auto now = project_as_of(p, d("2026-11-23"), process());
        REQUIRE(now);
        CHECK(now->stage == p.stage);
        CHECK(now->status == p.status);
        CHECK(now->closed_on == p.closed_on);
    }
    Project reopened = project("LN-003");
    HistoryEntry reopen;
    reopen.date = d("2026-11-10");
    reopen.to = process().stage_index("tender");
    reopen.to_text = "tender";
    reopen.note = "客户重新招标";
    reopened.history.push_back(reopen);
    reopened.status = Status::open;
    reopened.closed_on.reset();
    const auto lost = project_as_of(reopened, d("2026-11-07"), process());
    CHECK(lost->status == Status::lost);
    CHECK(lost->closed_on == d("2026-11-05"));
    const auto again = project_as_of(reopened, d("2026-11-10"), process());
    CHECK(again->status == Status::open);
    CHECK(!again->closed_on);
}

TEST_CASE("figure_errors: errors that change figures stop a forecast, others do not") {
    std::vector<Project> projects = fixture().projects;
    projects[0].currency = "JPY";         // unknown: rule currency
    projects[1].stage = -1;               // unknown stage
    projects[1].stage_text = "tendr";
    projects[2].history.clear();          // rule history: only with --as-of
    projects[3].status = Status::won;     // won without closed_on (and a gate or two)
    projects[3].closed_on.reset();
    const Diagnostics errors = figure_errors({}, projects, process(), d("2026-11-23"), false);
    std::vector<std::string> rules;
    for (const Diagnostic& e : errors.items()) rules.push_back(e.rule);
    CHECK(rules == std::vector<std::string>{"currency", "stage", "closed-on"});
    CHECK(figure_errors({}, projects, process(), d("2026-11-23"), true).items().size() == 4);
    Diagnostics loading;
    loading.error("projects/X.yaml", {3, 9}, "amount", "amount \"1,000\" has a thousands separator");
    loading.warning("projects/X.yaml", {4, 1}, "unknown-key", "unknown key");
    CHECK(figure_errors(loading, fixture().projects, process(), d("2026-11-23"), false).items().size() == 1);
}
