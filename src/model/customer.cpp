#include "pipeline/model/customer.hpp"

#include <algorithm>

namespace pipeline {

std::optional<Date> CustomerRecord::last_revisit() const {
    std::optional<Date> last;
    for (const Revisit& r : revisits)
        if (r.date && (!last || *r.date > *last)) last = r.date;
    return last;
}

std::optional<std::int64_t> parse_moment(std::string_view text) {
    const std::optional<Date> day = Date::parse(text.substr(0, 10));
    if (!day) return std::nullopt;
    std::int64_t minutes = static_cast<std::int64_t>(day->days()) * 24 * 60;
    if (text.size() == 10) return minutes;
    // "YYYY-MM-DD HH:MM" (or with a T, as ISO 8601 writes it)
    if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':') return std::nullopt;
    const auto two = [&](std::size_t at) -> int {
        const char a = text[at], b = text[at + 1];
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    };
    const int hour = two(11), minute = two(14);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
    return minutes + hour * 60 + minute;
}

const CustomerRecord* find_customer(const std::vector<CustomerRecord>& customers, std::string_view id) {
    for (const CustomerRecord& c : customers)
        if (c.id == id) return &c;
    return nullptr;
}

void resolve_customers(std::vector<Project>& projects, const std::vector<CustomerRecord>& customers) {
    if (customers.empty()) return;
    for (Project& p : projects) {
        if (p.customer.id.empty()) continue;
        const CustomerRecord* c = find_customer(customers, p.customer.id.view());
        if (!c) continue;
        for (auto [mine, master] : {std::pair{&p.customer.name, &c->name}, std::pair{&p.customer.industry, &c->industry},
                                    std::pair{&p.customer.size, &c->size}, std::pair{&p.customer.grade, &c->grade}})
            if (mine->empty()) *mine = *master;
    }
}

}  // namespace pipeline
