// Reporting periods: year, quarter, month; half-open ranges.
#include <doctest/doctest.h>

#include "pipeline/base/period.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {
Date d(std::string_view text) { return *Date::parse(text); }
}  // namespace

TEST_CASE("period: a year") {
    auto p = parse_period("2026");
    REQUIRE(p);
    CHECK(p->begin == d("2026-01-01"));
    CHECK(p->end == d("2027-01-01"));
    CHECK(p->label == "2026");
}

TEST_CASE("period: quarters, either case of Q") {
    auto q4 = parse_period("2026Q4");
    REQUIRE(q4);
    CHECK(q4->begin == d("2026-10-01"));
    CHECK(q4->end == d("2027-01-01"));
    CHECK(q4->label == "2026Q4");
    auto q1 = parse_period("2026q1");
    REQUIRE(q1);
    CHECK(q1->begin == d("2026-01-01"));
    CHECK(q1->end == d("2026-04-01"));
    CHECK(q1->label == "2026Q1");
}

TEST_CASE("period: months, December ends in the next year") {
    auto nov = parse_period("2026-11");
    REQUIRE(nov);
    CHECK(nov->begin == d("2026-11-01"));
    CHECK(nov->end == d("2026-12-01"));
    CHECK(nov->label == "2026-11");
    auto dec = parse_period("2026-12");
    REQUIRE(dec);
    CHECK(dec->end == d("2027-01-01"));
    auto feb = parse_period("2024-02");
    REQUIRE(feb);
    CHECK(feb->end - feb->begin == 29);
}

TEST_CASE("period: other text is no period") {
    for (std::string_view t : {"", "26", "2026Q0", "2026Q5", "2026-00", "2026-13", "2026-1", "2026-011", "abcd",
                               "0000", "10000", "2026H1", "2026-Q4", "2026-11-01", "Q4"})
        CHECK_MESSAGE(!parse_period(t), std::string(t));
}

TEST_CASE("period: the last year of the calendar has its periods, ending the day after 9999-12-31") {
    for (std::string_view t : {"9999", "9999Q4", "9999-12"}) {
        auto p = parse_period(t);
        REQUIRE_MESSAGE(p, std::string(t));
        CHECK(p->end - d("9999-12-31") == 1);
        CHECK(p->contains(d("9999-12-31")));
    }
    CHECK(period_of(d("9999-12-31"), PeriodUnit::month).label == "9999-12");
    CHECK(period_of(d("9999-12-31"), PeriodUnit::quarter).end == period_of(d("9999-12-31"), PeriodUnit::year).end);
}

TEST_CASE("period: contains is half-open") {
    auto q4 = *parse_period("2026Q4");
    CHECK(q4.contains(d("2026-10-01")));
    CHECK(q4.contains(d("2026-12-31")));
    CHECK_FALSE(q4.contains(d("2027-01-01")));
    CHECK_FALSE(q4.contains(d("2026-09-30")));
}

TEST_CASE("period: period_of a date in each unit") {
    const Date x = d("2026-11-23");
    const Period m = period_of(x, PeriodUnit::month);
    CHECK(m.label == "2026-11");
    CHECK(m == *parse_period("2026-11"));
    const Period q = period_of(x, PeriodUnit::quarter);
    CHECK(q.label == "2026Q4");
    CHECK(q == *parse_period("2026Q4"));
    const Period y = period_of(x, PeriodUnit::year);
    CHECK(y.label == "2026");
    CHECK(y == *parse_period("2026"));
    CHECK(period_of(d("2026-12-31"), PeriodUnit::month).end == d("2027-01-01"));
    CHECK(period_of(d("2026-03-31"), PeriodUnit::quarter).label == "2026Q1");
}
