// The customer master (客户档案): one file per customer under customers/, with its grade, its
// decision chain, revisits (回访) and complaints (投诉). Projects refer to a customer by id.
// See pipeline-project(5), CUSTOMER FILES.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/field.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"

namespace pipeline {

struct Revisit {
    std::optional<Date> date;
    CompactString type, by, note;
    Position position;
    friend bool operator==(const Revisit&, const Revisit&) = default;
};

// A complaint and its handling; the times are "YYYY-MM-DD HH:MM" (or a date alone, its start).
struct Complaint {
    CompactString summary, received, answered, fix_given, resolved, note;
    std::optional<int> satisfaction;     // 1 (very unhappy) to 5 (very happy), when asked
    Position position, received_at, answered_at, fix_given_at, resolved_at;
    friend bool operator==(const Complaint&, const Complaint&) = default;
};

struct CustomerRecord {
    CompactString path;                  // relative to the repository root
    CompactString id, name, industry, size, grade, notes;
    std::vector<Contact> contacts;
    std::vector<Revisit> revisits;
    std::vector<Complaint> complaints;
    Position id_at, grade_at;

    // The latest revisit's date, if any.
    std::optional<Date> last_revisit() const;
    friend bool operator==(const CustomerRecord&, const CustomerRecord&) = default;
};

// The customer file: its fields, as the registry declares the project's.
const RecordSpec& customer_file_spec();

// Where the value `id` of the customer's enum field `key` (grade, size) stands among its values
// (strategic and large first); the number of values for one it does not have. Grouping orders by it.
std::size_t customer_value_rank(std::string_view key, std::string_view id);

// Parses and types one customer file; nullopt when it cannot be read as one at all.
std::optional<CustomerRecord> load_customer(std::string_view text, const std::string& path, const Process& process,
                                            Diagnostics& out, LoadOptions options = {});

// Minutes since 1970-01-01 00:00 of "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"; nullopt for anything else.
std::optional<std::int64_t> parse_moment(std::string_view text);

// The customer of the master with this id, or nullptr.
const CustomerRecord* find_customer(const std::vector<CustomerRecord>& customers, std::string_view id);

// Fills in the customer of each project that names one of the master by id: name, industry,
// size and grade where the project leaves them out (what it gives stays, for check to compare).
void resolve_customers(std::vector<Project>& projects, const std::vector<CustomerRecord>& customers);

}  // namespace pipeline
