// One sales project, as a compact record: what the YAML file says, typed, with the
// positions that findings point at. No YAML tree survives loading. Every field is declared
// once, in the field registry (model/registry.hpp), and every job — loading, the record
// cache, the edit verifier, gates, JSON, the JSON Schema — works from that declaration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

// The customer as a project writes it: embedded (name, industry, size, grade), or by `id` a
// customer of the master (customers/**/*.yaml) whose fields fill in what the project leaves out.
struct Customer {
    CompactString id, name, industry, size, grade;
    Position id_at, size_at, grade_at;
    friend bool operator==(const Customer&, const Customer&) = default;
};

struct Bant {
    std::optional<bool> budget, authority, need, timeline;
    friend bool operator==(const Bant&, const Bant&) = default;
};

struct Lead {
    CompactString source, grade;
    // Repeat business and referrals (sop.md §6): the kind, and the customer or project the lead came from.
    CompactString kind, from_customer, from_project;
    Position from_customer_at, from_project_at;
    Bant bant;
    std::optional<Date> date;
    CompactString note;
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
    Position position;
    friend bool operator==(const Competitor&, const Competitor&) = default;
};

struct Risk {
    CompactString type, description, mitigation, owner, status = "open";
    int likelihood = 0, impact = 0;
    std::optional<Date> opened, closed;  // when it was recorded, and closed
    Position position, owner_at;
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
    int from = -1, to = -1;              // stage index, -1 when absent/unknown/outcome
    std::optional<Status> from_outcome, to_outcome;
    CompactString by, note, forced;      // forced: reason a gate was overridden
    std::optional<Date> imported;        // the day the entry came from another system (pipeline import)
    bool regression = false;
    Position position, to_position, date_at, from_at, by_at;  // of the entry, and of its values
    friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Approval {
    CompactString type, by, result, note;
    std::optional<Date> date;
    Position position, by_at;
    friend bool operator==(const Approval&, const Approval&) = default;
};

// An instalment of the payment schedule: due on a date, or `days` after a milestone (`on`):
// signed, delivered, accepted, a date field of the project, or a stage entered.
struct Payment {
    std::optional<Date> due;
    CompactString on;
    int days = 0;
    Money amount;
    std::optional<Money> received;
    std::optional<Date> received_on;
    CompactString note;
    Position position, received_at, on_at;
    Money outstanding() const { return amount - received.value_or(Money{}); }
    friend bool operator==(const Payment&, const Payment&) = default;
};

// A document of the project (客户信息表, 解决方案建议书, 正式合同, ...), by type; `path` names its
// file inside the repository when the file is kept there.
struct Document {
    CompactString type, title, path, by;
    std::optional<Date> date;
    Position position, path_at;
    // Not read from the file: set when the repository is loaded, when `path` names no file of it.
    bool file_missing = false;
    friend bool operator==(const Document&, const Document&) = default;
};

// One presales expense booked against the budget.
struct Spending {
    std::optional<Date> date;
    Money amount;
    CompactString item, by;
    Position position;
    friend bool operator==(const Spending&, const Spending&) = default;
};

// The presales budget (售前项目任务书): its limit, approved by the sponsor, and what was spent.
struct Budget {
    std::optional<Money> limit;          // absent: derived from the expected margin (rules.budget_share_of_margin)
    std::vector<Spending> spending;
    Position limit_at;
    friend bool operator==(const Budget&, const Budget&) = default;
};

struct PlanTask {
    CompactString task, owner;
    std::optional<Date> due, done;
    Position position, due_at;
    friend bool operator==(const PlanTask&, const PlanTask&) = default;
};

// A planned date by which the project is to have reached a stage (控制点).
struct ControlPoint {
    CompactString stage_text;
    int stage = -1;
    std::optional<Date> date;
    Position position;
    friend bool operator==(const ControlPoint&, const ControlPoint&) = default;
};

struct ExitCriterion {
    CompactString text;
    Position position;
    friend bool operator==(const ExitCriterion&, const ExitCriterion&) = default;
};

// The sales plan (项目销售策划案).
struct Plan {
    CompactString strengths, weaknesses, goals;
    std::vector<PlanTask> tasks;
    std::vector<ExitCriterion> exit_criteria;
    std::vector<ControlPoint> control_points;
    friend bool operator==(const Plan&, const Plan&) = default;
};

// The milestone sections: what each stage's exit needs on record.
struct Requirements {
    CompactString design_plan, technical_parameters;   // any single value, as written
    friend bool operator==(const Requirements&, const Requirements&) = default;
};

struct Solution {
    std::optional<bool> in_customer_design;
    friend bool operator==(const Solution&, const Solution&) = default;
};

struct Tender {
    std::optional<Date> published_on, deadline, submitted_on;
    CompactString result;
    friend bool operator==(const Tender&, const Tender&) = default;
};

// The contract as signed: what 000 says is negotiated — price, quality, schedule, payment terms.
struct Contract {
    CompactString number;
    std::optional<Date> signed_on;
    std::optional<Money> amount;
    CompactString quality, payment_terms;
    std::optional<Date> delivery_date;
    Position signed_on_at, amount_at;
    friend bool operator==(const Contract&, const Contract&) = default;
};

// Delivery after signing (履约交付): the plan, and when it was delivered.
struct Delivery {
    std::optional<Date> planned, started_on, delivered_on;
    CompactString note;
    friend bool operator==(const Delivery&, const Delivery&) = default;
};

// The customer's acceptance (验收): its date releases the instalments due on acceptance.
struct Acceptance {
    std::optional<Date> date;
    CompactString result, by, note;
    Position date_at;
    friend bool operator==(const Acceptance&, const Acceptance&) = default;
};

struct Review {
    std::optional<Date> date;
    CompactString summary, lessons;
    bool present = false;
    friend bool operator==(const Review&, const Review&) = default;
};

// The value of a field the team declared in pipeline.yaml (`fields:`), in canonical form:
// `text` is what a gate or filter compares (ISO dates, plain amounts, "true"/"false", enum
// and person ids), `number` the ordered value (cents, days since 1970, hundredths of a
// percent, millionths of a number), `items` the canonical text of each item of a list.
struct CustomValue {
    std::uint32_t field = 0;            // index into Process::fields
    CompactString text;
    std::int64_t number = 0;
    std::vector<CompactString> items;
    Position position;
    bool refused = false;               // the file has the key, but its value was refused (a finding)
    friend bool operator==(const CustomValue&, const CustomValue&) = default;
};

// Where findings about whole fields point: the value of each top-level key.
struct FieldPositions {
    Position id, name, owner, sponsor, amount, currency, expected_close, stage, status, closed_on,
        close_reason, history, review, forecast_category;
    friend bool operator==(const FieldPositions&, const FieldPositions&) = default;
};

struct Project {
    CompactString path;                  // relative to the repository root
    CompactString id, name, owner, sponsor, currency;
    Customer customer;
    std::vector<TeamMember> team;
    Money amount;
    std::optional<int> margin;
    CompactString market_importance;     // high, medium, low: the market's importance to us
    std::optional<Date> expected_close, closed_on;
    int stage = -1;                      // index into Process::stages; -1 when unknown
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
    std::vector<Document> documents;
    Budget budget;
    Plan plan;
    Requirements requirements;
    Solution solution;
    Tender tender;
    Contract contract;
    Delivery delivery;
    Acceptance acceptance;
    std::vector<Payment> payments;
    Review review;
    std::vector<CustomValue> custom;     // by field index, each declared field at most once
    FieldPositions at;
    bool writes_names = false;           // an enum value is written by its Chinese name: edits write names
    bool writes_person_names = false;    // a person is written by display name: edits write people so

    // First history date (when the project was recorded), if any.
    std::optional<Date> created() const;
    // The day the project entered stage `stage` first, from its history.
    std::optional<Date> entered(int stage) const;
    // Latest date of any activity or history entry.
    std::optional<Date> last_touched() const;
    // Date of the history entry that entered the current stage.
    std::optional<Date> stage_entered() const;
    // What the project is worth in its currency: the signed contract's amount once there is one
    // (contract.signed_on and contract.amount), else `amount`; and where a file writes it.
    Money value() const { return contract.signed_on && contract.amount ? *contract.amount : amount; }
    Position value_at() const { return contract.signed_on && contract.amount ? contract.amount_at : at.amount; }
    // The value of custom field `field` (an index into Process::fields), or nullptr when the
    // file has none or its value was refused.
    const CustomValue* custom_value(std::uint32_t field) const;
    friend bool operator==(const Project&, const Project&) = default;
};

// Whether an id has the allowed form [A-Za-z0-9][A-Za-z0-9._-]* (no separators, no "..").
bool valid_project_id(std::string_view id);

// Whether an id names a file Windows reserves for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, in
// any case, with or without more after a point): such a file cannot be checked out there.
bool reserved_file_name(std::string_view id);

// Whether a document's path is relative to the repository root and stays inside it: not
// absolute, no "..", no empty part, no backslash.
bool valid_document_path(std::string_view path);

}  // namespace pipeline
