// The order people expect names in: Chinese by pinyin (张伟 before 赵敏: zhang < zhao), other
// scripts by their own alphabet, with ICU's collation for Chinese; the same whatever the
// language of the run, so that sorted output never changes with it.
#pragma once

#include <string>
#include <string_view>

namespace pipeline {

// <0, 0, >0 as `a` sorts before, with or after `b`. Equal names under collation fall back to
// their bytes, so that the order is total and stable.
int collate(std::string_view a, std::string_view b);

// For std::sort and ordered maps.
struct CollateLess {
    bool operator()(std::string_view a, std::string_view b) const { return collate(a, b) < 0; }
};

// A key whose byte order is the collation order (for sorting many names at once).
std::string collation_key(std::string_view text);

}  // namespace pipeline
