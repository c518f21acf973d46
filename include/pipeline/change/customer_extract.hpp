// pipeline customer extract: customers written into projects (customer: {name: ..., grade: ...})
// move into the customer master, one file per customer, and the projects refer to them by id.
// Planned here as text, without touching a file: the new customer files and the edited project
// texts, each verified by loading it again (store/change_set.hpp writes them as one change).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {

// A project file as read, without its byte-order mark.
struct ProjectText {
    std::string path;   // relative to the repository root
    std::string text;
};

struct ExtractRequest {
    std::map<std::string, std::string, std::less<>> ids;  // customer name → the id it gets (several names may share one)
    std::string prefix = "C-";                            // of the ids made for the others: C-0001, C-0002, ...
    // Ids the projects name already (customer.id, lead.from_customer): a made id takes none of
    // them, so that a dangling reference does not quietly become another customer's.
    std::set<std::string, std::less<>> ids_in_use;
};

// A value a project keeps because it differs from the master's (check then reports a grade or
// size that differs).
struct KeptValue {
    std::string project, key, value, master_value;
};

struct ExtractedCustomer {
    std::string id, name;
    std::string path;                  // customers/ID.yaml; empty when the master holds the customer already
    std::string text;                  // the new file
    std::string industry, size, grade; // as the master has them
    std::vector<std::string> projects; // the ids of the projects that now refer to it
    std::vector<KeptValue> kept;
};

struct ProjectRewrite {
    std::string path, id;
    std::string before, after;         // the texts, without a byte-order mark
    std::vector<Splice> splices;       // what changes, for a dry run's diff
};

struct ExtractPlan {
    std::vector<ExtractedCustomer> customers;   // new ones first, in the order of their first project
    std::vector<ProjectRewrite> projects;       // in path order
    std::vector<std::string> option_problems;   // of --id and --prefix, in the reader's language
    Diagnostics problems;                       // in the files; errors: nothing may be written
    bool ok() const { return option_problems.empty() && !problems.has_errors(); }
};

// Plans the extraction of the customers embedded in `projects` (those with a customer name and no
// id). A name the master has already (exactly one customer of that name) is linked to it; the
// others get a new file, with the industry, size and grade most of their projects give (ties: the
// first project's). The master's `customers` are those loaded from customers/.
ExtractPlan plan_customer_extract(const std::vector<ProjectText>& projects, const std::vector<CustomerRecord>& customers,
                                  const Process& process, const ExtractRequest& request);

}  // namespace pipeline
