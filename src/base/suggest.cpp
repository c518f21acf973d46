#include "pipeline/base/suggest.hpp"

#include <algorithm>

namespace pipeline {

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    // Characters, not bytes: a Chinese character is one edit, not three.
    auto characters = [](std::string_view s) {
        std::vector<std::string_view> out;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n = 1;
            while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
            out.push_back(s.substr(i, n));
            i += n;
        }
        return out;
    };
    // Edits to turn a into b, two neighbours swapped counting as one (lsit is list, not init).
    auto distance = [](const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
        std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
        for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
        for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i)
            for (std::size_t j = 1; j <= b.size(); ++j) {
                d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.size()][b.size()];
    };
    // The word in other case (sy-hosp for SY-HOSP) is the best guess however long it is.
    const auto ascii_lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    const std::string lowered = ascii_lower(word);
    for (const std::string& c : candidates)
        if (c != word && ascii_lower(c) == lowered) return c;
    const auto letters = characters(word);
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, letters.size() / 3) + 1;
    for (const std::string& c : candidates) {
        const auto other = characters(c);
        const std::size_t d = distance(letters, other);
        // A word changed in every character is another word (外援 is not 张三).
        if (d >= std::max(letters.size(), other.size())) continue;
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace pipeline
