// One sales project, as a compact record: what the YAML file says, typed, with the
// positions that findings point at. No YAML tree survives loading.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

struct Customer {
    CompactString name, industry, size, grade;
    friend bool operator==(const Customer&, const Customer&) = default;
};

struct Bant {
    std::optional<bool> budget, authority, need, timeline;
    friend bool operator==(const Bant&, const Bant&) = default;
};

struct Lead {
    CompactString source, grade;
    Bant bant;
    friend bool operator==(const Lead&, const Lead&) = default;
};

struct TeamMember {
    CompactString name, role;
    Position position;
    friend bool operator==(const TeamMember&, const TeamMember&) = default;
};

struct Contact {
    CompactString name, title, role, attitude, phone;
    Position position;
    friend bool operator==(const Contact&, const Contact&) = default;
};

struct Competitor {
    CompactString name, strength, note;
    friend bool operator==(const Competitor&, const Competitor&) = default;
};

struct Risk {
    CompactString type, description, mitigation, owner, status = "open";
    int likelihood = 0, impact = 0;
    Position position;
    int score() const { return likelihood * impact; }
    bool open() const { return status != "closed"; }
    friend bool operator==(const Risk&, const Risk&) = default;
};

struct Activity {
    std::optional<Date> date;
    CompactString type, note, by;
    Position position;
    friend bool operator==(const Activity&, const Activity&) = default;
};

// A stage change or an outcome. `to`/`from` are stage indices, or the outcome for
// entries that close (to) or reopen (from) a project.
struct HistoryEntry {
    std::optional<Date> date;
    CompactString from_text, to_text;    // as written
    int from = -1, to = -1;            // stage index, -1 when absent/unknown/outcome
    std::optional<Status> from_outcome, to_outcome;
    CompactString by, note, forced;      // forced: reason a gate was overridden
    bool regression = false;
    Position position, to_position;
    friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Approval {
    CompactString type, by, result, note;
    std::optional<Date> date;
    Position position;
    friend bool operator==(const Approval&, const Approval&) = default;
};

struct Payment {
    std::optional<Date> due;
    Money amount;
    std::optional<Money> received;
    std::optional<Date> received_on;
    CompactString note;
    Position position;
    Money outstanding() const { return amount - received.value_or(Money{}); }
    friend bool operator==(const Payment&, const Payment&) = default;
};

// The scalar leaves of the milestone sections, as written (empty = absent).
struct Milestones {
    CompactString design_plan, technical_parameters;          // requirements.*
    CompactString in_customer_design;                         // solution.*
    CompactString tender_published_on, tender_deadline, tender_submitted_on, tender_result;
    CompactString contract_number, contract_signed_on, contract_amount;
    friend bool operator==(const Milestones&, const Milestones&) = default;
};

struct Review {
    std::optional<Date> date;
    CompactString summary, lessons;
    bool present = false;
    friend bool operator==(const Review&, const Review&) = default;
};

// Where findings about whole fields point.
struct FieldPositions {
    Position id, name, owner, sponsor, amount, currency, expected_close, stage, status, closed_on,
        close_reason, history, contract_signed_on, review, forecast_category;
    friend bool operator==(const FieldPositions&, const FieldPositions&) = default;
};

struct Project {
    CompactString path;                  // relative to the repository root
    CompactString id, name, owner, sponsor, currency;
    Customer customer;
    std::vector<TeamMember> team;
    Money amount;
    std::optional<int> margin;
    std::optional<Date> expected_close, closed_on;
    int stage = -1;                    // index into Process::stages; -1 when unknown
    CompactString stage_text;            // as written
    Status status = Status::open;
    CompactString close_reason, forecast_category;
    Lead lead;
    std::vector<Contact> contacts;
    std::vector<Competitor> competitors;
    std::vector<Risk> risks;
    std::vector<Activity> activities;
    std::vector<HistoryEntry> history;
    std::vector<Approval> approvals;
    Milestones milestones;
    std::vector<Payment> payments;
    Review review;
    FieldPositions at;

    // First history date (when the project was recorded), if any.
    std::optional<Date> created() const;
    // Latest date of any activity or history entry.
    std::optional<Date> last_touched() const;
    // Date of the history entry that entered the current stage.
    std::optional<Date> stage_entered() const;
    friend bool operator==(const Project&, const Project&) = default;
};

// Whether an id has the allowed form [A-Za-z0-9][A-Za-z0-9._-]* (no separators, no "..").
bool valid_project_id(std::string_view id);

}  // namespace pipeline
