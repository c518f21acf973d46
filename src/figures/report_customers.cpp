// customers and service: the customers by grade, size or industry, and how their complaints
// were handled against the rules (sop.md §5, §6).
#include <algorithm>
#include <map>

#include "pipeline/model/customer.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

namespace {

constexpr std::pair<CustomerGrouping, const char*> kGroupings[] = {
    {CustomerGrouping::grade, "grade"}, {CustomerGrouping::size, "size"}, {CustomerGrouping::industry, "industry"}};

// A customer as the reports see it: one of the master, or the customer a project embeds
// (known by its name), with the projects the filter selects.
struct CustomerUnit {
    const CustomerRecord* record = nullptr;
    std::string grade, size, industry;
    std::vector<const Project*> projects;
};

std::vector<CustomerUnit> customer_units(const std::vector<Project>& projects, const Process& process,
                                         const ReportRequest& request) {
    std::vector<CustomerUnit> units;
    std::map<std::string, std::size_t, std::less<>> by_id, by_name;
    if (request.customers)
        for (const CustomerRecord& c : *request.customers) {
            // A second file with one id is an error of check; the figures count the first, as projects resolve to it.
            if (c.id.empty() || !by_id.emplace(c.id.str(), units.size()).second) continue;
            units.push_back({&c, c.grade.str(), c.size.str(), c.industry.str(), {}});
        }
    for (const Project* p : select(projects, process, request.filter)) {
        const auto known = by_id.find(p->customer.id.view());
        if (known != by_id.end()) {
            units[known->second].projects.push_back(p);
            continue;
        }
        // Embedded: the project's own name is the customer; an id the master lacks (or without a
        // master) is one customer however many projects name it; a project with neither is its own.
        const std::string key = !p->customer.id.empty()  ? "\x01" + p->customer.id.str()
                                : p->customer.name.empty() ? "\n" + p->id.str()
                                                           : p->customer.name.str();
        const auto [at, added] = by_name.emplace(key, units.size());
        if (added) units.push_back({nullptr, p->customer.grade.str(), p->customer.size.str(), p->customer.industry.str(), {}});
        units[at->second].projects.push_back(p);
    }
    // A filter keeps the customers it selects a project of.
    if (!request.filter.empty())
        units.erase(std::remove_if(units.begin(), units.end(), [](const CustomerUnit& u) { return u.projects.empty(); }),
                    units.end());
    return units;
}

const std::string& key_of(const CustomerUnit& u, CustomerGrouping by) {
    return by == CustomerGrouping::grade ? u.grade : by == CustomerGrouping::size ? u.size : u.industry;
}

// Grades and sizes in the order pipeline-project(5) gives them, industries by name; none last.
template <class Group>
void order_groups(std::vector<Group>& groups, CustomerGrouping by) {
    const auto rank = [&](const std::string& key) -> std::size_t {
        if (key.empty()) return SIZE_MAX;
        return by == CustomerGrouping::industry ? 0 : customer_value_rank(customer_grouping_name(by), key);
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        const std::size_t ra = rank(a.key), rb = rank(b.key);
        return ra != rb ? ra < rb : a.key < b.key;
    });
}

template <class Group>
Group& group_for(std::vector<Group>& groups, const std::string& key) {
    for (Group& g : groups)
        if (g.key == key) return g;
    groups.push_back({});
    groups.back().key = key;
    return groups.back();
}

// The mean of whole numbers in tenths, halves away from zero.
std::optional<std::int64_t> mean_tenths(std::int64_t sum, std::size_t count) {
    if (count == 0) return std::nullopt;
    const auto n = static_cast<std::int64_t>(count);
    return (sum * 20 + n) / (2 * n);
}

}  // namespace

const char* customer_grouping_name(CustomerGrouping g) {
    for (const auto& [grouping, name] : kGroupings)
        if (grouping == g) return name;
    return "?";
}

std::optional<CustomerGrouping> parse_customer_grouping(std::string_view text) {
    for (const auto& [grouping, name] : kGroupings)
        if (text == name) return grouping;
    return std::nullopt;
}

CustomerReport customer_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    CustomerReport out;
    out.by = request.customers_by;
    out.has_master = request.customers && !request.customers->empty();
    const FirstWins wins = first_wins(projects);
    for (const CustomerUnit& u : customer_units(projects, process, request)) {
        CustomerGroup one;
        one.customers = 1;
        for (const Project* p : u.projects) one.figures.add(*p, process);
        if (u.record) {
            const auto revisit = revisit_due(*u.record, wins, process);
            if (revisit && revisit->due < request.today) one.revisits_overdue = 1;
            for (const Complaint& k : u.record->complaints) {
                const ComplaintTiming t = complaint_timing(k, process, request.today);
                if (t.open) ++one.complaints_open;
                if (t.answer_late || t.fix_late) ++one.complaints_late;
            }
        }
        for (CustomerGroup* g : {&group_for(out.groups, key_of(u, out.by)), &out.total}) {
            g->customers += one.customers;
            g->figures.add(one.figures);
            g->revisits_overdue += one.revisits_overdue;
            g->complaints_open += one.complaints_open;
            g->complaints_late += one.complaints_late;
        }
    }
    order_groups(out.groups, out.by);
    return out;
}

ServiceReport service_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    ServiceReport out;
    out.by = request.customers_by;
    out.answer_hours = process.rules.complaint_answer_hours;
    out.fix_hours = process.rules.complaint_fix_hours;
    struct Tally {
        std::vector<int> answer, fix;
        std::int64_t satisfaction = 0;
        std::size_t rated = 0;
    };
    std::map<std::string, Tally> tallies;
    Tally all;
    for (const CustomerUnit& u : customer_units(projects, process, request)) {
        if (!u.record) continue;
        for (const Complaint& k : u.record->complaints) {
            const auto received = parse_moment(k.received.view());
            if (!received || !request.window.contains(Date::from_days(static_cast<int>(*received / (24 * 60))))) continue;
            ServiceComplaint row{u.record->id.str(), u.record->name.str(),  u.grade,      k.summary.str(), k.received.str(),
                                 k.answered.str(),   k.fix_given.str(),     k.resolved.str(), k.satisfaction,
                                 complaint_timing(k, process, request.today)};
            ServiceGroup& g = group_for(out.groups, key_of(u, out.by));
            Tally& t = tallies[g.key];
            for (ServiceGroup* s : {&g, &out.total}) {
                ++s->complaints;
                if (row.timing.open) ++s->open;
                if (row.timing.answer_late) ++s->answer_late;
                if (row.timing.fix_late) ++s->fix_late;
            }
            for (Tally* s : {&t, &all}) {
                if (!k.answered.empty() && row.timing.answer_hours) s->answer.push_back(static_cast<int>(*row.timing.answer_hours));
                if (!k.fix_given.empty() && row.timing.fix_hours) s->fix.push_back(static_cast<int>(*row.timing.fix_hours));
                if (k.satisfaction) {
                    s->satisfaction += *k.satisfaction;
                    ++s->rated;
                }
            }
            out.complaints.push_back(std::move(row));
        }
    }
    const auto finish = [](ServiceGroup& g, Tally& t) {
        g.answer_hours = day_stats(std::move(t.answer));
        g.fix_hours = day_stats(std::move(t.fix));
        g.satisfaction = mean_tenths(t.satisfaction, t.rated);
    };
    for (ServiceGroup& g : out.groups) finish(g, tallies[g.key]);
    finish(out.total, all);
    order_groups(out.groups, out.by);
    std::stable_sort(out.complaints.begin(), out.complaints.end(),
                     [](const ServiceComplaint& a, const ServiceComplaint& b) { return a.received < b.received; });
    return out;
}

}  // namespace pipeline
