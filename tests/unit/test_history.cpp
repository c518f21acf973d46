// Figures over history: the points of a trend, a trend point's figures, slippage followed
// commit by commit, and what the forecast said for a period — against figures worked out by
// hand. Amounts in cents (CNY) unless said; the arithmetic is next to each figure.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "pipeline/figures/history.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

// Three stages (10 %, 50 %, 90 %); categories: best case from 50 %, commit from 90 %.
Process process() {
    return test::process_from(
        "currency: CNY\n"
        "stages:\n  - {id: a, name: 甲, probability: 10}\n  - {id: b, name: 乙, probability: 50}\n"
        "  - {id: c, name: 丙, probability: 90}\n"
        "forecast_categories: {commit: 90, best_case: 50, pipeline: 0}\n"
        "people:\n  - {id: zhang.san, name: 张三}\n  - {id: li.si, name: 李四}\n");
}

Project make(const Process& process, const std::string& id, const std::string& stage, const std::string& amount,
             const std::string& close, const std::string& status = "open", const std::string& owner = "zhang.san") {
    std::string text = fmt::format("id: {}\nname: 项目{}\ncustomer: {{name: 客户}}\nowner: {}\namount: {}\nstage: {}\n", id, id,
                                   owner, amount, stage);
    if (status == "open") text += "expected_close: " + close + "\n";
    else text += "status: " + status + "\nclosed_on: " + close + "\n";
    text += "history:\n  - {date: 2026-01-05, to: " + stage + "}\n";
    return test::project_from(text, process, "projects/" + id + ".yaml");
}

}  // namespace

TEST_CASE("history: points every week or month, from and to both included") {
    const auto weeks = points_between(test::date("2026-11-02"), test::date("2026-11-23"), Every::week, 100);
    REQUIRE(weeks);
    CHECK(weeks->size() == 4);
    CHECK(weeks->back() == test::date("2026-11-23"));
    // Months keep the day of the month, or the last day of a shorter one.
    const auto months = points_between(test::date("2026-01-31"), test::date("2026-04-30"), Every::month, 100);
    REQUIRE(months);
    std::string s;
    for (Date d : *months) s += d.iso() + " ";
    CHECK(s == "2026-01-31 2026-02-28 2026-03-31 2026-04-30 ");
    CHECK_FALSE(points_between(test::date("2000-01-01"), test::date("2026-01-01"), Every::week, 1000));
    CHECK(step_back(test::date("2026-03-31"), Every::month) == test::date("2026-02-28"));
    CHECK(step_back(test::date("2026-11-23"), Every::week) == test::date("2026-11-16"));
}

TEST_CASE("history: a trend point counts open projects, and its won figures come from the latest state") {
    const Process p = process();
    const std::vector<Project> projects{
        make(p, "A", "a", "100000", "2027-03-01"),                    // open, 10 %: weighted 10,000; pipeline
        make(p, "B", "b", "200000.50", "2026-12-20"),                 // open, 50 %: 100,000.25; best case
        make(p, "C", "c", "300000", "2026-12-01", "open", "li.si"),   // open, 90 %: 270,000; commit
        make(p, "D", "c", "400000", "2026-11-20", "won"),             // won: not open
        make(p, "F", "b", "600000", "2026-11-18", "lost"),            // lost: nowhere
    };
    TrendRequest request;
    TrendPoint t = trend_point(projects, p, request, test::date("2026-11-23"));
    CHECK(t.total.open == 3);
    CHECK(t.total.amount == Money{60000050});          // 100,000 + 200,000.50 + 300,000
    CHECK(t.total.weighted == Money{38000025});        // 10,000 + 100,000.25 + 270,000
    CHECK(t.total.categories[0] == Money{10000000});   // pipeline: A
    CHECK(t.total.categories[1] == Money{20000050});   // best case: B
    CHECK(t.total.categories[2] == Money{30000000});   // commit: C
    CHECK(t.total.won == 0);
    CHECK(t.groups.empty());

    request.by = {GroupKey::owner};
    t = trend_point(projects, p, request, test::date("2026-11-23"));
    REQUIRE(t.groups.size() == 2);
    // Owners in the roster's pinyin order: 李四 (li) before 张三 (zhang).
    CHECK(t.groups[0].group[0].value == "li.si");
    CHECK(t.groups[0].figures.weighted == Money{27000000});
    CHECK(t.groups[1].figures.open == 2);

    // Wins by closed_on into the point whose step holds it: [11-10, 11-16] and [11-17, 11-23].
    std::vector<TrendPoint> points{trend_point(projects, p, request, test::date("2026-11-16")), t};
    points[0].won_from = test::date("2026-11-10");
    points[1].won_from = test::date("2026-11-17");
    const std::vector<Project> latest{
        make(p, "D", "c", "400000", "2026-11-20", "won"),                  // → 11-23
        make(p, "E", "c", "500000", "2026-11-16", "won", "li.si"),         // the point's own day → 11-16
        make(p, "G", "c", "700000", "2026-11-09", "won"),                  // before the first step: nowhere
        make(p, "H", "c", "800000", "2026-11-24", "won"),                  // after the last point: nowhere
    };
    add_won(points, latest, p, request);
    CHECK(points[0].total.won == 1);
    CHECK(points[0].total.won_amount == Money{50000000});
    CHECK(points[1].total.won == 1);
    CHECK(points[1].total.won_amount == Money{40000000});
    // The win joins its owner's row: 张三's at 11-23, a row of its own for 李四 at 11-16.
    CHECK(points[1].groups[1].figures.won_amount == Money{40000000});
    CHECK(points[0].groups[0].group[0].value == "li.si");
    CHECK(points[0].groups[0].figures.won == 1);
    TrendFigures sum = points[1].groups[0].figures;
    sum += points[1].groups[1].figures;
    CHECK(sum == points[1].total);
}

TEST_CASE("history: slippage follows each project's expected close and amount commit by commit") {
    const Process p = process();
    SlippageLedger ledger;
    ledger.start({make(p, "A", "a", "100000", "2026-12-31"), make(p, "B", "b", "200000", "2026-12-31")}, p);
    ledger.count_commit();
    // c1: A pushed 31 days; B untouched.
    ledger.observe(make(p, "A", "a", "100000", "2027-01-31"), p, "c1", "张三", test::date("2026-11-02"));
    ledger.count_commit();
    // c2: A pushed again 28 days and cut to 80,000; B pulled in 11 days.
    ledger.observe(make(p, "A", "a", "80000", "2027-02-28"), p, "c2", "李四", test::date("2026-11-09"));
    ledger.observe(make(p, "B", "b", "200000", "2026-12-20"), p, "c2", "李四", test::date("2026-11-09"));
    ledger.count_commit();
    // c3: B won: its closed_on is no slip, and a new project C starts where it is.
    ledger.observe(make(p, "B", "c", "200000", "2026-11-12", "won"), p, "c3", "张三", test::date("2026-11-16"));
    ledger.observe(make(p, "C", "a", "50000", "2027-06-30"), p, "c3", "张三", test::date("2026-11-16"));
    const std::vector<Project> latest{make(p, "A", "a", "80000", "2027-02-28"), make(p, "B", "c", "200000", "2026-11-12", "won"),
                                      make(p, "C", "a", "50000", "2027-06-30")};
    const Slippage s = ledger.finish(latest, p, {});
    CHECK(s.commits == 3);
    REQUIRE(s.projects.size() == 2);
    const ProjectSlippage& a = s.projects[0];
    CHECK(a.id == "A");
    CHECK(a.pushes == 2);
    CHECK(a.days_pushed == 59);  // 31 + 28
    CHECK(a.days_net == 59);
    CHECK(a.first_amount == Money{10000000});
    CHECK(a.last_amount == Money{8000000});
    REQUIRE(a.moves.size() == 2);
    CHECK(a.moves[1].commit == "c2");
    CHECK(a.moves[1].author == "李四");
    CHECK(a.moves[1].days == 28);
    const ProjectSlippage& b = s.projects[1];
    CHECK(b.id == "B");
    CHECK(b.pushes == 0);
    CHECK(b.pulls == 1);
    CHECK(b.days_net == -11);
    CHECK(b.moves.size() == 1);
    CHECK(s.pushes == 2);
    CHECK(s.pulls == 1);
    CHECK(s.amount_changes == 1);
    CHECK(s.days_pushed == 59);
    // A filter keeps the projects it selects in the latest state.
    auto parsed = parse_query({"id:B"}, p);
    REQUIRE(std::holds_alternative<Query>(parsed));
    CHECK(ledger.finish(latest, p, std::get<Query>(parsed)).projects.size() == 1);
}

TEST_CASE("history: what the forecast said for a period, and its error against what was won") {
    const Process p = process();
    const DateRange q4{test::date("2026-10-01"), test::date("2027-01-01"), "2026Q4"};
    const std::vector<Project> then{
        make(p, "A", "a", "100000", "2026-12-01"),   // 10 %: 10,000; pipeline
        make(p, "B", "b", "200000", "2026-11-15"),   // 50 %: 100,000; best case
        make(p, "C", "c", "300000", "2026-12-20"),   // 90 %: 270,000; commit
        make(p, "D", "c", "400000", "2026-10-20", "won"),
        make(p, "E", "c", "900000", "2027-02-01"),   // outside the period
    };
    const AccuracyPoint a = accuracy_point(then, p, {}, q4, test::date("2026-10-26"));
    CHECK(a.weighted == Money{78000000});      // 400,000 + 10,000 + 100,000 + 270,000
    CHECK(a.commit_amount == Money{70000000});  // 400,000 + 300,000
    CHECK(a.best_case == Money{90000000});     // + 200,000
    CHECK(a.won_so_far == Money{40000000});
    const std::vector<Project> now{make(p, "C", "c", "300000", "2026-12-18", "won"), make(p, "D", "c", "400000", "2026-10-20", "won"),
                                   make(p, "B", "b", "200000", "2026-11-15", "lost")};
    const Money actual = won_in(now, p, {}, q4);
    CHECK(actual == Money{70000000});
    // (780,000 − 700,000) ÷ 700,000 = 11.43 % → 114 tenths.
    CHECK(forecast_error(a.weighted, actual) == 114);
    CHECK(forecast_error(Money{100}, Money{0}) == std::nullopt);
    CHECK(forecast_error(Money{50}, Money{200}) == -750);
}
