// Names in the order people expect: Chinese by pinyin, Latin after, a total order.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pipeline/base/collate.hpp"

using namespace pipeline;

TEST_CASE("collate: Chinese names by pinyin, not by code point") {
    // Code points: 刘 U+5218 < 张 U+5F20 < 赵 U+8D75 < 陈 U+9648; pinyin: chen < liu < zhang < zhao.
    std::vector<std::string> names{"赵敏", "张三", "陈静", "刘洋", "张伟"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return collate(a, b) < 0; });
    CHECK(names == std::vector<std::string>{"陈静", "刘洋", "张三", "张伟", "赵敏"});
    CHECK(collate("交通", "教育") < 0);   // jiāo before jiào
    CHECK(collate("卫生", "制造业") < 0);  // wei before zhi, though 制 U+5236 < 卫 U+536B
}

TEST_CASE("collate: Latin names after Chinese ones, alphabetical, and the order is total") {
    CHECK(collate("张三", "Acme") < 0);
    CHECK(collate("acme", "Beta") < 0);
    CHECK(collate("Acme", "acme") != 0);  // equal to the collator, apart by bytes
    CHECK(collate("Acme", "acme") == -collate("acme", "Acme"));
    CHECK(collate("张三", "张三") == 0);
    CHECK(collate("", "张三") < 0);
    // Not UTF-8: still an order, never a crash.
    CHECK(collate("\xff\xfe", "a") != 0);
}
