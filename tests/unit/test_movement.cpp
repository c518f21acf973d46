// Forecast movement: every kind, the order of attribution and an exact waterfall, against
// figures worked out by hand. Amounts in cents (CNY); the arithmetic is next to each figure.
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/figures/forecast_movement.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/model/project_load.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

// Three stages (10%, 50%, 90%) and one foreign currency (1 USD = 7.1 CNY).
std::string process_text(int middle = 50, const char* usd = "7.1") {
    return fmt::format(
        "currency: CNY\ncurrencies: {{USD: {}}}\n"
        "stages:\n  - {{id: a, name: 甲, probability: 10}}\n  - {{id: b, name: 乙, probability: {}}}\n"
        "  - {{id: c, name: 丙, probability: 90}}\n"
        "people:\n  - {{id: zhang.san, name: 张三}}\n  - {{id: li.si, name: 李四}}\n",
        usd, middle);
}

Process load(const std::string& text) {
    Diagnostics d;
    auto p = load_process(text, "pipeline.yaml", d);
    REQUIRE_MESSAGE(p.has_value(), (d.items().empty() ? std::string() : d.items()[0].message));
    return *p;
}

struct Spec {
    std::string id, stage, amount;
    std::string status = "open";
    std::string close = "2026-12-20";
    std::string owner = "zhang.san";
    std::string currency = "CNY";
};

std::vector<Project> projects(const std::vector<Spec>& specs, const Process& process) {
    std::vector<Project> out;
    for (const Spec& s : specs) {
        const std::string text = fmt::format(
            "id: {}\nname: 项目{}\ncustomer: {{name: 客户}}\nowner: {}\namount: {}\ncurrency: {}\nstage: {}\nstatus: {}\n{}: {}\n"
            "history:\n  - {{date: 2026-01-05, to: {}}}\n",
            s.id, s.id, s.owner, s.amount, s.currency, s.stage, s.status, s.status == "open" ? "expected_close" : "closed_on",
            s.close, s.stage);
        Diagnostics d;
        auto p = load_project(text, "projects/" + s.id + ".yaml", process, d);
        REQUIRE(p);
        out.push_back(std::move(*p));
    }
    return out;
}

Query query(const std::vector<std::string>& terms, const Process& process) {
    auto q = parse_query(terms, process);
    REQUIRE(std::holds_alternative<Query>(q));
    return std::get<Query>(q);
}

Money m(std::int64_t cents) { return Money{cents}; }
Money of(const Waterfall& w, MovementKind k) { return w.deltas[static_cast<std::size_t>(k)]; }
Money of(const PipelineWaterfall& w, PipelineBucket b) { return w.buckets[static_cast<std::size_t>(b)]; }

std::vector<std::string> rows(const ForecastMovement& f) {
    std::vector<std::string> out;
    for (const Movement& mv : f.movements)
        out.push_back(fmt::format("{} {} {}|{} {}", mv.key, movement_kind_id(mv.kind), mv.from.english(), mv.to.english(), mv.delta.cents));
    return out;
}

// Before and after, one project per kind.
const std::vector<Spec> kBefore = {
    {"P01", "a", "100000"},                                  // a 10%: 10,000.00
    {"P02", "b", "200000"},                                  // b 50%: 100,000.00
    {"P03", "c", "100000"},                                  // c 90%: 90,000.00
    {"P04", "b", "80000"},                                   // 40,000.00
    {"P05", "a", "50000"},                                   // 5,000.00
    {"P06", "b", "60000", "lost", "2026-10-01"},             // lost: 0
    {"P08", "b", "90000"},                                   // 45,000.00
    {"P09", "c", "40000"},                                   // 36,000.00
    {"P10", "b", "10000", "open", "2026-12-20", "zhang.san", "USD"},  // 10,000 × 7.1 = 71,000.00; × 50% = 35,500.00
    {"P11", "b", "20000", "open", "2026-12-20"},             // 10,000.00, in 2026Q4
    {"P12", "a", "12345.67"},                                // 1,234,567 × 10% = 123,456.7 → 123,457 cents (1,234.57)
    {"P13", "b", "30000"},                                   // 15,000.00, zhang.san
};
const std::vector<Spec> kAfter = {
    {"P01", "b", "100000"},                                  // advanced: 50,000.00
    {"P02", "c", "300000"},                                  // amount then stage: 270,000.00
    {"P03", "c", "100000", "won", "2026-11-20"},             // won: in full, 100,000.00
    {"P04", "b", "80000", "lost", "2026-11-20"},             // lost: 0
    {"P05", "a", "50000", "abandoned", "2026-11-20"},        // abandoned: 0
    {"P06", "b", "60000"},                                   // reopened: 30,000.00
    {"P07", "a", "120000"},                                  // new: 12,000.00
    {"P09", "b", "40000"},                                   // regressed: 20,000.00
    {"P10", "b", "80000"},                                   // CNY 80,000 × 50% = 40,000.00
    {"P11", "b", "20000", "open", "2027-01-10"},             // 10,000.00, now in 2027Q1
    {"P12", "b", "12345.69"},                                // 1,234,569 × 50% = 617,284.5 → 617,285 cents
    {"P13", "b", "30000", "open", "2026-12-20", "li.si"},    // same value, another owner
};

}  // namespace

TEST_CASE("movement: every kind, attributed amount first, then stage, then period") {
    const Process process = load(process_text());
    const auto before = projects(kBefore, process), after = projects(kAfter, process);
    const Query all;
    const ForecastMovement f = forecast_movement({before, process, all}, {after, process, all}, {});

    // P03 closes on 2026-11-20 and P06 reopens with close 2026-12-20: both stay in 2026Q4, so
    // no move of the date is listed for them. P13 only changes owner: nothing to list without --by.
    const std::vector<std::string> exact = {
        "P01 advanced 甲|乙 4000000",                      // 50,000.00 − 10,000.00
        "P02 amount 200,000.00|300,000.00 5000000",        // at the old 50%: 150,000.00 − 100,000.00
        "P02 advanced 乙|丙 12000000",                     // at the new amount: 270,000.00 − 150,000.00
        "P03 won 丙|赢单 1000000",                         // in full: 100,000.00 − 90,000.00
        "P04 lost 乙|丢单 -4000000",                       // 0 − 40,000.00
        "P05 abandoned 甲|放弃 -500000",                   // 0 − 5,000.00
        "P06 reopened 丢单|乙 3000000",                    // 30,000.00 − 0
        "P07 new |甲 1200000",                             // 120,000 × 10% = 12,000.00
        "P08 removed 乙| -4500000",                        // −90,000 × 50% = −45,000.00
        "P09 regressed 丙|乙 -1600000",                    // 20,000.00 − 36,000.00
        "P10 amount USD 10,000.00|CNY 80,000.00 450000",   // 40,000.00 − 35,500.00
        "P11 pushed_out 2026-12-20 (2026Q4)|2027-01-10 (2027Q1) 0",   // a later quarter, same value
        "P12 amount 12,345.67|12,345.69 0",                // at 10%: 1,234.569 → 1,234.57 both times
        "P12 advanced 甲|乙 493828",                       // 617,285 − 123,457 cents (6,172.85 − 1,234.57)
    };
    CHECK(rows(f) == exact);

    // Start: 10,000 + 100,000 + 90,000 + 40,000 + 5,000 + 0 + 45,000 + 36,000 + 35,500 + 10,000 + 1,234.57 + 15,000
    //      = 387,734.57
    CHECK(f.total.before == m(38773457));
    // End: 50,000 + 270,000 + 100,000 + 0 + 0 + 30,000 + 12,000 + 20,000 + 40,000 + 10,000 + 6,172.85 + 15,000
    //    = 553,172.85
    CHECK(f.total.after == m(55317285));
    CHECK(of(f.total, MovementKind::added) == m(1200000));
    CHECK(of(f.total, MovementKind::removed) == m(-4500000));
    CHECK(of(f.total, MovementKind::amount) == m(5000000 + 450000 + 0));                // 55,450.00
    CHECK(of(f.total, MovementKind::advanced) == m(4000000 + 12000000 + 493828));       // 164,938.28
    CHECK(of(f.total, MovementKind::regressed) == m(-1600000));
    CHECK(of(f.total, MovementKind::won) == m(1000000));
    CHECK(of(f.total, MovementKind::lost) == m(-4000000));
    CHECK(of(f.total, MovementKind::abandoned) == m(-500000));
    CHECK(of(f.total, MovementKind::reopened) == m(3000000));
    CHECK(of(f.total, MovementKind::pushed_out) == m(0));
    CHECK(of(f.total, MovementKind::pulled_in) == m(0));
    CHECK(of(f.total, MovementKind::close_moved) == m(0));
    CHECK(of(f.total, MovementKind::revalued) == m(0));
    CHECK(of(f.total, MovementKind::other) == m(0));
    // 12,000 − 45,000 + 55,450 + 164,938.28 − 16,000 + 10,000 − 40,000 − 5,000 + 30,000 = 165,438.28
    CHECK(f.total.change() == m(16543828));
    CHECK(f.total.before + f.total.change() == f.total.after);  // 387,734.57 + 165,438.28 = 553,172.85
    CHECK(f.balanced());
    CHECK(f.counts[static_cast<std::size_t>(MovementKind::amount)] == 3);
    CHECK(f.groups.empty());
}

TEST_CASE("movement: a period range turns a close date into a move out of the forecast") {
    const Process process = load(process_text());
    const auto before = projects(kBefore, process), after = projects(kAfter, process);
    const Query all;
    MovementRequest request;
    request.range = std::get<DateRange>(make_range("2026Q4", "", ""));
    const ForecastMovement f = forecast_movement({before, process, all}, {after, process, all}, request);
    // P11 (10,000.00) leaves 2026Q4 for 2027Q1.
    const auto r = rows(f);
    CHECK(std::find(r.begin(), r.end(), "P11 pushed_out 2026-12-20 (2026Q4)|2027-01-10 (2027Q1) -1000000") != r.end());
    // P06 was lost on 2026-10-01 (in the quarter) and reopened with close 2026-12-20: listed as reopened only.
    CHECK(of(f.total, MovementKind::pushed_out) == m(-1000000));
    CHECK(f.total.before == m(38773457));                 // every date of the start is in 2026Q4
    CHECK(f.total.after == m(55317285 - 1000000));        // P11 is out: 543,172.85
    CHECK(f.balanced());
}

TEST_CASE("movement: --by owner splits a change of owner into a move between groups") {
    const Process process = load(process_text());
    const auto before = projects(kBefore, process), after = projects(kAfter, process);
    const Query all;
    MovementRequest request;
    request.by = {GroupKey::owner};
    const ForecastMovement f = forecast_movement({before, process, all}, {after, process, all}, request);
    REQUIRE(f.groups.size() == 2);
    CHECK(f.groups[0].group[0].value == "li.si");
    CHECK(f.groups[1].group[0].value == "zhang.san");
    // P13 (15,000.00) moves from zhang.san to li.si: an `other` movement of 0 in total.
    CHECK(of(f.groups[0], MovementKind::other) == m(1500000));
    CHECK(of(f.groups[1], MovementKind::other) == m(-1500000));
    CHECK(of(f.total, MovementKind::other) == m(0));
    CHECK(f.groups[0].before == m(0));
    CHECK(f.groups[0].after == m(1500000));
    CHECK(f.groups[1].before == m(38773457));
    CHECK(f.groups[1].after == m(55317285 - 1500000));
    const Movement& moved = f.movements.back();
    CHECK(moved.key == "P13");
    CHECK(moved.kind == MovementKind::other);
    CHECK(moved.from == "owner zhang.san");
    CHECK(moved.to == "owner li.si");
    REQUIRE(moved.groups.size() == 2);
    CHECK(f.balanced());
}

TEST_CASE("movement: a filter selects at each state; leaving it is the step that caused it") {
    const Process process = load(process_text());
    const auto before = projects(kBefore, process), after = projects(kAfter, process);
    const Query owner = query({"owner:zhang.san"}, process);
    const ForecastMovement f = forecast_movement({before, process, owner}, {after, process, owner}, {});
    // P13 leaves zhang.san's forecast: −15,000.00 as `other`.
    CHECK(of(f.total, MovementKind::other) == m(-1500000));
    CHECK(f.total.before == m(38773457));
    CHECK(f.total.after == m(55317285 - 1500000));
    CHECK(f.balanced());
}

TEST_CASE("movement: a changed probability in pipeline.yaml is `revalued`, before anything else") {
    const Process old_process = load(process_text(50)), new_process = load(process_text(60));
    const auto before = projects({{"P01", "b", "100000"}}, old_process);
    const auto after = projects({{"P01", "c", "150000"}}, new_process);
    const Query all;
    const ForecastMovement f = forecast_movement({before, old_process, all}, {after, new_process, all}, {});
    CHECK(rows(f) == std::vector<std::string>{
                         "P01 revalued 50%|60% 1000000",               // 100,000 × 60% − 100,000 × 50% = 60,000 − 50,000
                         "P01 amount 100,000.00|150,000.00 3000000",   // at 60%: 90,000 − 60,000
                         "P01 advanced 乙|丙 4500000",                 // 150,000 × 90% − 90,000 = 135,000 − 90,000
                     });
    CHECK(f.total.before == m(5000000));
    CHECK(f.total.after == m(13500000));
    CHECK(f.balanced());
}

TEST_CASE("movement: the direction of a date — pulled in, pushed out, or a date that appeared or disappeared") {
    const Process process = load(process_text());
    // Each at b (50%), 100,000.00: weighted 50,000.00.
    const auto before = projects({{"D1", "b", "100000"}, {"D2", "b", "100000"}, {"D3", "b", "100000"}, {"D4", "b", "100000"}}, process);
    auto after = projects({{"D1", "b", "100000", "open", "2026-11-05"},
                           {"D2", "b", "100000", "open", "2027-03-01"},
                           {"D3", "b", "100000"},
                           {"D4", "b", "100000", "open", "2026-12-05"}},
                          process);
    after[2].expected_close.reset();  // D3 has no date left
    const Query all;
    MovementRequest request;
    request.unit = PeriodUnit::month;
    const ForecastMovement f = forecast_movement({before, process, all}, {after, process, all}, request);
    // Without a range no value moves; D4 stays in 2026-12, so nothing of it is listed.
    CHECK(rows(f) == std::vector<std::string>{
                         "D1 pulled_in 2026-12-20 (2026-12)|2026-11-05 (2026-11) 0",
                         "D2 pushed_out 2026-12-20 (2026-12)|2027-03-01 (2027-03) 0",
                         "D3 close_moved 2026-12-20 (2026-12)|none 0",
                     });
    CHECK(f.pipeline.start == m(40000000));  // 4 × 100,000.00
    CHECK(f.pipeline.end == m(40000000));
    CHECK(f.balanced());

    // From 2026-12-10 to the end of the year, every project leaves the range: each by the
    // direction of its date, D4 too although its month is the same.
    request.range = std::get<DateRange>(make_range("", "2026-12-10", "2027-01-01"));
    const ForecastMovement r = forecast_movement({before, process, all}, {after, process, all}, request);
    CHECK(rows(r) == std::vector<std::string>{
                         "D1 pulled_in 2026-12-20 (2026-12)|2026-11-05 (2026-11) -5000000",
                         "D2 pushed_out 2026-12-20 (2026-12)|2027-03-01 (2027-03) -5000000",
                         "D3 close_moved 2026-12-20 (2026-12)|none -5000000",
                         "D4 pulled_in 2026-12-20 (2026-12)|2026-12-05 (2026-12) -5000000",
                     });
    CHECK(of(r.total, MovementKind::pulled_in) == m(-10000000));
    CHECK(of(r.total, MovementKind::pushed_out) == m(-5000000));
    CHECK(of(r.total, MovementKind::close_moved) == m(-5000000));
    // The open pipeline: the buckets follow the kinds, whatever the sign; close_moved is other.
    CHECK(r.pipeline.start == m(40000000));
    CHECK(of(r.pipeline, PipelineBucket::pulled_in) == m(-20000000));  // D1 and D4
    CHECK(of(r.pipeline, PipelineBucket::pushed_out) == m(-10000000));
    CHECK(of(r.pipeline, PipelineBucket::other) == m(-10000000));
    CHECK(r.pipeline.end == m(0));
    CHECK(r.balanced());
}

namespace {

// One project per bucket of the open pipeline's waterfall, over --period 2026Q4, with 1 USD
// going from 7.1 to 7.0 CNY in pipeline.yaml. The open amount of a state: the converted
// amount of each open project whose date falls in the quarter.
const std::vector<Spec> kTradeBefore = {
    {"T01", "b", "200000"},                                           // 200,000.00
    {"T02", "b", "80000"},                                            //  80,000.00
    {"T03", "b", "10000", "open", "2026-12-20", "zhang.san", "USD"},  // 10,000 × 7.1 = 71,000.00
    {"T04", "b", "20000", "open", "2027-01-15"},                      // 2027Q1: out
    {"T05", "b", "30000"},                                            //  30,000.00
    {"T06", "c", "100000"},                                           // 100,000.00
    {"T07", "b", "40000"},                                            //  40,000.00
    {"T08", "a", "50000"},                                            //  50,000.00
    {"T09", "b", "90000"},                                            //  90,000.00
    {"T10", "b", "60000", "lost", "2026-10-01"},                      // closed: 0
    {"T12", "a", "70000"},                                            //  70,000.00
};
const std::vector<Spec> kTradeAfter = {
    {"T01", "b", "300000"},                                           // increases  +100,000.00
    {"T02", "b", "50000"},                                            // decreases   -30,000.00
    {"T03", "b", "10000", "open", "2026-12-20", "zhang.san", "USD"},  // decreases (rate): 70,000.00 − 71,000.00
    {"T04", "b", "20000", "open", "2026-12-05"},                      // pulled in   +20,000.00
    {"T05", "b", "30000", "open", "2027-01-10"},                      // pushed out  -30,000.00
    {"T06", "c", "100000", "won", "2026-11-20"},                      // won        -100,000.00
    {"T07", "b", "40000", "lost", "2026-11-20"},                      // lost        -40,000.00
    {"T08", "a", "50000", "abandoned", "2026-11-20"},                 // lost        -50,000.00
    // T09 removed                                                    // other       -90,000.00
    {"T10", "b", "60000"},                                            // other (reopened) +60,000.00
    {"T11", "a", "120000"},                                           // new        +120,000.00
    {"T12", "c", "70000", "open", "2026-12-20", "li.si"},             // advanced, another owner: 0 in total
};

}  // namespace

TEST_CASE("movement: the open pipeline's waterfall — every bucket, exact, by kind and sign") {
    const Process old_process = load(process_text(50, "7.1")), new_process = load(process_text(50, "7.0"));
    const auto before = projects(kTradeBefore, old_process), after = projects(kTradeAfter, new_process);
    const Query all;
    MovementRequest request;
    request.range = std::get<DateRange>(make_range("2026Q4", "", ""));
    const ForecastMovement f = forecast_movement({before, old_process, all}, {after, new_process, all}, request);
    const PipelineWaterfall& w = f.pipeline;

    // 200,000 + 80,000 + 71,000 + 30,000 + 100,000 + 40,000 + 50,000 + 90,000 + 70,000 = 731,000.00
    CHECK(w.start == m(73100000));
    CHECK(of(w, PipelineBucket::added) == m(12000000));        // T11
    CHECK(of(w, PipelineBucket::pulled_in) == m(2000000));     // T04 into the quarter
    CHECK(of(w, PipelineBucket::increases) == m(10000000));    // T01
    CHECK(of(w, PipelineBucket::pushed_out) == m(-3000000));   // T05 out of the quarter
    CHECK(of(w, PipelineBucket::decreases) == m(-3100000));    // T02 −30,000 and T03 −1,000 (the rate)
    CHECK(of(w, PipelineBucket::lost) == m(-9000000));         // T07 −40,000 and T08 (abandoned) −50,000
    CHECK(of(w, PipelineBucket::won) == m(-10000000));         // T06 is no longer open
    CHECK(of(w, PipelineBucket::other) == m(-3000000));        // T09 removed −90,000, T10 reopened +60,000
    // 300,000 + 50,000 + 70,000 + 20,000 + 60,000 + 120,000 + 70,000 = 690,000.00
    //   = 731,000 + 120,000 + 20,000 + 100,000 − 30,000 − 31,000 − 90,000 − 100,000 − 30,000
    CHECK(w.end == m(69000000));
    CHECK(w.change() == m(-4100000));
    CHECK(w.balanced());

    // The weighted waterfall of the same change, beside it: 100,000 + 40,000 + 35,500 + 15,000
    // + 90,000 + 20,000 + 5,000 + 45,000 + 7,000 = 357,500.00 → 150,000 + 25,000 + 35,000
    // + 10,000 + 100,000 + 30,000 + 12,000 + 63,000 = 425,000.00.
    CHECK(f.total.before == m(35750000));
    CHECK(f.total.after == m(42500000));
    CHECK(of(f.total, MovementKind::revalued) == m(-50000));   // T03: 35,000.00 − 35,500.00
    CHECK(of(f.total, MovementKind::pulled_in) == m(1000000));
    CHECK(of(f.total, MovementKind::pushed_out) == m(-1500000));
    CHECK(f.balanced());

    // By owner: T12 (70,000.00) moves from zhang.san to li.si, the rest stays with zhang.san.
    request.by = {GroupKey::owner};
    const ForecastMovement g = forecast_movement({before, old_process, all}, {after, new_process, all}, request);
    REQUIRE(g.pipeline_groups.size() == 2);
    const PipelineWaterfall& li = g.pipeline_groups[0];
    const PipelineWaterfall& zhang = g.pipeline_groups[1];
    CHECK(li.group[0].value == "li.si");
    CHECK(zhang.group[0].value == "zhang.san");
    CHECK(li.start == m(0));
    CHECK(of(li, PipelineBucket::other) == m(7000000));
    CHECK(li.end == m(7000000));
    CHECK(zhang.start == m(73100000));
    CHECK(of(zhang, PipelineBucket::other) == m(-3000000 - 7000000));
    CHECK(of(zhang, PipelineBucket::won) == m(-10000000));
    CHECK(zhang.end == m(69000000 - 7000000));
    // The total is the same as without --by.
    CHECK(g.pipeline.start == w.start);
    CHECK(g.pipeline.buckets == w.buckets);
    CHECK(g.pipeline.end == w.end);
    CHECK(g.balanced());
}
