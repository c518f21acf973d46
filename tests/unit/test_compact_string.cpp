// CompactString: the text fields of project records in 16 bytes.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "pipeline/base/compact_string.hpp"

using pipeline::CompactString;
using namespace std::string_literals;

static_assert(sizeof(CompactString) == 16);

TEST_CASE("compact string: holds any text, short or long, and reads it back unchanged") {
    // 0, 1, 14, 15 (the last inline length), 16 (the first on the heap) and long text, some of it
    // Chinese (3 bytes a character), some with a NUL inside.
    const std::vector<std::string> texts = {
        ""s, "a"s, "12345678901234"s, "123456789012345"s, "1234567890123456"s, "华东电网公司"s,
        "华东电网公司改造"s, std::string(1000, 'x'), "a\0b"s, std::string(20, '\0')};
    for (const std::string& t : texts) {
        CAPTURE(t.size());
        const CompactString s(t);
        CHECK(s.size() == t.size());
        CHECK(s.empty() == t.empty());
        CHECK(s.view() == t);
        CHECK(s.str() == t);
        CHECK(std::string(s.begin(), s.end()) == t);
        CHECK(s == t);
        CHECK(s == CompactString(t));
    }
}

TEST_CASE("compact string: copies, moves and assignments leave each value whole") {
    const std::string long_text = "华东电网公司二期改造项目";
    CompactString a(long_text), b("short");
    CompactString copy = a;
    CHECK(copy == long_text);
    CHECK(copy.data() != a.data());                      // a copy owns its own text
    CompactString moved = std::move(copy);
    CHECK(moved == long_text);
    CHECK(copy.empty());                                 // NOLINT: a moved-from value is empty
    b = a;
    CHECK(b == long_text);
    CHECK(a == long_text);
    b = "again short";
    CHECK(b == "again short");
    a = a;                                               // self-assignment keeps the value
    CHECK(a == long_text);
    a = std::move(a);
    CHECK(a == long_text);
    a.clear();
    CHECK(a.empty());
    CHECK(a.size() == 0);
    a.swap(b);
    CHECK(a == "again short");
    CHECK(b.empty());
    a.swap(a);
    CHECK(a == "again short");
    a = {};                                              // a null const char*: the empty string
    CHECK(a.empty());
    const char* null_text = nullptr;
    CHECK(CompactString(null_text).empty());
    CHECK(CompactString() == null_text);

    std::vector<CompactString> many;
    for (int i = 0; i < 100; ++i) many.emplace_back(fmt::format("项目-{}-{}", i, std::string(static_cast<std::size_t>(i), 'z')));
    for (int i = 0; i < 100; ++i) CHECK(many[static_cast<std::size_t>(i)] == fmt::format("项目-{}-{}", i, std::string(static_cast<std::size_t>(i), 'z')));
}

TEST_CASE("compact string: orders and formats like std::string") {
    const std::vector<std::string> texts = {"", "a", "ab", "b", "华东", "华北", "123456789012345", "1234567890123456"};
    for (const std::string& x : texts)
        for (const std::string& y : texts) {
            CAPTURE(x);
            CAPTURE(y);
            CHECK((CompactString(x) < CompactString(y)) == (x < y));
            CHECK((CompactString(x) == CompactString(y)) == (x == y));
            CHECK((CompactString(x) < y) == (x < y));
        }
    CHECK(fmt::format("[{:>8}]", CompactString("ab")) == "[      ab]");
    CHECK(fmt::format("{}", CompactString("华东电网公司二期改造")) == "华东电网公司二期改造");
    CHECK(CompactString("ab") + "c" == "abc");
    CHECK("x" + CompactString("yz") == "xyz");
}
