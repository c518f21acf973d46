// Reading pipeline.yaml into a Process: every problem a finding with its position.
#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/model/approval_load.hpp"
#include "pipeline/model/config_spec.hpp"
#include "pipeline/model/importance_load.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/yaml/node_reader.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {

namespace {

bool valid_stage_id(std::string_view id) {
    if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::vector<std::string> value_list(NodeReader& r, const YamlNode* n, Label what) {
    std::vector<std::string> out;
    if (!n || n->is_null()) return out;
    if (n->is_sequence()) {
        for (const YamlNode& item : n->items)
            if (auto s = r.scalar(&item, what)) out.push_back(*s);
    } else if (auto s = r.scalar(n, what)) {
        out.push_back(*s);
    }
    return out;
}

const std::initializer_list<std::string_view> kGateKinds = {"present", "equals", "count", "person", "not_future", "compare",
                                                            "document", "importance"};

// In the order of GateCheck::Op.
constexpr std::array<const char*, 6> kComparisonOps = {"<", "<=", ">", ">=", "==", "!="};

// A compare check's operator and what the field is compared with: `value` of the field's type,
// or `field`, another field of the same type. False, with a finding, when they are not usable.
bool read_comparison(NodeReader& r, const YamlNode& node, const YamlEntry& kind_entry, const Process& process, GateCheck& check) {
    check.type = field_type(check.ref, process);
    if (!type_is_ordered(check.type)) {
        r.error(&kind_entry.value, "config",
                // TRANSLATORS: {} a field of project files; "compare" is a key.
                say("compare needs a number, an amount, a percentage or a date; {} is none of these", check.field));
        return false;
    }
    const YamlNode* op = node.find("op");
    const std::initializer_list<std::string_view> ops = {"<", "<=", ">", ">=", "==", "!="};
    auto written = op ? r.one_of(op, "op", ops, "config") : std::nullopt;
    if (!op) r.error(&node, "config", say("a compare check needs op: one of <, <=, >, >=, ==, !="));
    if (!written) return false;
    check.op = static_cast<GateCheck::Op>(std::find(kComparisonOps.begin(), kComparisonOps.end(), *written) - kComparisonOps.begin());
    const YamlNode* value = node.find("value");
    const YamlNode* other = node.find("field");
    if ((value != nullptr) == (other != nullptr)) {
        r.error(&node, "config", say("a compare check needs value: or field: (one of them)"));
        return false;
    }
    if (value) {
        auto text = r.scalar(value, "value");
        if (!text) return false;
        check.written = *text;
        check.number = ordered_number(check.type, *text);
        if (!check.number) {
            // TRANSLATORS: {0} the value written, {1} a field of project files.
            r.error(value, "config", say("value \"{}\" is not of the type of {}", *text, check.field));
            return false;
        }
        return true;
    }
    auto name = r.text(other, "field");
    if (!name) return false;
    check.written = *name;
    check.other = find_field(*name, process);
    if (!check.other) {
        r.error(other, "config", say("unknown project field \"{}\" (see pipeline-project(5), KNOWN FIELDS)", *name));
        return false;
    }
    const FieldType other_type = field_type(*check.other, process);
    const auto numeric = [](FieldType t) { return t == FieldType::number || t == FieldType::integer || t == FieldType::percent; };
    if (other_type != check.type && !(numeric(other_type) && numeric(check.type))) {
        // TRANSLATORS: {0} and {1} fields of project files.
        r.error(other, "config", say("{} and {} are not of one type: they do not compare", check.field, *name));
        return false;
    }
    return true;
}

std::optional<GateCheck> read_gate_check(NodeReader& r, const YamlNode& node, const std::string& stage_id,
                                         const Process& process) {
    if (!node.is_mapping()) {
        r.error(&node, "config", say("a gate check of stage \"{}\" must be a mapping such as {{present: FIELD, text: ...}}", stage_id));
        return std::nullopt;
    }
    GateCheck check;
    check.position = node.position;
    // TRANSLATORS: follows "unknown key "KEY"": where the key is.
    r.unknown_keys(node, config_keys("stages.gate"), say(" in a gate check"));
    const YamlEntry* kind_entry = nullptr;
    for (const YamlEntry& e : node.entries) {
        if (std::find(kGateKinds.begin(), kGateKinds.end(), e.key.value) == kGateKinds.end()) continue;
        if (kind_entry) {
            // TRANSLATORS: two kinds of gate check, keys (present, equals, count, person, not_future, compare).
            r.error(&e.key, "config", say("a gate check has one kind; \"{}\" and \"{}\" are both given",
                                          kind_entry->key.value, e.key.value));
            return std::nullopt;
        }
        kind_entry = &e;
    }
    if (!kind_entry) {
        r.error(&node, "config", say("a gate check needs one of: present, equals, count, person, not_future, compare, document, importance"));
        return std::nullopt;
    }
    const std::string kind = kind_entry->key.value;
    auto field = r.text(&kind_entry->value, kind);
    if (!field) {
        // A list or mapping has had its finding already.
        // TRANSLATORS: the kind of gate check, a key (present, equals, count, person, not_future, compare).
        if (kind_entry->value.is_null()) r.error(&kind_entry->value, "config", say("{} needs a field name", kind));
        return std::nullopt;
    }
    check.field = *field;
    if (kind == "present") check.kind = GateCheck::Kind::present;
    else if (kind == "equals") check.kind = GateCheck::Kind::equals;
    else if (kind == "count") check.kind = GateCheck::Kind::count;
    else if (kind == "person") check.kind = GateCheck::Kind::person;
    else if (kind == "compare") check.kind = GateCheck::Kind::compare;
    else if (kind == "document") check.kind = GateCheck::Kind::document;
    else if (kind == "importance") check.kind = GateCheck::Kind::importance;
    else check.kind = GateCheck::Kind::not_future;

    bool ok = true;
    if (check.kind == GateCheck::Kind::document) {
        // The type of document named, as the team names its documents: nothing to resolve.
    } else if (check.kind == GateCheck::Kind::importance) {
        const std::vector<std::string> grades = process.importance_grades();
        if (std::find(grades.begin(), grades.end(), check.field) == grades.end()) {
            // TRANSLATORS: the grade named by a gate check, then the grades of the importance table.
            r.error(&kind_entry->value, "config", say("unknown importance grade \"{}\" (importance: grades {})", check.field, join(grades)));
            ok = false;
        }
    } else if (check.kind == GateCheck::Kind::count) {
        auto list = find_list(check.field, process);
        if (!list) {
            std::string lists;
            for (const std::string& l : known_list_names(process)) lists += fmt::format("{}{}", lists.empty() ? "" : ", ", l);
            // TRANSLATORS: the list named, then the lists a count check may name (contacts, risks, ...).
            r.error(&kind_entry->value, "config", say("unknown list \"{}\" (lists: {})", check.field, lists));
            ok = false;
        } else {
            check.list = *list;
        }
        if (const YamlNode* where = node.find("where"); r.mapping(where, "where")) {
            for (const YamlEntry& w : where->entries) {
                const FieldSpec* item = ok ? find_item_field(check.list, w.key.value) : nullptr;
                if (ok && !item) {
                    // TRANSLATORS: a list of project files (contacts), then the key written under where:.
                    r.error(&w.key, "config", say("items of {} have no field \"{}\"", check.field, w.key.value));
                    ok = false;
                }
                check.where.push_back({item, value_list(r, &w.value, say("where value"))});
            }
        }
        check.min = r.integer(node.find("min"), "min", 0, 1000).value_or(1);
        check.max = r.integer(node.find("max"), "max", 0, 1000);
        if (check.max && *check.max < check.min) {
            r.error(node.find("max"), "config", say("max is smaller than min"));
            ok = false;
        }
    } else if (auto ref = find_field(check.field, process)) {
        check.ref = std::move(*ref);
    } else {
        r.error(&kind_entry->value, "config",
                say("unknown project field \"{}\" (see pipeline-project(5), KNOWN FIELDS)", check.field));
        ok = false;
    }
    if (check.kind == GateCheck::Kind::equals) {
        check.values = value_list(r, node.find("value"), "value");
        for (auto& v : value_list(r, node.find("in"), "in")) check.values.push_back(v);
        if (check.values.empty()) {
            r.error(&node, "config", say("an equals check needs value: or in:"));
            ok = false;
        }
    }
    if (check.kind == GateCheck::Kind::compare && ok) ok = read_comparison(r, node, *kind_entry, process, check);
    check.text = r.text(node.find("text"), "text").value_or("");
    if (check.kind == GateCheck::Kind::compare && check.text.empty())
        check.text = fmt::format("{} {} {}", check.field, kComparisonOps[static_cast<std::size_t>(check.op)], check.written);
    if (check.text.empty()) {
        check.text = check.kind == GateCheck::Kind::count      ? fmt::format("{} {} ≥ {}", kind, check.field, check.min)
                     : check.kind == GateCheck::Kind::document ? check.field
                     : check.kind == GateCheck::Kind::importance ? fmt::format("importance ≥ {}", check.field)
                                                               : fmt::format("{} {}", kind, check.field);
    }
    return ok ? std::optional<GateCheck>(std::move(check)) : std::nullopt;
}

void read_stages(NodeReader& r, const YamlNode& list, Process& p) {
    std::set<std::string> ids, names;
    int last_probability = -1;
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("a stage must be a mapping with id, name, probability and gate"));
            continue;
        }
        // TRANSLATORS: follows "unknown key "KEY"": where the key is.
        r.unknown_keys(node, config_keys("stages"), say(" in a stage"));
        Stage s;
        s.position = node.position;
        // TRANSLATORS: names a value in messages ("stage id must be text, not a list"); id is the key.
        auto id = r.text(node.find("id"), say("stage id"));
        if (!id) {
            r.error(&node, "config", say("a stage needs an id"));
            continue;
        }
        s.id = *id;
        if (!valid_stage_id(s.id)) r.error(node.find("id"), "config", say("stage id \"{}\" must match [a-z][a-z0-9_]*", s.id));
        if (!ids.insert(s.id).second) r.error(node.find("id"), "config", say("duplicate stage id \"{}\"", s.id));
        // TRANSLATORS: names a value in messages; name is the key.
        s.name = r.text(node.find("name"), say("stage name")).value_or(s.id);
        if (s.name != s.id && !names.insert(s.name).second)
            r.error(node.find("name"), "config", say("duplicate stage name \"{}\"", s.name));
        // Files write a stage by id or name, and history entries also write outcomes: each
        // word must mean one thing.
        for (const auto& [word, node_key] : {std::pair{s.id, "id"}, std::pair{s.name, "name"}})
            if (parse_status(word))
                r.error(node.find(node_key), "config",
                        // TRANSLATORS: the key (id or name), then the word written there.
                        say("stage {} \"{}\" is the word of a status (open, won, lost, abandoned); choose another",
                            node_key, word));
        const YamlNode* prob = node.find("probability");
        if (!prob || prob->is_null()) r.error(prob ? prob : &node, "config", say("stage \"{}\" needs a probability (0–100)", s.id));
        auto probability = r.integer(prob, "probability", 0, 100);
        s.probability = probability.value_or(0);
        if (probability && *probability < last_probability)
            // TRANSLATORS: the stage id, its probability, then the probability of the stage before it.
            r.error(prob, "config", say("probability of stage \"{}\" ({}) is lower than the stage before ({})",
                                        s.id, *probability, last_probability));
        if (probability) last_probability = *probability;
        if (auto won = r.boolean(node.find("won"), "won")) {
            if (*won && std::any_of(p.stages.begin(), p.stages.end(), [](const Stage& other) { return other.won; }))
                r.error(node.find("won"), "config", say("only one stage may say won: true"));
            else s.won = *won;
        }
        if (const YamlNode* gate = node.find("gate"); gate && !gate->is_null()) {
            if (!gate->is_sequence()) r.error(gate, "config", say("a gate must be a list of checks"));
            else
                for (const YamlNode& c : gate->items)
                    if (auto check = read_gate_check(r, c, s.id, p)) s.gate.push_back(std::move(*check));
        }
        // The stage's output documents (seed 004): each one more check of its gate.
        if (const YamlNode* docs = node.find("documents"); docs && r.sequence(docs, "documents")) {
            for (const YamlNode& d : docs->items) {
                auto type = r.text(&d, say("document type"));
                if (!type || type->empty()) continue;
                GateCheck check;
                check.kind = GateCheck::Kind::document;
                check.field = *type;
                check.text = *type;
                check.position = d.position;
                s.gate.push_back(std::move(check));
            }
        }
        p.stages.push_back(std::move(s));
    }
    // A display name that is another stage's id would make that word mean two stages.
    for (const Stage& s : p.stages)
        if (s.name != s.id && ids.count(s.name)) {
            const YamlNode* n = nullptr;
            for (const YamlNode& item : list.items)
                if (item.is_mapping() && item.find("id") && item.find("id")->value == s.id) n = item.find("name");
            // TRANSLATORS: the display name of a stage, then its id.
            r.error(n, "config", say("the name \"{}\" of stage \"{}\" is the id of another stage", s.name, s.id));
        }
    p.build_index();
}

void read_flexible(NodeReader& r, const YamlNode& list, Process& p) {
    for (const YamlNode& group : list.items) {
        if (!group.is_sequence()) {
            r.error(&group, "config", say("a flexible group must be a list of stage ids, e.g. [requirements, solution]"));
            continue;
        }
        std::vector<int> members;
        bool refused = false;  // a member already has its finding
        for (const YamlNode& m : group.items) {
            // TRANSLATORS: names one member of a flexible group in messages.
            auto id = r.text(&m, say("stage"));
            if (!id) {
                refused = refused || !m.is_null();
                continue;
            }
            const int index = p.stage_index(*id);
            if (index < 0) {
                r.error(&m, "config", say("flexible group names unknown stage \"{}\"", *id));
                refused = true;
            } else if (p.stages[index].group >= 0) {
                r.error(&m, "config", say("stage \"{}\" is in two flexible groups", *id));
                refused = true;
            } else {
                members.push_back(index);
            }
        }
        std::sort(members.begin(), members.end());
        for (std::size_t i = 1; i < members.size(); ++i) {
            if (members[i] != members[i - 1] + 1) {
                r.error(&group, "config", say("the stages of a flexible group must be consecutive"));
                break;
            }
        }
        if (members.size() < 2) {
            if (!refused) r.error(&group, "config", say("a flexible group needs at least two stages"));
            continue;
        }
        // The win is a one-way step: no free move across it.
        const int won_at = p.won_stage();
        if (members.front() <= won_at && members.back() > won_at)
            r.error(&group, "config",
                    // TRANSLATORS: {} the stage at which projects are won.
                    say("a flexible group may not reach past {}, where a project is won", p.stages[won_at].id));
        const int g = static_cast<int>(p.flexible.size());
        for (int m : members) p.stages[m].group = g;
        p.flexible.push_back(std::move(members));
    }
}

void read_rules(NodeReader& r, const YamlNode& node, Process& p) {
    r.unknown_keys(node, config_keys("rules"), say(" in rules"));
    Rules& rules = p.rules;
    rules.stale_days = r.integer(node.find("stale_days"), "rules.stale_days", 1, 3650).value_or(rules.stale_days);
    rules.gate_overdue_days = r.integer(node.find("gate_overdue_days"), "rules.gate_overdue_days", 1, 3650).value_or(rules.gate_overdue_days);
    rules.risk_threshold = r.integer(node.find("risk_threshold"), "rules.risk_threshold", 1, 25).value_or(rules.risk_threshold);
    rules.review_within_days = r.integer(node.find("review_within_days"), "rules.review_within_days", 0, 3650).value_or(rules.review_within_days);
    rules.change_amount_percent =
        r.integer(node.find("change_amount_percent"), "rules.change_amount_percent", 0, 1000).value_or(rules.change_amount_percent);
    rules.change_close_days = r.integer(node.find("change_close_days"), "rules.change_close_days", 0, 3650).value_or(rules.change_close_days);
    rules.budget_share_of_margin =
        r.integer(node.find("budget_share_of_margin"), "rules.budget_share_of_margin", 0, 100).value_or(rules.budget_share_of_margin);
    rules.complaint_answer_hours =
        r.integer(node.find("complaint_answer_hours"), "rules.complaint_answer_hours", 1, 8760).value_or(rules.complaint_answer_hours);
    rules.complaint_fix_hours =
        r.integer(node.find("complaint_fix_hours"), "rules.complaint_fix_hours", 1, 8760).value_or(rules.complaint_fix_hours);
    if (const YamlNode* revisit = node.find("revisit_days"); revisit && !revisit->is_null()) {
        if (!revisit->is_mapping()) r.error(revisit, "config", say("rules.revisit_days must be a mapping of customer grade to days"));
        else {
            r.unknown_keys(*revisit, config_keys("rules.revisit_days"), say(" in rules.revisit_days"));
            for (auto [key, days] : {std::pair{"strategic", &rules.revisit_strategic_days},
                                     std::pair{"important", &rules.revisit_important_days},
                                     std::pair{"general", &rules.revisit_general_days}})
                *days = r.integer(revisit->find(key), fmt::format("rules.revisit_days.{}", key), 1, 3650).value_or(*days);
        }
    }
    rules.max_file_size = static_cast<std::size_t>(
        r.integer(node.find("max_file_size"), "rules.max_file_size", 1024, 1 << 30).value_or(static_cast<int>(rules.max_file_size)));
    if (const YamlNode* roles = node.find("force_roles"); r.sequence(roles, "rules.force_roles")) {
        rules.force_roles.clear();
        for (const YamlNode& s : roles->items)
            if (auto role = r.text(&s, "rules.force_roles")) rules.force_roles.push_back(*role);
    }
    if (const YamlNode* req = node.find("review_required"); r.sequence(req, "rules.review_required")) {
        rules.review_required.clear();
        for (const YamlNode& s : req->items)
            if (auto v = r.one_of(&s, say("outcome"), {"won", "lost", "abandoned"}, "config")) rules.review_required.push_back(*parse_status(*v));
    }
}

void read_people(NodeReader& r, const YamlNode& list, Process& p) {
    std::set<std::string> ids;
    // Made once: a roster may have many thousands of people.
    const Text in_people = say(" in people");
    // TRANSLATORS: names a value in messages; id is the key.
    const Text person_id = say("person id");
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("a person must be a mapping with id, name, role and manager"));
            continue;
        }
        r.unknown_keys(node, config_keys("people"), in_people);
        Person person;
        auto id = r.text(node.find("id"), person_id);
        if (!id || id->empty()) {
            r.error(&node, "config", say("a person needs an id"));
            continue;
        }
        person.id = *id;
        if (!ids.insert(person.id).second) r.error(node.find("id"), "config", say("duplicate person id \"{}\"", person.id));
        person.name = r.text(node.find("name"), "name").value_or(person.id);
        person.role = r.text(node.find("role"), "role").value_or("");
        person.manager = r.text(node.find("manager"), "manager").value_or("");
        p.people.push_back(std::move(person));
    }
    p.build_index();
    for (std::size_t i = 0; i < list.items.size() && i < p.people.size(); ++i) {
        const Person& person = p.people[i];
        if (!person.manager.empty() && !p.person(person.manager))
            r.error(list.items[i].find("manager"), "config",
                    // TRANSLATORS: the manager's id, then the id of the person whose manager it is.
                    say("manager \"{}\" of \"{}\" is not in people", person.manager, person.id));
    }
}

// The team's own project fields. Gates may name them, so they are read before the stages;
// `required_from` names a stage and is resolved after them (see resolve_required_from).
void read_fields(NodeReader& r, const YamlNode& list, Process& p, std::vector<const YamlNode*>& required_from) {
    // Words a custom key may not be: the filter fields and --by keys of pipeline(1).
    static const std::initializer_list<std::string_view> kReserved = {
        "owner", "stage", "status", "customer", "industry", "source", "grade", "category", "id", "name", "amount",
        "close", "month", "quarter", "year", "not"};
    static const std::initializer_list<std::pair<std::string_view, FieldType>> kTypes = {
        {"text", FieldType::text},       {"number", FieldType::number},   {"money", FieldType::money},
        {"percent", FieldType::percent}, {"date", FieldType::date},       {"bool", FieldType::boolean},
        {"boolean", FieldType::boolean}, {"enum", FieldType::enumeration}, {"person", FieldType::person}};
    auto type_named = [&](std::string_view name) -> std::optional<FieldType> {
        for (const auto& [n, type] : kTypes)
            if (n == name) return type;
        return std::nullopt;
    };
    const std::string type_list = "text, number, money, percent, date, bool, enum, person, list";
    std::set<std::string> keys;
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("a field must be a mapping with key, type and optionally values, items, required_from, description"));
            continue;
        }
        r.unknown_keys(node, config_keys("fields"), say(" in fields"));
        CustomField f;
        f.position = node.position;
        // TRANSLATORS: names a value in messages; key is the key.
        auto key = r.text(node.find("key"), say("field key"));
        if (!key) {
            r.error(&node, "config", say("a field needs a key"));
            continue;
        }
        f.key = *key;
        const YamlNode* key_node = node.find("key");
        if (!valid_stage_id(f.key)) {
            r.error(key_node, "config", say("field key \"{}\" must match [a-z][a-z0-9_]*", f.key));
            continue;
        }
        if (project_spec().find(f.key)) {
            r.error(key_node, "config", say("field key \"{}\" is a built-in key of project files (pipeline-project(5))", f.key));
            continue;
        }
        if (std::find(kReserved.begin(), kReserved.end(), f.key) != kReserved.end()) {
            r.error(key_node, "config", say("field key \"{}\" is a filter field or --by key of pipeline(1); choose another", f.key));
            continue;
        }
        if (!keys.insert(f.key).second) {
            r.error(key_node, "config", say("duplicate field key \"{}\"", f.key));
            continue;
        }
        const YamlNode* type_node = node.find("type");
        auto type = r.text(type_node, say("field type"));
        if (!type) {
            if (!type_node || type_node->is_null())
                // TRANSLATORS: the field's key, then the types it may have (text, number, ...).
                r.error(&node, "config", say("field \"{}\" needs a type ({})", f.key, type_list));
            continue;
        }
        std::string item_type = *type;
        if (*type == "list") {
            f.list = true;
            const YamlNode* items = node.find("items");
            auto it = r.text(items, say("field items"));
            if (!it) {
                if (!items || items->is_null())
                    r.error(&node, "config", say("field \"{}\" is a list: give the type of its items, e.g. items: person", f.key));
                continue;
            }
            item_type = *it;
            type_node = items;
        } else if (node.find("items")) {
            // TRANSLATORS: the field's key, then its type as written (text, money, ...).
            r.error(node.find("items"), "config", say("items is for a field of type list; \"{}\" is {}", f.key, *type));
            continue;
        }
        auto resolved = type_named(item_type);
        if (!resolved) {
            // TRANSLATORS: the type written, then the types a field may have (text, number, ...).
            r.error(type_node, "config", say("unknown field type \"{}\" (types: {})", item_type, type_list));
            continue;
        }
        f.type = *resolved;
        const YamlNode* values = node.find("values");
        if (f.type == FieldType::enumeration) {
            std::set<std::string> seen;
            for (const std::string& v : value_list(r, values, say("field value"))) {
                if (v.empty()) continue;
                if (seen.insert(v).second) f.values.push_back(v);
                else r.error(values, "config", say("field \"{}\" lists the value \"{}\" twice", f.key, v));
            }
            if (f.values.empty()) {
                r.error(values ? values : &node, "config", say("field \"{}\" is an enum: list its values, e.g. values: [A, B]", f.key));
                continue;
            }
        } else if (values) {
            // TRANSLATORS: the field's key, then its type as written (text, money, ...).
            r.error(values, "config", say("values is for a field of type enum; \"{}\" is {}", f.key, item_type));
            continue;
        }
        f.description = r.text(node.find("description"), say("field description")).value_or("");
        required_from.push_back(node.find("required_from"));
        p.fields.push_back(std::move(f));
    }
}

void resolve_required_from(NodeReader& r, const std::vector<const YamlNode*>& required_from, Process& p) {
    for (std::size_t i = 0; i < p.fields.size() && i < required_from.size(); ++i) {
        const YamlNode* n = required_from[i];
        auto stage = r.text(n, "required_from");
        if (!stage) continue;
        p.fields[i].required_from = p.stage_index(*stage);
        if (p.fields[i].required_from < 0)
            r.error(n, "config", say("required_from names unknown stage \"{}\"", *stage));
    }
}

void read_targets(NodeReader& r, const YamlNode& list, Process& p) {
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("a target must be a mapping with period, amount and optionally owner"));
            continue;
        }
        r.unknown_keys(node, config_keys("targets"), say(" in targets"));
        Target t;
        t.owner = r.text(node.find("owner"), "owner").value_or("");
        if (!t.owner.empty() && !p.person(t.owner))
            r.error(node.find("owner"), "config", say("target owner \"{}\" is not in people", t.owner));
        auto period_text = r.scalar(node.find("period"), "period");
        auto period = period_text ? parse_period(*period_text) : std::nullopt;
        if (!period) {
            r.error(node.find("period") ? node.find("period") : &node, "config",
                    say("a target needs a period such as 2026, 2026Q4 or 2026-11"));
            continue;
        }
        t.period = *period;
        const YamlNode* amount_node = node.find("amount");
        auto amount = r.money(amount_node, say("target amount"));
        if (!amount) {
            if (!amount_node || amount_node->is_null()) r.error(amount_node ? amount_node : &node, "config", say("a target needs an amount"));
            continue;
        }
        t.amount = *amount;
        p.targets.push_back(std::move(t));
    }
}

}  // namespace

std::optional<Process> load_process(std::string_view text, const std::string& path, Diagnostics& out) {
    const std::size_t errors_before = out.count(Severity::error);
    YamlDocument doc = parse_yaml(text, path, out);
    if (!doc.root) {
        if (out.count(Severity::error) == errors_before) out.error(path, {1, 1}, "config", say("pipeline.yaml is empty"));
        return std::nullopt;
    }
    NodeReader r(path, out, "config", true);
    const YamlNode& root = *doc.root;
    if (!root.is_mapping()) {
        r.error(&root, "config", say("pipeline.yaml must be a mapping with currency, stages, ..."));
        return std::nullopt;
    }
    r.unknown_keys(root, config_keys(""), "");
    Process p;
    if (auto l = r.one_of(root.find("language"), "language", {"zh", "en"}, "config")) p.language = *l;
    if (auto c = r.text(root.find("currency"), "currency")) p.currency = *c;
    if (auto u = r.one_of(root.find("display_unit"), "display_unit", {"元", "万元", "亿元"}, "config"))
        p.display_unit = *parse_money_unit(*u);
    auto currency_code = [](std::string_view c) {
        return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    };
    if (!root.find("currency"))
        r.error(&root, "config", say("pipeline.yaml needs currency: the base currency, such as CNY"));
    else if (!currency_code(p.currency))
        r.error(root.find("currency") ? root.find("currency") : &root, "config",
                say("currency \"{}\" must be a three-letter code such as CNY", p.currency));
    if (const YamlNode* rates = root.find("currencies"); r.mapping(rates, "currencies")) {
        for (const YamlEntry& e : rates->entries) {
            if (!currency_code(e.key.value))
                r.error(&e.key, "config", say("currency \"{}\" must be a three-letter code such as USD", e.key.value));
            else if (e.key.value == p.currency)
                r.error(&e.key, "config", say("{} is the base currency: it has no rate (remove it from currencies)", p.currency));
            else if (e.value.is_null())
                // TRANSLATORS: a currency code, twice (USD).
                r.error(&e.key, "config", say("currency {} needs a rate, e.g. {}: 7.1", e.key.value, e.key.value));
            // TRANSLATORS: names a value in messages; {} is a currency code (USD).
            else if (auto rate = r.rate(&e.value, say("rate of {}", e.key.value)))
                p.rates[e.key.value] = *rate;
        }
    }
    // Gates may name its grades: read before the stages.
    if (const YamlNode* table = root.find("importance"); r.sequence(table, "importance")) read_importance(r, *table, p);
    std::vector<const YamlNode*> required_from;
    if (const YamlNode* fields = root.find("fields"); r.sequence(fields, "fields")) read_fields(r, *fields, p, required_from);
    const YamlNode* stages = root.find("stages");
    if (!stages || stages->is_null() || (stages->is_sequence() && stages->items.empty())) {
        r.error(stages ? stages : &root, "config", say("pipeline.yaml needs a list of stages"));
    } else if (r.sequence(stages, "stages")) {
        read_stages(r, *stages, p);
    }
    resolve_required_from(r, required_from, p);
    if (const YamlNode* flexible = root.find("flexible"); r.sequence(flexible, "flexible")) read_flexible(r, *flexible, p);
    p.outcome_names = {{"won", "赢单"}, {"lost", "丢单"}, {"abandoned", "放弃"}};
    if (const YamlNode* outcomes = root.find("outcomes"); r.mapping(outcomes, "outcomes")) {
        for (const YamlEntry& e : outcomes->entries) {
            if (!parse_status(e.key.value) || e.key.value == "open")
                r.error(&e.key, "config", say("unknown outcome \"{}\" (outcomes are won, lost, abandoned)", e.key.value));
            else if (auto name = r.text(&e.value, say("outcome name")))
                p.outcome_names[e.key.value] = *name;
        }
    }
    if (const YamlNode* cats = root.find("forecast_categories"); r.mapping(cats, "forecast_categories")) {
        r.unknown_keys(*cats, config_keys("forecast_categories"), say(" in forecast_categories"));
        p.categories.commit = r.integer(cats->find("commit"), "forecast_categories.commit", 0, 100).value_or(p.categories.commit);
        p.categories.best_case = r.integer(cats->find("best_case"), "forecast_categories.best_case", 0, 100).value_or(p.categories.best_case);
        if (p.categories.best_case > p.categories.commit)
            r.error(cats, "config", say("forecast_categories: best_case must not be above commit"));
    }
    if (const YamlNode* rules = root.find("rules"); r.mapping(rules, "rules")) read_rules(r, *rules, p);
    if (const YamlNode* people = root.find("people"); r.sequence(people, "people")) read_people(r, *people, p);
    if (const YamlNode* approvals = root.find("approvals"); r.sequence(approvals, "approvals")) read_approval_types(r, *approvals, p);
    if (const YamlNode* targets = root.find("targets"); r.sequence(targets, "targets")) read_targets(r, *targets, p);
    if (const YamlNode* channels = root.find("channels"); r.sequence(channels, "channels")) {
        for (const YamlNode& node : channels->items) {
            if (!node.is_mapping()) {
                r.error(&node, "config", say("a channel must be a mapping with source and cost"));
                continue;
            }
            r.unknown_keys(node, config_keys("channels"), say(" in channels"));
            Channel c;
            c.source = r.text(node.find("source"), "source").value_or("");
            c.cost = r.money(node.find("cost"), say("channel cost")).value_or(Money{});
            if (c.source.empty()) r.error(&node, "config", say("a channel needs a source"));
            else p.channels.push_back(std::move(c));
        }
    }
    if (out.count(Severity::error) > errors_before) return std::nullopt;
    return p;
}

}  // namespace pipeline
