// The order people expect names in: Chinese by pinyin (张伟 before 赵敏: zhang < zhao), Latin
// names after them in alphabetical order, by ICU's collation for zh; the same whatever the
// language of the run, so that sorted output never changes with it.
#pragma once

#include <string>
#include <string_view>

namespace pipeline {

// <0, 0, >0 as `a` sorts before, with or after `b`. Equal names under collation fall back to
// their bytes, so that the order is total and stable.
int collate(std::string_view a, std::string_view b);

}  // namespace pipeline
