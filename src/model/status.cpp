#include "pipeline/model/status.hpp"

namespace pipeline {

const char* status_id(Status s) {
    switch (s) {
        case Status::open: return "open";
        case Status::won: return "won";
        case Status::lost: return "lost";
        case Status::abandoned: return "abandoned";
    }
    return "open";
}

std::string_view status_name(Status s) {
    const std::string_view names = kStatusNames[static_cast<int>(s)];
    return names.substr(0, names.find('|'));
}

Text status_word(Status s) {
    if (current_language() == Language::english) return Text(status_id(s));
    return Text(status_id(s), std::string(status_name(s)));
}

std::optional<Status> parse_status(std::string_view t) {
    if (t == "open") return Status::open;
    if (t == "won") return Status::won;
    if (t == "lost") return Status::lost;
    if (t == "abandoned") return Status::abandoned;
    for (Status s : {Status::open, Status::won, Status::lost, Status::abandoned})
        if (is_one_of_names(kStatusNames[static_cast<int>(s)], t)) return s;
    return std::nullopt;
}

bool is_one_of_names(std::string_view names, std::string_view text) {
    if (text.empty()) return false;
    while (!names.empty()) {
        const std::size_t bar = names.find('|');
        if (names.substr(0, bar) == text) return true;
        if (bar == std::string_view::npos) break;
        names.remove_prefix(bar + 1);
    }
    return false;
}

}  // namespace pipeline
