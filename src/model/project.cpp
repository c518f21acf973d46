#include "pipeline/model/project.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/text.hpp"

namespace pipeline {

bool valid_project_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(id[0])) return false;
    if (id.find("..") != std::string_view::npos) return false;
    return std::all_of(id.begin(), id.end(), [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool reserved_file_name(std::string_view id) {
    const std::string stem = ascii_lower(id.substr(0, id.find('.')));
    for (const char* device : {"con", "prn", "aux", "nul"})
        if (stem == device) return true;
    return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) && stem[3] >= '1' && stem[3] <= '9';
}

std::optional<Date> Project::created() const {
    for (const HistoryEntry& h : history)
        if (h.date) return h.date;
    return std::nullopt;
}

std::optional<Date> Project::last_touched() const {
    std::optional<Date> last;
    for (const Activity& a : activities)
        if (a.date && (!last || *a.date > *last)) last = a.date;
    for (const HistoryEntry& h : history)
        if (h.date && (!last || *h.date > *last)) last = h.date;
    return last;
}

std::optional<Date> Project::stage_entered() const {
    for (auto it = history.rbegin(); it != history.rend(); ++it)
        if (it->to >= 0 && it->to == stage) return it->date;
    return std::nullopt;
}

std::optional<Date> Project::entered(int index) const {
    for (const HistoryEntry& h : history)
        if (h.to >= 0 && h.to == index) return h.date;
    return std::nullopt;
}

const CustomValue* Project::custom_value(std::uint32_t field) const {
    for (const CustomValue& v : custom)
        if (v.field == field) return v.refused ? nullptr : &v;
    return nullptr;
}

bool valid_document_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, end - start);
        if (part.empty() || part == "..") return false;
        start = end + 1;
    }
    return true;
}

}  // namespace pipeline
