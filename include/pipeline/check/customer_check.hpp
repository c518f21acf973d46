// The checks of the customer master (pipeline-project(5), CUSTOMER FILES): ids, what projects
// say of their customer, revisits due and complaints answered late.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// When a customer with a won project is next to be revisited: the interval of its grade
// (rules.revisit_days) after its latest revisit, or after its first win when it has none;
// nullopt for a customer without a won project.
struct RevisitDue {
    std::optional<Date> last;   // the latest revisit
    Date due;
    int interval = 0;           // days, by grade
};
std::optional<RevisitDue> revisit_due(const CustomerRecord& c, const std::vector<Project>& projects, const Process& process);

// The day of each customer's first win, by customer id, in one pass over the projects: for the
// revisits of many customers at once (one pass per customer would be customers × projects).
using FirstWins = std::map<std::string, Date, std::less<>>;
FirstWins first_wins(const std::vector<Project>& projects);
std::optional<RevisitDue> revisit_due(const CustomerRecord& c, const FirstWins& wins, const Process& process);

// How long a complaint waited for its answer and its direction for a fix, in hours begun, and
// whether that was over the rules; a complaint still waiting counts until the end of `today`.
// No hours, and nothing late, when check calls one of its times an error (not a time, before
// it was received, in the future): the figures leave such times out.
struct ComplaintTiming {
    std::optional<std::int64_t> answer_hours, fix_hours;  // taken (or waited so far), in hours
    bool answer_late = false, fix_late = false;
    bool open = true;                                     // not resolved
};
ComplaintTiming complaint_timing(const Complaint& c, const Process& process, Date today);

// Ids unique and equal to the file name, customer ids of projects known, grade and size as the
// master says, revisits due, complaints in time (nothing of these when there is no master);
// and the project or customer a lead came from (lead.from_project, lead.from_customer) known.
void check_customers(const std::vector<CustomerRecord>& customers, const std::vector<Project>& projects,
                     const Process& process, Date today, Diagnostics& out);

}  // namespace pipeline
