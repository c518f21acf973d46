// The process definition (pipeline.yaml): stages, gates, flexible groups, rules, people.
#pragma once

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/base/period.hpp"
#include "pipeline/model/field.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

// One declarative condition of a gate. See pipeline-config(5), "Gate checks".
struct GateCheck {
    enum class Kind { present, equals, count, person, not_future, compare, document, importance };
    enum class Op { less, less_equal, greater, greater_equal, equal, not_equal };
    Kind kind = Kind::present;
    std::string field;                 // dotted project field, list name for count, document type, importance grade
    FieldRef ref;                      // the field, resolved (all kinds but count)
    ListRef list;                      // count: the list, resolved
    std::vector<std::string> values;   // equals: accepted values
    std::vector<ItemCondition> where;  // count: item filter (each holds when the item's field is any of its values)
    int min = 1;
    std::optional<int> max;
    // compare: the field's type (a number, money, a percentage or a date), the operator, and
    // what it is compared with — `value` in the type's canonical number (ordered_number), or
    // another field of the same type.
    FieldType type = FieldType::text;
    Op op = Op::equal;
    std::optional<std::int64_t> number;
    std::string written;               // compare: the value or the other field, as written
    std::optional<FieldRef> other;
    std::string text;                  // what a person reads in the checklist
    Position position;
};

// A field the team declares in pipeline.yaml (`fields:`): a top-level key of project files.
// See pipeline-config(5), FIELDS.
struct CustomField {
    std::string key;
    FieldType type = FieldType::text;  // text, number, money, percent, date, boolean, enumeration, person
    bool list = false;                 // a list of such values
    std::vector<std::string> values;   // enumeration: the allowed ids
    int required_from = -1;            // the stage index from which a project needs a value; -1: never
    std::string description;
    Position position;
};

struct Stage {
    std::string id;
    std::string name;
    int probability = 0;               // percent, 0–100
    std::vector<GateCheck> gate;       // must hold to leave the stage
    int group = -1;                    // index into Process::flexible, or -1
    bool won = false;                  // `won: true`: signing here wins the project (Process::won_stage)
    Position position;
};

struct Person {
    std::string id;
    std::string name;
    std::string role;
    std::string manager;
};

// A kind of approval (审批类型) and who may give it. The built-in kinds are always there
// (default_approval_types); `approvals:` of pipeline.yaml changes who approves them and adds
// the team's own. See pipeline-config(5), APPROVALS.
struct ApprovalType {
    std::string id;                      // what files and gates write: initiation
    std::string name;                    // what people read, and files may write instead: 立项
    std::string names;                   // further names a file may write, '|' between them
    // Who may approve: roles of people, or "sponsor" (the project's sponsor) or
    // "owner_manager" (the manager of the project's owner).
    std::vector<std::string> approvers;
    bool self = false;                   // the project's owner may approve it too
    std::optional<Money> escalate_over;  // for a project over this amount (base currency) ...
    std::vector<std::string> escalate_to;  // ... only these may approve
    Position position;
};

// The built-in kinds with the seed manuals' authority: initiation by the owner's manager (or a
// manager, a director), the presales budget by the sponsor (or a director), changes and
// terminations as initiation, a contract review by legal (or a manager, a director).
std::vector<ApprovalType> default_approval_types();

// One row of the importance table (项目重要性分级, sop.md §3): a project whose margin is at
// least `min_margin` and whose market importance is one of `market` has `grade`. The first
// row that holds gives the grade. See pipeline-config(5), IMPORTANCE.
struct ImportanceRule {
    std::string grade;
    std::optional<int> min_margin;       // none: any margin, or none
    std::vector<std::string> market;     // empty: any market importance, or none
    Position position;
};

// A: margin 20 % or more in a market of high importance, or 35 % or more anywhere;
// B: a market of high or medium importance, or 20 % or more; C: the rest.
std::vector<ImportanceRule> default_importance();

struct Target {
    std::string owner;                 // empty: the whole team
    Period period;
    Money amount;
};

struct Channel {
    std::string source;
    Money cost;
};

struct Rules {
    int stale_days = 7;
    int gate_overdue_days = 30;
    int risk_threshold = 12;
    int review_within_days = 30;
    // check --base: an open project's amount changed by more than this share (percent), or its
    // expected close moved later by more than these days, needs a `change` approval added in
    // the same change (sop.md §3, 任务书调整表); 0 turns either off.
    int change_amount_percent = 20;
    int change_close_days = 60;
    // The presales budget a project's limit defaults to: this share (percent) of its expected
    // gross profit, amount × margin (sop.md §3: the limit is derived from the expected margin).
    int budget_share_of_margin = 10;
    // After-sales service (sop.md §6): a complaint is answered within these hours of its
    // receipt, and given a direction for a fix within those; a customer with a won project is
    // revisited at least every so many days, by its grade (strategic, important, general).
    int complaint_answer_hours = 24;
    int complaint_fix_hours = 48;
    int revisit_strategic_days = 30, revisit_important_days = 90, revisit_general_days = 180;
    // The roles of the people who may move a project past a gate that does not hold (--force);
    // a force by anyone else is refused. Empty: nobody may.
    std::vector<std::string> force_roles{"manager", "director"};
    std::vector<Status> review_required{Status::won, Status::lost};
    std::size_t max_file_size = 1 << 20;
};

// Minimum stage probability for each forecast category of an open project.
struct CategoryThresholds {
    int commit = 80;
    int best_case = 45;
};

struct Process {
    std::string language;                                // `language:` "zh" or "en"; empty: the environment's
    std::string currency = "CNY";
    MoneyUnit display_unit = MoneyUnit::yuan;            // `display_unit:` 元, 万元, 亿元: how tables show money
    std::map<std::string, Rate, std::less<>> rates;     // other currencies → base
    std::vector<Stage> stages;
    std::vector<std::vector<int>> flexible;              // groups of stage indices
    std::map<std::string, std::string, std::less<>> outcome_names;  // won/lost/abandoned → display name
    CategoryThresholds categories;
    Rules rules;
    std::vector<Person> people;
    std::vector<Target> targets;
    std::vector<Channel> channels;
    std::vector<CustomField> fields;                     // the team's own project fields
    std::vector<ApprovalType> approval_types = default_approval_types();
    std::vector<ImportanceRule> importance = default_importance();

    // Index of the stage with this id or display name, or -1.
    int stage_index(std::string_view id_or_name) const;
    // The stage at which a project is won (closed with --won): the one marked `won: true`, else
    // the last. The stages after it (delivery, acceptance, after-sales) are worked by won
    // projects; -1 when there are no stages.
    int won_stage() const;
    // Whether stage `index` comes after the win stage.
    bool after_win(int index) const { return index > won_stage() && index < static_cast<int>(stages.size()); }
    const Person* person(std::string_view id) const;
    // Whether `id` is a person of a role rules.force_roles names: who may force a gate.
    bool may_force(std::string_view id) const;
    // The project's importance grade by the table, "" when no row holds.
    std::string importance_of(const Project& p) const;
    // The grades in the table's order, best first, each once.
    std::vector<std::string> importance_grades() const;
    // The approval kind with this id or name, or nullptr.
    const ApprovalType* approval_type(std::string_view id_or_name) const;
    // What people read for roster id `id`: the person's display name, else the id itself.
    std::string display_name(std::string_view id) const;
    // The person of the roster with this display name, when exactly one has it.
    const Person* person_named(std::string_view name) const;
    // Everyone of the roster with this display name (for the message when there are several).
    std::vector<const Person*> people_named(std::string_view name) const;
    // A person as a file writes them: the roster id when `written` is one or is the display
    // name of exactly one person, else `written` itself (pipeline check reports it); a finding
    // in `problem` when several people have that name.
    std::string person_id(std::string_view written, const Text& what, std::optional<Text>& problem) const;
    bool knows_currency(std::string_view code) const { return code == currency || rates.count(code) > 0; }
    // The currency a project's amount is in: `code` as its file writes it, else the base.
    std::string_view currency_of(std::string_view code) const { return code.empty() ? std::string_view(currency) : code; }
    // The rate from `code` to the base currency (1 for the base itself).
    Rate rate(std::string_view code) const;
    bool same_group(int a, int b) const;
    std::string stage_label(int index) const;  // "招投标 (tender)"
    std::string outcome_name(Status s) const;
    // The status an id (won), a Chinese name (赢单) or a display name of outcomes: stands for.
    std::optional<Status> status_of(std::string_view text) const;

    // Hashes the roster and the stages for person() and stage_index(); load_process does it.
    // Until then, or after people or stages change, the two look through the lists.
    void build_index();

private:
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int, TextHash, std::equal_to<>> person_index_, stage_index_;
    std::unordered_map<std::string, int, TextHash, std::equal_to<>> name_index_;  // -1: several people have it
    std::size_t indexed_people_ = 0, indexed_stages_ = 0;
};

// Parses and validates pipeline.yaml. Problems are findings with rule "config"
// (or "syntax"); returns nullopt when the definition cannot be used at all.
std::optional<Process> load_process(std::string_view text, const std::string& path, Diagnostics& out);

// The default process of sop.md §1, as `pipeline init` writes it, commented in `language`.
std::string_view default_process_text(Language language = Language::english);

// A ready process of the manuals (examples/processes/NAME/pipeline.yaml, compiled in): the
// seven-stage SOP with delivery, acceptance and after-sales, the generic seven stages, the six
// presales phases. `pipeline init --process NAME` starts from one.
struct ProcessShape {
    std::string_view name;
    std::string_view text;
};
const std::vector<ProcessShape>& process_shapes();

}  // namespace pipeline
