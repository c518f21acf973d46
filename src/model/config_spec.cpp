// The one declaration of pipeline.yaml's keys. pipeline-config(5) documents the same keys;
// test_registry.cpp fails when the two differ.
#include "pipeline/model/config_spec.hpp"

namespace pipeline {
namespace {

ConfigKey key(std::string_view k, ConfigType t, std::string_view d) { return {.key = k, .type = t, .description = d}; }

ConfigKey integer(std::string_view k, int min, int max, std::string_view d) {
    return {.key = k, .type = ConfigType::integer, .description = d, .min = min, .max = max};
}

ConfigKey mapping(std::string_view k, std::string_view d, std::vector<ConfigKey> keys) {
    return {.key = k, .type = ConfigType::mapping, .description = d, .keys = std::move(keys)};
}

ConfigKey list_of(std::string_view k, std::string_view d, std::vector<ConfigKey> keys) {
    return {.key = k, .type = ConfigType::list, .description = d, .keys = std::move(keys)};
}

ConfigKey list_of(std::string_view k, ConfigType item, std::string_view d) {
    return {.key = k, .type = ConfigType::list, .description = d, .item = item};
}

std::vector<ConfigKey> gate_check_keys() {
    return {
        key("present", ConfigType::field_path, "Holds when the field has a value (false is no value)."),
        key("equals", ConfigType::field_path, "Holds when the field's value is value, or one of in."),
        key("count", ConfigType::list_name, "Holds when at least min (at most max) items of the list match where."),
        key("person", ConfigType::field_path, "Holds when the field names a person of people."),
        key("not_future", ConfigType::field_path, "Holds when the field is a date not after today."),
        key("compare", ConfigType::field_path,
            "Holds when the field (a number, amount, percentage or date) stands to value, or to field, as op says."),
        key("document", ConfigType::text, "Holds when documents has one of this type, with its file present when it names one."),
        key("importance", ConfigType::text, "Holds when the project's importance grade is this one or a better one."),
        key("op", ConfigType::text, "compare: one of <, <=, >, >=, ==, !=."),
        key("field", ConfigType::field_path, "compare: another field of the same type to compare with."),
        key("value", ConfigType::text, "equals: the value the field must have; compare: the value compared with."),
        list_of("in", ConfigType::text, "equals: the values the field may have."),
        {.key = "where", .type = ConfigType::mapping, .description = "count: item field → accepted value (or list of values)."},
        integer("min", 0, 1000, "count: the fewest matching items (default 1)."),
        integer("max", 0, 1000, "count: the most matching items."),
        key("text", ConfigType::text, "What a person reads in the checklist of pipeline show."),
    };
}

ConfigKey build() {
    return mapping("", "The sales process of a pipeline repository (pipeline-config(5)).", {
        {.key = "language", .type = ConfigType::words,
         .description = "The language pipeline speaks in this repository, whatever each machine's locale: zh or en.",
         .values = {"zh", "en"}},
        key("currency", ConfigType::currency, "The base currency: every figure is converted to it, e.g. CNY."),
        {.key = "display_unit", .type = ConfigType::words,
         .description = "How tables, charts and the HTML page show money: 元, 万元 or 亿元 (CSV and JSON stay exact).",
         .values = {"元", "万元", "亿元"}},
        key("currencies", ConfigType::rates, "Other currencies and their rates to the base currency, e.g. USD: 7.1."),
        {.key = "stages", .type = ConfigType::list, .description = "The stages in order, each with its win probability and gate.",
         .keys = {
             key("id", ConfigType::text, "The stage's id, [a-z][a-z0-9_]*, e.g. tender."),
             key("name", ConfigType::text, "The display name, e.g. 招投标; files may use it instead of the id."),
             key("description", ConfigType::text, "What the stage is about."),
             integer("probability", 0, 100, "The cumulative win probability in percent (赢率); never lower than the stage before."),
             key("won", ConfigType::boolean,
                 "True on the stage at which the project is won (default: the last stage); later stages are worked once it is won."),
             {.key = "gate", .type = ConfigType::list, .description = "The checks that must hold to leave the stage (阶段门槛).",
              .keys = gate_check_keys()},
             list_of("documents", ConfigType::text,
                     "The stage's output documents (阶段输出文档): leaving it needs one of each type in the project's documents."),
         }},
        {.key = "flexible", .type = ConfigType::list, .description = "Groups of consecutive stages that may be worked in any order.",
         .item = ConfigType::stage_group},
        mapping("outcomes", "Display names of the outcomes.", {
            key("won", ConfigType::text, "Default 赢单."),
            key("lost", ConfigType::text, "Default 丢单."),
            key("abandoned", ConfigType::text, "Default 放弃."),
        }),
        mapping("forecast_categories", "The lowest stage probability of each forecast category (预测类别).", {
            integer("commit", 0, 100, "Default 80."),
            integer("best_case", 0, 100, "Default 45; not above commit."),
            integer("pipeline", 0, 100, "Everything below best_case."),
        }),
        mapping("rules", "The limits of pipeline check.", {
            integer("stale_days", 1, 3650, "An open project untouched for longer is stale (default 7)."),
            integer("gate_overdue_days", 1, 3650, "A step taking longer is overdue in report stale (default 30)."),
            integer("risk_threshold", 1, 25, "A risk whose likelihood × impact reaches it is flagged (default 12)."),
            integer("review_within_days", 0, 3650, "Days after closing within which a review is due (default 30)."),
            integer("change_amount_percent", 0, 1000,
                    "check --base: an amount changed by more than this share needs a change approval (default 20; 0: off)."),
            integer("change_close_days", 0, 3650,
                    "check --base: an expected close moved later by more days needs a change approval (default 60; 0: off)."),
            integer("budget_share_of_margin", 0, 100,
                    "A presales budget without limit: this percent of amount × margin (default 10; 0: no derived limit)."),
            integer("complaint_answer_hours", 1, 8760, "A complaint is answered within these hours of its receipt (default 24)."),
            integer("complaint_fix_hours", 1, 8760, "A direction for a fix is given within these hours (default 48)."),
            mapping("revisit_days", "The longest time between revisits of a customer with a won project, by its grade.", {
                integer("strategic", 1, 3650, "Default 30 (monthly)."),
                integer("important", 1, 3650, "Default 90 (quarterly)."),
                integer("general", 1, 3650, "Default 180 (half-yearly)."),
            }),
            list_of("force_roles", ConfigType::text,
                    "The roles (people's role) who may move a project past a gate with --force (default: manager, director)."),
            {.key = "review_required", .type = ConfigType::list, .description = "The outcomes that need a review.",
             .item = ConfigType::outcome},
            integer("max_file_size", 1024, 1 << 30, "The largest project file read, in bytes (default 1048576)."),
        }),
        list_of("people", "The roster: owners, sponsors, approvers.", {
            key("id", ConfigType::text, "The id files use, e.g. zhang.san."),
            key("name", ConfigType::text, "The display name, e.g. 张三."),
            key("email", ConfigType::text, "Kept for reference."),
            key("role", ConfigType::text, "The person's role, e.g. sales, manager."),
            key("manager", ConfigType::person, "The id of the person's manager."),
        }),
        list_of("approvals", "The kinds of approval and who may give them; the built-in kinds have defaults.", {
            key("type", ConfigType::text, "The kind's id, e.g. initiation, or the team's own, [a-z][a-z0-9_]*."),
            key("name", ConfigType::text, "What people read, and files may write instead of the id, e.g. 立项."),
            list_of("approvers", ConfigType::text, "Who may approve: roles of people, sponsor, owner_manager."),
            {.key = "self", .type = ConfigType::boolean, .description = "Whether the project's owner may approve it too (default false)."},
            mapping("escalate", "Over an amount only some roles may approve.", {
                key("over", ConfigType::money, "The project amount (base currency) above which the escalation applies."),
                list_of("to", ConfigType::text, "The roles who may approve then."),
            }),
        }),
        list_of("importance", "The importance grade table (项目重要性): the first row that holds gives the grade.", {
            key("grade", ConfigType::text, "The grade, e.g. A."),
            integer("min_margin", -100, 100, "The row holds for a margin (percent) at least this; absent: any."),
            list_of("market", ConfigType::text, "The row holds for these market importances (high, medium, low); absent: any."),
        }),
        list_of("targets", "Sales targets per period, for a person or the team.", {
            key("owner", ConfigType::person, "Whose target; absent: the team's."),
            key("period", ConfigType::period, "2026, 2026Q4 or 2026-11."),
            key("amount", ConfigType::money, "The target in the base currency."),
        }),
        list_of("channels", "Lead channels and what they cost, for report sources.", {
            key("source", ConfigType::text, "Compared with lead.source of projects."),
            key("cost", ConfigType::money, "What the channel cost in the base currency."),
        }),
        list_of("fields", "The team's own project fields: top-level keys of project files.", {
            key("key", ConfigType::text, "The key in project files, [a-z][a-z0-9_]*; not a built-in key."),
            key("type", ConfigType::field_type, "text, number, money, percent, date, bool, enum, person or list."),
            key("items", ConfigType::field_type, "For a list: the type of its items."),
            list_of("values", ConfigType::text, "For an enum (or a list of enum): the allowed values."),
            key("required_from", ConfigType::stage, "A project in this stage or a later one needs a value."),
            key("description", ConfigType::text, "What the field means; shown as hover text in editors."),
        }),
    });
}

const ConfigKey* child(const ConfigKey& k, std::string_view name) {
    for (const ConfigKey& c : k.keys)
        if (c.key == name) return &c;
    return nullptr;
}

}  // namespace

const ConfigKey& config_spec() {
    static const ConfigKey root = build();
    return root;
}

const ConfigKey* find_config_key(std::string_view path) {
    const ConfigKey* k = &config_spec();
    while (!path.empty() && k) {
        const std::size_t dot = path.find('.');
        k = child(*k, path.substr(0, dot));
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return k;
}

std::vector<std::string_view> config_keys(std::string_view path) {
    std::vector<std::string_view> out;
    if (const ConfigKey* k = find_config_key(path))
        for (const ConfigKey& c : k->keys) out.push_back(c.key);
    return out;
}

}  // namespace pipeline
