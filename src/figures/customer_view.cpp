#include "pipeline/figures/customer_view.hpp"

#include <algorithm>

#include "pipeline/figures/valuation.hpp"

namespace pipeline {

void CustomerFigures::add(const Project& p, const Process& process) {
    ++project_count;
    const Valuation value = valuate(p, process);
    if (p.status == Status::open) {
        ++open;
        pipeline += value.amount;
        weighted += value.weighted;
    } else if (p.status == Status::won) {
        ++won;
        won_amount += value.amount;
    }
    for (const Payment& pay : p.payments) receivable += converted(p, pay.outstanding(), process);
}

void CustomerFigures::add(const CustomerFigures& other) {
    project_count += other.project_count;
    open += other.open;
    won += other.won;
    pipeline += other.pipeline;
    weighted += other.weighted;
    won_amount += other.won_amount;
    receivable += other.receivable;
}

bool customer_selected(const Query& filter, const CustomerRecord& c, const std::vector<Project>& projects,
                       const Process& process) {
    if (filter.empty()) return true;
    const auto on_customer = [](const QueryTerm& t) {
        return t.field == QueryField::customer || t.field == QueryField::industry || t.field == QueryField::customer_grade ||
               t.field == QueryField::size;
    };
    // The record as a project that names it, for the terms on the customer.
    Project probe;
    probe.customer.id = c.id;
    probe.customer.name = c.name;
    probe.customer.industry = c.industry;
    probe.customer.grade = c.grade;
    probe.customer.size = c.size;
    bool others = false;
    for (const QueryTerm& t : filter.terms) {
        if (!on_customer(t)) others = true;
        else if (!matches(t, probe, process)) return false;
    }
    if (!others) return true;
    return std::any_of(projects.begin(), projects.end(),
                       [&](const Project& p) { return p.customer.id == c.id && matches(filter, p, process); });
}

CustomerView view_customer(const CustomerRecord& c, const std::vector<Project>& projects, const Process& process, Date today) {
    CustomerView v;
    v.customer = &c;
    for (const Project& p : projects) {
        if (p.lead.from_customer == c.id) v.referred.push_back(&p);
        if (p.customer.id != c.id) continue;
        v.projects.push_back(&p);
        v.add(p, process);
    }
    // Leads that came from one of its projects count as its referrals too.
    for (const Project& p : projects)
        if (!p.lead.from_project.empty() && std::find(v.referred.begin(), v.referred.end(), &p) == v.referred.end() &&
            std::any_of(v.projects.begin(), v.projects.end(), [&](const Project* mine) { return mine->id == p.lead.from_project; }))
            v.referred.push_back(&p);
    v.revisit = revisit_due(c, projects, process);
    for (const Complaint& k : c.complaints) {
        const ComplaintTiming t = complaint_timing(k, process, today);
        if (t.open) ++v.complaints_open;
        if (t.answer_late || t.fix_late) ++v.complaints_late;
    }
    return v;
}

}  // namespace pipeline
