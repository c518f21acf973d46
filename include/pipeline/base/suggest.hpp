// "Did you mean": the known word closest to a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipeline {

// The candidate closest to `word` by edit distance (in characters), if close enough to suggest.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace pipeline
