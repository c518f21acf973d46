// The customer master for people and programs: pipeline customer list and customer show.
#pragma once

#include <string>
#include <vector>

#include "pipeline/figures/customer_view.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline {

// One row a customer: id, name, grade, size, industry, projects, open pipeline, weighted, won,
// receivable, last and next revisit, open complaints. `plain`: amounts for programs (CSV).
Table customer_list_table(const std::vector<CustomerView>& customers, const Process& process, bool plain);
std::string render_customer_list_json(const std::vector<CustomerView>& customers, const Process& process);

// One customer's whole picture: its record, contacts, revisits, complaints and projects.
std::string render_customer_text(const CustomerView& v, const Process& process, Date today);
std::string render_customer_json(const CustomerView& v, const Process& process, Date today);

}  // namespace pipeline
