// The reports on tests/fixtures/reports, against figures worked out by hand.
// Today is 2026-11-23; the default window is 2026 ([2026-01-01, 2027-01-01)). Amounts in
// cents (CNY); USD converts at 7. The arithmetic is written next to each figure.
//
// The fixture (stage probabilities: lead 10, initiation 20, requirements 40, solution 50,
// tender 80, contract 100; requirements and solution form a flexible group):
//   P01 王一 open lead          100,000          展会   history 11-20
//   P02 王一 open initiation    USD 50,000=350,000 网络 history 09-01, 09-15; activity 10-01; approval pending
//   P03 李二 open requirements 1,000,000        老客户 06-01, 06-20, 07-10; activity 11-20; expected close 11-10
//   P04 李二 open solution       800,000        转介绍 05-04, 05-18, →solution 06-01, →requirements 06-15, →solution 07-01
//   P05 王一 open tender       2,000,000        展会   03-02, 03-16, 04-01, 05-01, 06-01, back to solution 07-01, tender 08-03
//   P06 李二 open contract       600,000        转介绍 08-03, 08-10, 08-20, 09-01, 10-01, 11-02 (name: <script>…)
//   P07 王一 won 04-30         1,500,000        老客户 01-05, 01-12, 01-26, 02-09, 03-02, 04-01, won 04-30
//   P08 李二 won 09-10      USD 100,000=700,000 转介绍 06-01, 06-08, 06-15, 06-22, 07-06, 08-17, won 09-10
//   P09 李二 won 2025-12-20      300,000        老客户 all in 2025
//   P10 王一 lost 10-20 at tender 900,000       展会   04-06, 04-20, 05-11, 06-01, 07-01, lost 10-20
//   P11 李二 lost 08-10 at solution 400,000     网络   02-02, 02-16, →solution 03-02, lost 08-10
//   P12 王一 abandoned 07-01 at initiation 150,000 网络 05-04, 05-11, abandoned 07-01
//   P13 李二 open lead            50,000        (no source) 11-09
#include <doctest/doctest.h>

#include <filesystem>

#include "pipeline/figures/reports.hpp"
#include "pipeline/render/html_report.hpp"
#include "pipeline/render/report_render.hpp"
#include "pipeline/store/repository.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

const Repository& fixture() {
    static const Repository repo = load_repository({std::filesystem::path(PIPELINE_TEST_DATA) / "fixtures" / "reports", {}, {}});
    return repo;
}
const Process& process() { return *fixture().process; }

Date d(std::string_view text) { return *Date::parse(text); }
Money yuan(std::int64_t y) { return Money{y * 100}; }

ReportRequest request(std::vector<std::string> filter = {}, std::string period = "2026") {
    auto query = parse_query(filter, process());
    REQUIRE(std::holds_alternative<Query>(query));
    auto window = make_range(period, "", "");
    REQUIRE(std::holds_alternative<DateRange>(window));
    return {std::get<Query>(query), std::get<DateRange>(window), d("2026-11-23")};
}

const std::vector<Project>& projects() { return fixture().projects; }

}  // namespace

TEST_CASE("the fixture loads without errors") {
    REQUIRE(fixture().process);
    CHECK_FALSE(fixture().diagnostics.has_errors());
    CHECK(projects().size() == 13);
}

TEST_CASE("day_stats: median of an even count is the mean of the middle two, in tenths") {
    CHECK(day_stats({}).count == 0);
    CHECK_FALSE(day_stats({}).median);
    const DayStats odd = day_stats({30, 7, 14});      // sorted 7, 14, 30
    CHECK(*odd.median == 140);                        // 14.0
    CHECK(*odd.mean == 170);                          // 51 / 3 = 17.0
    const DayStats even = day_stats({29, 24});        // (24 + 29) / 2 = 26.5
    CHECK(*even.median == 265);
    CHECK(*even.mean == 265);
    CHECK(*day_stats({1, 2}).median == 15);           // 1.5: never rounded
    CHECK(*day_stats({0, 0, 1}).mean == 3);           // 1 / 3 = 0.333… → 0.3
    CHECK(*day_stats({1, 1, 0, 0, 0, 0}).mean == 3);  // 2 / 6 = 0.333… → 0.3
    CHECK(*day_stats({1, 0, 0, 0}).mean == 3);        // 1 / 4 = 0.25 → 0.3 (half away from zero)
}

TEST_CASE("funnel: open projects per stage with shares of the pipeline") {
    const Funnel f = funnel_report(projects(), process(), request());
    REQUIRE(f.stages.size() == 6);
    // lead: P01 100,000 × 10% = 10,000; P13 50,000 × 10% = 5,000
    CHECK(f.stages[0].figures.open == 2);
    CHECK(f.stages[0].figures.open_amount == yuan(150'000));
    CHECK(f.stages[0].figures.weighted_open == yuan(15'000));
    // initiation: P02 USD 50,000 × 7 = 350,000 × 20% = 70,000
    CHECK(f.stages[1].figures.open_amount == yuan(350'000));
    CHECK(f.stages[1].figures.weighted_open == yuan(70'000));
    // requirements: P03 1,000,000 × 40%; solution: P04 800,000 × 50%; tender: P05 2,000,000 × 80%;
    // contract: P06 600,000 × 100%
    CHECK(f.stages[2].figures.weighted_open == yuan(400'000));
    CHECK(f.stages[3].figures.weighted_open == yuan(400'000));
    CHECK(f.stages[4].figures.weighted_open == yuan(1'600'000));
    CHECK(f.stages[5].figures.weighted_open == yuan(600'000));
    // total: 7 open; amount 150,000 + 350,000 + 1,000,000 + 800,000 + 2,000,000 + 600,000 = 4,900,000;
    // weighted 15,000 + 70,000 + 400,000 + 400,000 + 1,600,000 + 600,000 = 3,085,000
    CHECK(f.total.open == 7);
    CHECK(f.total.open_amount == yuan(4'900'000));
    CHECK(f.total.weighted_open == yuan(3'085'000));
    // shares, permille: 15,000 / 3,085,000 = 0.486% → 0.5%; 1,600,000 / 3,085,000 = 51.86% → 51.9%
    CHECK(*f.stages[0].weighted_share == 5);
    CHECK(*f.stages[4].weighted_share == 519);
    // amount: 150,000 / 4,900,000 = 3.06% → 3.1%; 2,000,000 / 4,900,000 = 40.82% → 40.8%
    CHECK(*f.stages[0].amount_share == 31);
    CHECK(*f.stages[4].amount_share == 408);
}

TEST_CASE("funnel: a filter selects, an empty pipeline has no shares") {
    const Funnel f = funnel_report(projects(), process(), request({"owner:li.er"}));
    // P03 1,000,000 × 40% + P04 800,000 × 50% + P06 600,000 + P13 5,000 = 1,405,000
    CHECK(f.total.open == 4);
    CHECK(f.total.weighted_open == yuan(1'405'000));
    const Funnel none = funnel_report(projects(), process(), request({"status:lost"}));
    CHECK(none.total.open == 0);
    CHECK_FALSE(none.stages[0].weighted_share);
}

TEST_CASE("conversion: reach, advance and win per stage, from the histories") {
    const Conversion c = conversion_report(projects(), process(), request());
    REQUIRE(c.stages.size() == 6);
    // Reaching a stage = the first history entry into it or any later stage (or winning). P09 reached
    // everything in 2025: outside the window.
    // lead: P01–P08, P10–P13 = 12; advanced to initiation: all but P01, P13 = 10; won: P07, P08
    CHECK(c.stages[0].reached == 12);
    CHECK(c.stages[0].advanced == 10);
    CHECK(c.stages[0].won == 2);
    CHECK(*c.stages[0].to_next == 833);  // 10 / 12 = 83.3%
    CHECK(*c.stages[0].to_won == 167);   // 2 / 12 = 16.7%
    // initiation: P02–P08, P10–P12 = 10; advanced: P03–P08, P10, P11 = 8 (P02 waits, P12 abandoned)
    CHECK(c.stages[1].reached == 10);
    CHECK(c.stages[1].advanced == 8);
    // requirements: P03–P08, P10, P11 = 8 — P04 and P11 entered the flexible group at solution, which
    // counts as reaching requirements too; advanced: all but P03 = 7
    CHECK(c.stages[2].reached == 8);
    CHECK(c.stages[2].advanced == 7);
    CHECK(*c.stages[2].to_next == 875);
    // solution: 7; advanced to tender: P05, P06, P07, P08, P10 = 5 (P05's regression does not undo it)
    CHECK(c.stages[3].reached == 7);
    CHECK(c.stages[3].advanced == 5);
    CHECK(*c.stages[3].to_next == 714);  // 5 / 7 = 71.43%
    // tender: P05, P06, P07, P08, P10 = 5; advanced to contract: P06, P07, P08 = 3
    CHECK(c.stages[4].reached == 5);
    CHECK(c.stages[4].advanced == 3);
    CHECK(*c.stages[4].to_won == 400);   // 2 / 5
    // contract: P06, P07, P08 = 3; the last stage advances by winning: 2
    CHECK(c.stages[5].reached == 3);
    CHECK(c.stages[5].advanced == 2);
    CHECK(*c.stages[5].to_next == 667);
}

TEST_CASE("conversion: days per stay, median and mean") {
    const Conversion c = conversion_report(projects(), process(), request());
    // lead stays ending in 2026: P02 14, P03 19, P04 14, P05 14, P06 7, P07 7, P08 7, P10 14, P11 14, P12 7
    // sorted 7 7 7 7 14 14 14 14 14 19: median (14 + 14) / 2 = 14.0; mean 117 / 10 = 11.7
    CHECK(c.stages[0].days.count == 10);
    CHECK(*c.stages[0].days.median == 140);
    CHECK(*c.stages[0].days.mean == 117);
    // initiation: P03 20, P04 14, P05 16, P06 10, P07 14, P08 7, P10 21, P11 14, P12 51 (P02 still there)
    // sorted 7 10 14 14 14 16 20 21 51: median 14; mean 167 / 9 = 18.56 → 18.6
    CHECK(c.stages[1].days.count == 9);
    CHECK(*c.stages[1].days.median == 140);
    CHECK(*c.stages[1].days.mean == 186);
    // requirements: P04 06-15→07-01 16, P05 30, P06 12, P07 14, P08 7, P10 21: median (14 + 16) / 2 = 15.0;
    // mean 100 / 6 = 16.67 → 16.7
    CHECK(c.stages[2].days.count == 6);
    CHECK(*c.stages[2].days.median == 150);
    CHECK(*c.stages[2].days.mean == 167);
    // solution: every stay counts: P04 06-01→06-15 14 (its stay since 07-01 goes on), P05 05-01→06-01 31 and
    // 07-01→08-03 33 (after the regression), P06 30, P07 21, P08 14, P10 30, P11 03-02→08-10 161
    // sorted 14 14 21 30 30 31 33 161: median 30; mean 334 / 8 = 41.75 → 41.8
    CHECK(c.stages[3].days.count == 8);
    CHECK(*c.stages[3].days.median == 300);
    CHECK(*c.stages[3].days.mean == 418);
    // tender: P05 06-01→07-01 30, P06 32, P07 30, P08 42, P10 07-01→10-20 111: median 32; mean 245 / 5 = 49.0
    CHECK(*c.stages[4].days.median == 320);
    CHECK(*c.stages[4].days.mean == 490);
    // contract: P07 04-01→04-30 29, P08 08-17→09-10 24: median (24 + 29) / 2 = 26.5
    CHECK(*c.stages[5].days.median == 265);
}

TEST_CASE("conversion: win rate and sales cycle over the projects closed in the window") {
    const Conversion c = conversion_report(projects(), process(), request());
    // closed in 2026: P07, P08 won; P10, P11 lost; P12 abandoned (P09 closed in 2025)
    CHECK(c.closed == 5);
    CHECK(c.won == 2);
    CHECK(c.lost == 2);
    CHECK(c.abandoned == 1);
    CHECK(*c.win_rate == 400);  // 2 / 5
    // cycles: P07 01-05→04-30 = 115 days; P08 06-01→09-10 = 101 days; median (101 + 115) / 2 = 108.0
    CHECK(c.cycle.count == 2);
    CHECK(*c.cycle.median == 1080);

    // 2025 holds only P09: reached every stage and won; nothing has stays ending in 2025 but P09's.
    const Conversion last_year = conversion_report(projects(), process(), request({}, "2025"));
    CHECK(last_year.stages[0].reached == 1);
    CHECK(last_year.stages[5].won == 1);
    CHECK(*last_year.win_rate == 1000);
    // P09: 2025-09-01 → 2025-12-20 = 110 days
    CHECK(*last_year.cycle.median == 1100);
}

TEST_CASE("conversion: a window that ends early counts only what happened before its end") {
    // 2026Q2 = [04-01, 07-01). P08 reached lead on 06-01, initiation 06-08 … tender 07-06 (outside).
    const Conversion c = conversion_report(projects(), process(), request({}, "2026Q2"));
    // lead reached in Q2: P04 05-04, P08 06-01, P10 04-06, P03 06-01, P12 05-04 = 5
    CHECK(c.stages[0].reached == 5);
    // advanced before 07-01: P03 (06-20), P04, P08 (06-08), P10, P12 = 5
    CHECK(c.stages[0].advanced == 5);
    // nothing was won inside Q2 by these, P07 won 04-30 but reached lead in January
    CHECK(c.stages[0].won == 0);
    // tender reached in Q2: P05 06-01; advanced to contract before 07-01: no
    CHECK(c.stages[4].reached == 1);
    CHECK(c.stages[4].advanced == 0);
    // closed in Q2: P07 (04-30)
    CHECK(c.closed == 1);
    CHECK(*c.win_rate == 1000);
}

TEST_CASE("stale: no activity, past expected close, next gate unmet — by owner, oldest first") {
    const Stale s = stale_report(projects(), process(), request());
    CHECK(s.stale_days == 7);
    CHECK(s.gate_overdue_days == 30);
    REQUIRE(s.owners.size() == 2);
    // li.er sorts before wang.yi (by id)
    CHECK(s.owners[0].owner == "li.er");
    const auto& li = s.owners[0].alerts;
    REQUIRE(li.size() == 3);
    // P04 in the flexible group since 06-01 (moving around it does not restart the clock):
    // 06-01 → 11-23 = 175 days > 30; leaving the group towards tender needs both group gates; the design plan is there
    CHECK(li[0].project.id == "P04");
    CHECK(li[0].kind == AlertKind::gate_overdue);
    CHECK(li[0].since == d("2026-06-01"));
    CHECK(li[0].days == 175);
    CHECK(li[0].next_stage == 4);
    CHECK(li[0].unmet == std::vector<std::string>{"我方优势已写入客户设计方案"});  // its design plan is there
    // P13 last touched 11-09: 14 days > 7
    CHECK(li[1].project.id == "P13");
    CHECK(li[1].kind == AlertKind::no_activity);
    CHECK(li[1].days == 14);
    // P03 expected to close 11-10: 13 days ago; its gates hold, so no gate alert
    CHECK(li[2].project.id == "P03");
    CHECK(li[2].kind == AlertKind::past_close);
    CHECK(li[2].days == 13);
    // P06 waits for its contract gate for 11-02 → 11-23 = 21 days: not over 30, no alert.

    const auto& wang = s.owners[1].alerts;
    REQUIRE(wang.size() == 3);
    // P05 in tender since 08-03 (after going back): 112 days; P02 in initiation since 09-15: 69 days,
    // and untouched since 10-01: 53 days. P05's last activity 11-16 is 7 days ago: not more than 7.
    CHECK(wang[0].project.id == "P05");
    CHECK(wang[0].days == 112);
    CHECK(wang[0].unmet == std::vector<std::string>{"已中标"});
    CHECK(wang[1].project.id == "P02");
    CHECK(wang[1].kind == AlertKind::gate_overdue);
    CHECK(wang[1].days == 69);
    CHECK(wang[2].kind == AlertKind::no_activity);
    CHECK(wang[2].since == d("2026-10-01"));
    CHECK(wang[2].days == 53);
    CHECK(s.alerts == 6);
    CHECK(s.projects == 5);
}

TEST_CASE("risks: open risks of open and won projects, by score, flagged at the threshold") {
    const RiskRegister r = risk_report(projects(), process(), request());
    CHECK(r.threshold == 12);
    // P03 4×4=16, P05 5×3=15, P04 3×4=12, P07 4×3=12 (won: payment risk), P06 1×5=5, P04 2×2=4.
    // Left out: P03's closed 5×5, P10's 5×5 (lost project).
    REQUIRE(r.risks.size() == 6);
    std::vector<int> scores;
    for (const RiskRow& row : r.risks) scores.push_back(row.risk.score());
    CHECK(scores == std::vector<int>{16, 15, 12, 12, 5, 4});
    CHECK(r.risks[2].project.id == "P04");  // equal scores: by project id
    CHECK(r.risks[3].project.id == "P07");
    CHECK(r.flagged == 4);                  // 16, 15, 12, 12: 12 is at the threshold
    CHECK(r.risks[3].flagged);
    CHECK_FALSE(r.risks[4].flagged);
    CHECK(r.risks[0].owner == "li.er");
    CHECK(r.risks[0].risk.mitigation == "请客户出具预算批复");
    // matrix[likelihood − 1][impact − 1]
    CHECK(r.matrix[3][3] == 1);  // 4×4
    CHECK(r.matrix[4][2] == 1);  // 5×3
    CHECK(r.matrix[2][3] == 1);  // 3×4
    CHECK(r.matrix[3][2] == 1);  // 4×3
    CHECK(r.matrix[0][4] == 1);  // 1×5
    CHECK(r.matrix[1][1] == 1);  // 2×2
    CHECK(r.matrix[4][4] == 0);  // the closed and the lost project's 5×5
}

TEST_CASE("payments: contracted, received, outstanding, aging per project and owner") {
    const Payments p = payment_report(projects(), process(), request());
    REQUIRE(p.projects.size() == 3);  // P07, P08, P09 have instalments
    const PaymentFigures& p07 = p.projects[0].figures;
    CHECK(p.projects[0].project.id == "P07");
    // 450,000 + 600,000 + 300,000 + 150,000 = 1,500,000; received 450,000 + 200,000 = 650,000
    CHECK(p07.contracted == yuan(1'500'000));
    CHECK(p07.received == yuan(650'000));
    CHECK(p07.outstanding == yuan(850'000));
    // overdue: due 08-15, 600,000 − 200,000 = 400,000, 08-15 → 11-23 = 100 days (91–180);
    // due 10-31, 300,000, 23 days (0–30); due 2027-04-30 not yet
    CHECK(p07.overdue == yuan(700'000));
    CHECK(p07.overdue_instalments == 2);
    CHECK(p07.aging[0] == yuan(300'000));
    CHECK(p07.aging[1] == yuan(0));
    CHECK(p07.aging[2] == yuan(0));
    CHECK(p07.aging[3] == yuan(400'000));
    CHECK(p07.aging[4] == yuan(0));
    CHECK(p07.oldest_days == 100);
    // P08 in USD at 7: 40,000 + 60,000 = 100,000 → 700,000; received 40,000 → 280,000;
    // 60,000 → 420,000 due 10-10: 44 days (31–60)
    const PaymentFigures& p08 = p.projects[1].figures;
    CHECK(p08.contracted == yuan(700'000));
    CHECK(p08.received == yuan(280'000));
    CHECK(p08.aging[1] == yuan(420'000));
    CHECK(p08.oldest_days == 44);
    // P09 paid in full
    CHECK(p.projects[2].figures.outstanding == yuan(0));
    // owners: li.er = P08 + P09: 700,000 + 300,000 = 1,000,000 contracted, 280,000 + 300,000 = 580,000 received
    REQUIRE(p.owners.size() == 2);
    CHECK(p.owners[0].owner == "li.er");
    CHECK(p.owners[0].projects == 2);
    CHECK(p.owners[0].figures.contracted == yuan(1'000'000));
    CHECK(p.owners[0].figures.received == yuan(580'000));
    // total: 2,500,000 contracted, 1,230,000 received, 1,270,000 outstanding, 1,120,000 overdue
    CHECK(p.total.contracted == yuan(2'500'000));
    CHECK(p.total.received == yuan(1'230'000));
    CHECK(p.total.outstanding == yuan(1'270'000));
    CHECK(p.total.overdue == yuan(1'120'000));
    // instalments: 4 + 2 + 1
    REQUIRE(p.instalments.size() == 7);
    CHECK(p.instalments[1].days_overdue == 100);
    CHECK(p.instalments[1].bucket == AgingBucket::up_to_180);
    CHECK(p.instalments[3].bucket == AgingBucket::none);  // 2027-04-30
}

TEST_CASE("payments: aging buckets at their edges") {
    CHECK(bucket_for(0) == AgingBucket::none);
    CHECK(bucket_for(1) == AgingBucket::up_to_30);
    CHECK(bucket_for(30) == AgingBucket::up_to_30);
    CHECK(bucket_for(31) == AgingBucket::up_to_60);
    CHECK(bucket_for(60) == AgingBucket::up_to_60);
    CHECK(bucket_for(61) == AgingBucket::up_to_90);
    CHECK(bucket_for(90) == AgingBucket::up_to_90);
    CHECK(bucket_for(91) == AgingBucket::up_to_180);
    CHECK(bucket_for(180) == AgingBucket::up_to_180);
    CHECK(bucket_for(181) == AgingBucket::over_180);
    CHECK(std::string(bucket_id(AgingBucket::over_180)) == "over_180");
    CHECK(bucket_id(AgingBucket::none) == std::string());
}

TEST_CASE("scorecard: per owner, with the forecast's targets") {
    const Scorecard s = scorecard_report(projects(), process(), request());
    REQUIRE(s.owners.size() == 2);
    const OwnerScore& li = s.owners[0];
    const OwnerScore& wang = s.owners[1];
    CHECK(li.owner == "li.er");
    // open: P03 1,000,000 + P04 800,000 + P06 600,000 + P13 50,000 = 2,450,000;
    // weighted 400,000 + 400,000 + 600,000 + 5,000 = 1,405,000
    CHECK(li.pipeline.open == 4);
    CHECK(li.pipeline.open_amount == yuan(2'450'000));
    CHECK(li.pipeline.weighted_open == yuan(1'405'000));
    // won in 2026: P08 700,000 (P09 was 2025); lost P11: win rate 1 / 2
    CHECK(li.won == 1);
    CHECK(li.won_amount == yuan(700'000));
    CHECK(li.lost == 1);
    CHECK(*li.win_rate == 500);
    CHECK(*li.cycle.median == 1010);  // P08: 101 days
    // activities in 2026: P03 11-20, P04 11-18, P06 11-21, P08 09-10
    CHECK(li.activities == 4);
    // targets 2026Q3 + 2026Q4 leave Q1–Q2 uncovered: no target for the year
    CHECK_FALSE(li.target);
    // wang.yi: P01 100,000 + P02 350,000 + P05 2,000,000 = 2,450,000; weighted 10,000 + 70,000 + 1,600,000
    CHECK(wang.pipeline.open_amount == yuan(2'450'000));
    CHECK(wang.pipeline.weighted_open == yuan(1'680'000));
    // won P07 1,500,000; lost P10, abandoned P12: win rate 1 / 3 = 33.3%
    CHECK(wang.won_amount == yuan(1'500'000));
    CHECK(wang.lost == 1);
    CHECK(wang.abandoned == 1);
    CHECK(*wang.win_rate == 333);
    CHECK(*wang.cycle.median == 1150);  // P07: 115 days
    CHECK(wang.activities == 3);        // P02 10-01, P05 11-16, P07 11-10
    // target 2026: 3,000,000; won 1,500,000 → 50.0%
    REQUIRE(wang.target);
    CHECK(wang.target->target == yuan(3'000'000));
    CHECK(*wang.target->permille == 500);
    // team: target 6,000,000, won 2,200,000 → 36.7%; median cycle (101 + 115) / 2 = 108
    REQUIRE(s.total.target);
    CHECK(s.total.won_amount == yuan(2'200'000));
    CHECK(*s.total.target->permille == 367);
    CHECK(*s.total.cycle.median == 1080);
    CHECK(s.total.activities == 7);
    CHECK(*s.total.win_rate == 400);

    // Q4: li.er's quarter target applies: 1,000,000, nothing won in Q4 → 0.0%
    const Scorecard q4 = scorecard_report(projects(), process(), request({}, "2026Q4"));
    REQUIRE(q4.owners.size() == 2);
    REQUIRE(q4.owners[0].target);
    CHECK(q4.owners[0].target->target == yuan(1'000'000));
    CHECK(*q4.owners[0].target->permille == 0);
    CHECK_FALSE(q4.owners[1].target);  // wang.yi's is a year target
    // Q4 activities of li.er: 11-20, 11-18, 11-21 = 3 (09-10 is Q3)
    CHECK(q4.owners[0].activities == 3);
}

TEST_CASE("scorecard: a filter of several terms turns targets off, as in forecast") {
    const Scorecard s = scorecard_report(projects(), process(), request({"owner:li.er", "source:转介绍"}));
    CHECK_FALSE(s.targets_apply);
    REQUIRE(s.owners.size() == 1);
    CHECK_FALSE(s.owners[0].target);
    CHECK(s.owners[0].pipeline.open == 2);  // P04, P06
}

TEST_CASE("sources: leads recorded in the window per source, with channel costs") {
    const Sources s = source_report(projects(), process(), request());
    CHECK(s.reached_stage == 1);
    std::vector<std::string> order;
    for (const SourceRow& r : s.sources) order.push_back(r.source);
    // most leads first; equal leads by won amount; then by pinyin (网络 wang before 展会 zhan); not recorded last
    CHECK(order == std::vector<std::string>{"转介绍", "网络", "展会", "老客户", "行业研究", ""});
    // 转介绍: P04, P06, P08; all reached initiation; P08 won 700,000; no channel cost
    CHECK(s.sources[0].leads == 3);
    CHECK(s.sources[0].reached == 3);
    CHECK(s.sources[0].won_amount == yuan(700'000));
    CHECK_FALSE(s.sources[0].cost);
    // 展会: P01, P05, P10; reached initiation P05, P10; cost 120,000 / 3 leads = 40,000; no win
    CHECK(s.sources[2].reached == 2);
    CHECK(*s.sources[2].cost_per_lead == yuan(40'000));
    CHECK_FALSE(s.sources[2].cost_per_win);
    // 老客户: P03, P07 (P09 recorded in 2025); P07 won 1,500,000; 30,000 / 2 = 15,000 per lead, per win 30,000
    CHECK(s.sources[3].leads == 2);
    CHECK(*s.sources[3].cost_per_lead == yuan(15'000));
    CHECK(*s.sources[3].cost_per_win == yuan(30'000));
    // 行业研究: a channel without leads still shows its cost
    CHECK(s.sources[4].leads == 0);
    CHECK(*s.sources[4].cost == yuan(10'000));
    // total: 12 leads, 10 reached, 2 won (2,200,000); cost 120,000 + 30,000 + 45,000 + 10,000 = 205,000;
    // per lead 205,000 / 12 = 17,083.333… → 17,083.33; per win 205,000 / 2 = 102,500
    CHECK(s.total.leads == 12);
    CHECK(s.total.reached == 10);
    CHECK(s.total.won == 2);
    CHECK(*s.total.cost == yuan(205'000));
    CHECK(*s.total.cost_per_lead == Money{17'083'33});
    CHECK(*s.total.cost_per_win == yuan(102'500));
}

TEST_CASE("losses: by reason and by the stage they were lost in") {
    const Losses l = loss_report(projects(), process(), request());
    REQUIRE(l.reasons.size() == 2);
    // 价格高于竞争对手: P10 900,000 + P11 400,000 = 1,300,000, both lost
    CHECK(l.reasons[0].reason == "价格高于竞争对手");
    CHECK(l.reasons[0].count.lost == 2);
    CHECK(l.reasons[0].count.amount == yuan(1'300'000));
    CHECK(l.reasons[1].reason == "毛利过低");
    CHECK(l.reasons[1].count.abandoned == 1);
    // stages in process order: initiation (P12), solution (P11), tender (P10)
    REQUIRE(l.stages.size() == 3);
    CHECK(l.stages[0].stage == 1);
    CHECK(l.stages[1].stage == 3);
    CHECK(l.stages[2].stage == 4);
    CHECK(l.stages[2].count.amount == yuan(900'000));
    // projects by closing date: P12 07-01, P11 08-10, P10 10-20
    REQUIRE(l.projects.size() == 3);
    CHECK(l.projects[0].project.id == "P12");
    CHECK(l.projects[2].project.id == "P10");
    CHECK(l.total.projects() == 3);
    CHECK(l.total.amount == yuan(1'450'000));
    // 2026Q4 holds only P10
    CHECK(loss_report(projects(), process(), request({}, "2026Q4")).total.projects() == 1);
}

TEST_CASE("rendering: CSV data tables and JSON say the same figures") {
    const ReportContext context{"CNY", d("2026-11-23"), std::nullopt, request().window, {}};
    const Report sources = source_report(projects(), process(), request());
    const std::string csv = render_csv(report_data(sources, process()));
    CHECK(csv.find("total,12,10,2,2200000.00,205000.00,17083.33,102500.00\r\n") != std::string::npos);
    const std::string json = render_report_json(sources, process(), context);
    CHECK(json.find("\"cost_per_lead\": 17083.33") != std::string::npos);
    CHECK(json.find("\"report\": \"sources\"") != std::string::npos);
    CHECK(tenths(265) == "26.5");
    CHECK(tenths(-5) == "-0.5");
}

TEST_CASE("html: everything from the files is escaped, and the page has no scripts") {
    CHECK(html_escape("<script>alert(\"x\")</script> & 'q'") ==
          "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    HtmlReport page;
    page.title = "reports <repo>";
    page.context = {"CNY", d("2026-11-23"), std::nullopt, request().window, {}};
    for (ReportKind k : report_kinds()) page.reports.push_back(compute_report(k, projects(), process(), request()));
    page.by_month = forecast(projects(), process(), {{GroupKey::month}, request().window, {}});
    const std::string html = render_html_report(page, process());
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;") != std::string::npos);
    CHECK(html.find("reports &lt;repo&gt;") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("@page") != std::string::npos);
}

TEST_CASE("calibration: per stage, the share won of the closed projects that reached it, with a 90% interval") {
    const Calibration k = calibration_report(projects(), process(), request());
    // Closed in 2026: P07 and P08 won; P10 lost at tender, P11 lost at solution, P12 abandoned
    // at initiation. P09 won in 2025: outside the window.
    CHECK(k.closed == 5);
    CHECK(k.won == 2);
    REQUIRE(k.stages.size() == 6);
    const std::vector<std::size_t> reached{5, 5, 4, 4, 3, 2};
    for (std::size_t s = 0; s < 6; ++s) {
        CHECK(k.stages[s].stage == static_cast<int>(s));
        CHECK(k.stages[s].reached == reached[s]);
        CHECK(k.stages[s].won == 2);
        CHECK(k.stages[s].probability == process().stages[s].probability);
    }
    // 2 of 5: 40.0 %; Wilson, z = 1.6449: centre (0.4 + z²/10) / (1 + z²/5) = 0.4351,
    // half-width z·√(0.048 + z²/100) / (1 + z²/5) = 0.2924: 14.3 %–72.8 %.
    CHECK(k.stages[0].rate == 400);
    CHECK(k.stages[0].low == 143);
    CHECK(k.stages[0].high == 728);
    // 2 of 3: 66.7 %, 25.4 %–92.2 %; 2 of 2: 100 %, 42.5 %–100 % (the interval stays within 0–100 %).
    CHECK(k.stages[4].rate == 667);
    CHECK(k.stages[4].low == 254);
    CHECK(k.stages[4].high == 922);
    CHECK(k.stages[5].rate == 1000);
    CHECK(k.stages[5].low == 425);
    CHECK(k.stages[5].high == 1000);
    // No closed project in the window: counts zero, no rates.
    const Calibration none = calibration_report(projects(), process(), request({}, "2024"));
    CHECK(none.closed == 0);
    CHECK(none.stages[0].reached == 0);
    CHECK(!none.stages[0].rate);
    CHECK(!none.stages[0].low);
}
