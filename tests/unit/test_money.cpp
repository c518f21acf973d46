// Money: exact parsing, rounding halves away from zero, and display.
#include <doctest/doctest.h>

#include <limits>

#include "pipeline/base/money.hpp"
#include "support.hpp"

using namespace pipeline;

namespace {

Money money(std::string_view text) {
    auto v = parse_money(text);
    REQUIRE_MESSAGE(std::holds_alternative<Money>(v), std::string(text));
    return std::get<Money>(v);
}

std::string refusal(std::string_view text) {
    auto v = parse_money(text);
    if (auto* e = std::get_if<ParseError>(&v)) return e->message.english();
    return "accepted";
}

}  // namespace

TEST_CASE("money: parse whole amounts and cents") {
    CHECK(money("1280000") == Money{128000000});
    CHECK(money("1280000.5") == Money{128000050});
    CHECK(money("1280000.50") == Money{128000050});
    CHECK(money("0.01") == Money{1});
    CHECK(money("0") == Money{0});
    CHECK(money("1.") == Money{100});
    CHECK(money(".5") == Money{50});
    CHECK(money("+3") == Money{300});
    CHECK(money("007") == Money{700});
}

TEST_CASE("money: negative amounts parse (the loader refuses them where they make no sense)") {
    CHECK(money("-3") == Money{-300});
    CHECK(money("-0.05") == Money{-5});
}

TEST_CASE("money: more than two decimals is refused, not rounded") {
    CHECK(refusal("1280000.505") == "has more than 2 decimals");
    CHECK(refusal("0.001") == "has more than 2 decimals");
}

TEST_CASE("money: thousands separators and exponents are refused with a hint") {
    CHECK(refusal("1,280,000") == "has a thousands separator: write the digits alone, e.g. 1280000");
    CHECK(refusal("1，280，000") == "has a thousands separator: write the digits alone, e.g. 1280000");
    CHECK(refusal("1e6") == "uses an exponent: write the digits in full");
    CHECK(refusal("1.28E6") == "uses an exponent: write the digits in full");
}

TEST_CASE("money: NaN and infinities are refused") {
    for (std::string_view t : {"NaN", "nan", ".nan", ".NaN", ".NAN"}) CHECK(refusal(t) == "is not a number (NaN): write it in digits");
    for (std::string_view t : {".inf", "-.inf", "+.Inf", ".INF", "inf", "Infinity"}) CHECK(refusal(t) == "is infinite: write it in digits");
}

TEST_CASE("money: other text is not a number") {
    CHECK(refusal("") == "empty value");
    for (std::string_view t : {"-", ".", "1.2.3", " 1", "1 ", "100元", "一百万", "１００", "0x10", "12abc", "yes", "e", "none"})
        CHECK_MESSAGE(refusal(t) == "is not a number", std::string(t));
}

TEST_CASE("money: amounts beyond the range are refused, not wrapped") {
    CHECK(refusal("99999999999999999999") == "is too large");
    CHECK(money("1000000000000") == Money{kMaxAmountCents});
    CHECK(money("-1000000000000") == Money{-kMaxAmountCents});
    CHECK(refusal("1000000000000.01") == "is larger than the largest amount pipeline takes, 1000000000000");
    CHECK(refusal("9000000000000") == "is larger than the largest amount pipeline takes, 1000000000000");
}

TEST_CASE("money: sums and conversions never wrap: they are exact or MoneyOverflow") {
    const Money big{std::numeric_limits<std::int64_t>::max() - 5};
    CHECK_THROWS_AS(big + Money{6}, MoneyOverflow);
    CHECK(big + Money{5} == Money{std::numeric_limits<std::int64_t>::max()});
    CHECK_THROWS_AS(Money{std::numeric_limits<std::int64_t>::min()} - Money{1}, MoneyOverflow);
    Money sum;
    CHECK_THROWS_AS(for (int i = 0; i < 100; ++i) sum += Money{kMaxAmountCents * 10000 / 100 * 100}, MoneyOverflow);
    // The largest amount at the largest rate still converts exactly.
    CHECK(convert(Money{kMaxAmountCents}, Rate{kMaxRateMicros}) == Money{kMaxAmountCents * 10000});
    CHECK_THROWS_AS(convert(Money{std::numeric_limits<std::int64_t>::max()}, Rate{kMaxRateMicros}), MoneyOverflow);
}

TEST_CASE("money: rates have six decimals") {
    auto r = parse_rate("7.1");
    REQUIRE(std::holds_alternative<Rate>(r));
    CHECK(std::get<Rate>(r).micros == 7'100'000);
    CHECK(std::get<Rate>(parse_rate("0.000001")).micros == 1);
    auto bad = parse_rate("7.1234567");
    REQUIRE(std::holds_alternative<ParseError>(bad));
    CHECK(std::get<ParseError>(bad).message == "has more than 6 decimals");
    CHECK(std::get<Rate>(parse_rate("10000")).micros == kMaxRateMicros);
    CHECK(std::get<ParseError>(parse_rate("10000.000001")).message == "is larger than the largest rate pipeline takes, 10000");
}

TEST_CASE("money: parse_decimal with no decimals allowed") {
    CHECK(std::get<std::int64_t>(parse_decimal("42", 0)) == 42);
    CHECK(std::get<std::int64_t>(parse_decimal("-42", 0)) == -42);
    CHECK(std::get<ParseError>(parse_decimal("4.2", 0)).message == "has more than 0 decimals");
}

TEST_CASE("money: convert rounds to the cent, halves away from zero") {
    CHECK(convert(Money{100}, Rate{7'100'000}) == Money{710});
    CHECK(convert(Money{128000050}, Rate{1'000'000}) == Money{128000050});
    CHECK(convert(Money{1}, Rate{500'000}) == Money{1});     // 0.5 cent → 1
    CHECK(convert(Money{-1}, Rate{500'000}) == Money{-1});   // -0.5 cent → -1
    CHECK(convert(Money{1}, Rate{499'999}) == Money{0});
    CHECK(convert(Money{-1}, Rate{499'999}) == Money{0});
    CHECK(convert(Money{3}, Rate{1'500'000}) == Money{5});   // 4.5 → 5
    CHECK(convert(Money{-3}, Rate{1'500'000}) == Money{-5});
    // No overflow in the intermediate product.
    CHECK(convert(Money{900000000000000}, Rate{7'750'000}) == Money{6975000000000000});
}

TEST_CASE("money: changed_by_more_than is exact, without rounding") {
    CHECK_FALSE(changed_by_more_than(Money{100000}, Money{120000}, 20));  // exactly 20%
    CHECK(changed_by_more_than(Money{100000}, Money{120001}, 20));        // 20.001%: a rounded share would say 20.0
    CHECK(changed_by_more_than(Money{100000}, Money{79999}, 20));         // down as up
    CHECK_FALSE(changed_by_more_than(Money{100000}, Money{80000}, 20));
    CHECK(changed_by_more_than(Money{0}, Money{1}, 20));                  // any change of nothing
    CHECK_FALSE(changed_by_more_than(Money{0}, Money{0}, 20));
    CHECK(changed_by_more_than(Money{100'000'000'000'000}, Money{0}, 99));  // the largest amounts do not overflow
}

TEST_CASE("money: percent_of rounds halves away from zero") {
    CHECK(percent_of(Money{128000000}, 45) == Money{57600000});
    CHECK(percent_of(Money{5}, 50) == Money{3});     // 2.5 → 3
    CHECK(percent_of(Money{-5}, 50) == Money{-3});   // -2.5 → -3
    CHECK(percent_of(Money{1}, 49) == Money{0});
    CHECK(percent_of(Money{1}, 50) == Money{1});
    CHECK(percent_of(Money{-1}, 50) == Money{-1});
    CHECK(percent_of(Money{12345}, 5) == Money{617});  // 617.25
    CHECK(percent_of(Money{12350}, 5) == Money{618});  // 617.5
    CHECK(percent_of(Money{999}, 0) == Money{0});
    CHECK(percent_of(Money{999}, 100) == Money{999});
}

TEST_CASE("money: ratio_permille in tenths of a percent") {
    CHECK(ratio_permille(1, 3) == 333);
    CHECK(ratio_permille(2, 3) == 667);
    CHECK(ratio_permille(1, 2000) == 1);     // 0.05% → 0.1%
    CHECK(ratio_permille(-1, 2000) == -1);
    CHECK(ratio_permille(3, 2) == 1500);
    CHECK(ratio_permille(1, -8) == -125);
}

TEST_CASE("money: format_money groups thousands and shows two decimals") {
    CHECK(format_money(Money{0}) == "0.00");
    CHECK(format_money(Money{5}) == "0.05");
    CHECK(format_money(Money{99999}) == "999.99");
    CHECK(format_money(Money{100000}) == "1,000.00");
    CHECK(format_money(Money{128000050}) == "1,280,000.50");
    CHECK(format_money(Money{-128000050}) == "-1,280,000.50");
    CHECK(format_money(Money{-5}) == "-0.05");
    CHECK(format_money(Money{100000000000}) == "1,000,000,000.00");
    CHECK(format_money(Money{std::numeric_limits<std::int64_t>::min()}) == "-92,233,720,368,547,758.08");
}

TEST_CASE("money: plain_money and format_permille") {
    CHECK(plain_money(Money{128000050}) == "1280000.50");
    CHECK(plain_money(Money{-5}) == "-0.05");
    CHECK(plain_money(Money{0}) == "0.00");
    CHECK(format_permille(1234) == "123.4%");
    CHECK(format_permille(0) == "0.0%");
    CHECK(format_permille(-5) == "-0.5%");
}

TEST_CASE("money: arithmetic and order") {
    Money a{100};
    a += Money{50};
    CHECK(a == Money{150});
    a -= Money{200};
    CHECK(a == Money{-50});
    CHECK(Money{1} + Money{2} == Money{3});
    CHECK(Money{1} < Money{2});
}

TEST_CASE("money: display units round half away from zero to two decimals of the unit") {
    CHECK(format_money_in(Money{4'258'000'080}, MoneyUnit::yuan) == "42,580,000.80");
    CHECK(format_money_in(Money{4'258'000'080}, MoneyUnit::wan) == "4,258.00");
    CHECK(format_money_in(Money{4'258'000'080}, MoneyUnit::yi) == "0.43");
    CHECK(format_money_in(Money{5'000}, MoneyUnit::wan) == "0.01");     // 50 元 is half of 0.01 万
    CHECK(format_money_in(Money{4'999}, MoneyUnit::wan) == "0.00");
    CHECK(format_money_in(Money{-5'000}, MoneyUnit::wan) == "-0.01");
    CHECK(format_money_in(Money{kMaxAmountCents}, MoneyUnit::wan) == "100,000,000.00");
    CHECK(format_money_in(Money{std::numeric_limits<std::int64_t>::min()}, MoneyUnit::yi) == "-922,337,203.69");
    CHECK(parse_money_unit("万元") == MoneyUnit::wan);
    CHECK(parse_money_unit("yi") == MoneyUnit::yi);
    CHECK(!parse_money_unit("万"));
    CHECK(money_unit_label(MoneyUnit::wan, "CNY") == "万元");
    CHECK(money_unit_label(MoneyUnit::yi, "USD") == "亿 USD");
    CHECK(money_unit_label(MoneyUnit::yuan, "USD") == "USD");
}
