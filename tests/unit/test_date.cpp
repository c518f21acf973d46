// Calendar dates: only real dates parse; arithmetic in days.
#include <doctest/doctest.h>

#include "pipeline/base/date.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {
Date d(std::string_view text) {
    auto v = Date::parse(text);
    REQUIRE_MESSAGE(v, std::string(text));
    return *v;
}
}  // namespace

TEST_CASE("date: real calendar dates parse") {
    const Date x = d("2026-11-23");
    CHECK(x.year() == 2026);
    CHECK(x.month() == 11);
    CHECK(x.day() == 23);
    CHECK(x.quarter() == 4);
    CHECK(d("2026-01-01").quarter() == 1);
    CHECK(d("2026-03-31").quarter() == 1);
    CHECK(d("2026-04-01").quarter() == 2);
    CHECK(d("2026-12-31").iso() == "2026-12-31");
}

TEST_CASE("date: days that do not exist are refused") {
    CHECK_FALSE(Date::parse("2026-02-30"));
    CHECK_FALSE(Date::parse("2026-02-29"));
    CHECK_FALSE(Date::parse("2026-04-31"));
    CHECK_FALSE(Date::parse("2026-13-01"));
    CHECK_FALSE(Date::parse("2026-00-10"));
    CHECK_FALSE(Date::parse("2026-01-00"));
    CHECK_FALSE(Date::parse("2026-01-32"));
    CHECK_FALSE(Date::parse("0000-01-01"));
}

TEST_CASE("date: leap years follow the Gregorian rule") {
    CHECK(Date::parse("2024-02-29"));
    CHECK(Date::parse("2000-02-29"));
    CHECK_FALSE(Date::parse("2100-02-29"));
    CHECK_FALSE(Date::parse("1900-02-29"));
    CHECK(Date::from_ymd(2024, 2, 29));
    CHECK_FALSE(Date::from_ymd(2100, 2, 29));
    CHECK_FALSE(Date::from_ymd(2026, 2, 30));
    CHECK_FALSE(Date::from_ymd(10000, 1, 1));
}

TEST_CASE("date: only YYYY-MM-DD is a date") {
    for (std::string_view t : {"2026-2-3", "2026/02/03", "2026-02-3 ", " 2026-02-03", "20260203", "2026年2月3日",
                               "+026-02-03", "2026-0a-03", "", "2026-02-03T00:00"})
        CHECK_MESSAGE(!Date::parse(t), std::string(t));
}

TEST_CASE("date: iso round trip across four centuries") {
    const Date first = d("1999-12-25");
    for (int i = 0; i < 146097 + 400; i += 7) {
        const Date x = first + i;
        REQUIRE(Date::parse(x.iso()) == x);
        REQUIRE(Date::from_ymd(x.year(), x.month(), x.day()) == x);
    }
    CHECK(Date::from_days(0).iso() == "1970-01-01");
    CHECK(Date::from_days(-1).iso() == "1969-12-31");
    CHECK(d("0001-01-01").iso() == "0001-01-01");
    CHECK(d("9999-12-31").iso() == "9999-12-31");
}

TEST_CASE("date: arithmetic and order") {
    CHECK((d("2026-12-31") + 1).iso() == "2027-01-01");
    CHECK((d("2024-02-28") + 1).iso() == "2024-02-29");
    CHECK((d("2026-02-28") + 1).iso() == "2026-03-01");
    CHECK((d("2026-03-01") + -1).iso() == "2026-02-28");
    CHECK(d("2024-03-01") - d("2024-02-28") == 2);
    CHECK(d("2026-11-23") - d("2026-11-13") == 10);
    CHECK(d("2026-01-01") - d("2027-01-01") == -365);
    CHECK(d("2025-01-01") - d("2024-01-01") == 366);
    CHECK(d("2026-11-22") < d("2026-11-23"));
    CHECK(d("2026-11-23") == d("2026-11-23"));
    CHECK(Date::from_days(d("2026-11-23").days()) == d("2026-11-23"));
}
