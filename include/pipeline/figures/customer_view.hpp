// What one customer of the master amounts to: its projects and their figures, its revisits and
// complaints (pipeline customer list, pipeline customer show).
#pragma once

#include <optional>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/check/customer_check.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// A customer's projects summed up: how many, open and won, and their money.
struct CustomerFigures {
    std::size_t project_count = 0, open = 0, won = 0;
    Money pipeline, weighted, won_amount;    // open amount, open weighted, won in full (base currency)
    Money receivable;                        // outstanding instalments of its projects
    void add(const Project& p, const Process& process);
    void add(const CustomerFigures& other);
};

struct CustomerView : CustomerFigures {
    const CustomerRecord* customer = nullptr;
    std::vector<const Project*> projects;    // naming it by id, in repository order
    std::vector<const Project*> referred;    // leads that came from it or its projects (repeat, referral)
    std::optional<RevisitDue> revisit;       // when it is next to be revisited (customers with a won project)
    std::size_t complaints_open = 0, complaints_late = 0;
};

CustomerView view_customer(const CustomerRecord& c, const std::vector<Project>& projects, const Process& process, Date today);

// Whether `customer list FILTER` lists the customer: the terms on the customer itself
// (customer:, industry:, customer_grade:, size:) hold for its record, and when there are
// others, one of its projects matches the whole filter.
bool customer_selected(const Query& filter, const CustomerRecord& c, const std::vector<Project>& projects,
                       const Process& process);

}  // namespace pipeline
