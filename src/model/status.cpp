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

std::optional<Status> parse_status(std::string_view t) {
    if (t == "open") return Status::open;
    if (t == "won") return Status::won;
    if (t == "lost") return Status::lost;
    if (t == "abandoned") return Status::abandoned;
    return std::nullopt;
}

}  // namespace pipeline
