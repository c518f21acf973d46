#include "pipeline/check/gate.hpp"

#include <algorithm>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/authority.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/registry.hpp"

namespace pipeline {
namespace {

// TRANSLATORS: what a gate check found, after the field's key: "lead.source is absent".
Text absent() { return say("is absent"); }

// A value of a field as a reader sees it: an enum's Chinese name for a Chinese reader (待定
// for pending), the value as written otherwise; JSON keeps the id.
Text value_word(const FieldRef& ref, const std::string& value) {
    if (current_language() == Language::english || ref.is_custom() || ref.path.empty()) return Text(value);
    const EnumValue* v = find_enum_value(ref.path.back()->values, value);
    return v ? Text(value, std::string(v->name())) : Text(value);
}

bool item_matches(const void* item, const std::vector<ItemCondition>& where) {
    return std::all_of(where.begin(), where.end(), [&](const ItemCondition& c) {
        const auto v = field_text(item, *c.field);
        return v && std::find(c.values.begin(), c.values.end(), *v) != c.values.end();
    });
}

// A count over approvals leaves out the approved ones given by someone not allowed
// (model/authority.hpp); `refused` gets why the first of them is refused.
std::size_t count_approvals(const Project& p, const Process& process, const std::vector<ItemCondition>& where,
                            std::optional<Text>& refused) {
    std::size_t n = 0;
    for (const Approval& a : p.approvals) {
        if (!item_matches(&a, where)) continue;
        if (auto why = approval_refusal(a, p, process)) {
            if (!refused) refused = std::move(why);
        } else {
            ++n;
        }
    }
    return n;
}

bool counts_approvals(const ListRef& list) { return list.custom < 0 && list.list && list.list->key == "approvals"; }

}  // namespace

CheckResult evaluate_check(const GateCheck& check, int stage, const Project& p, const Process& process, Date today) {
    CheckResult r{&check, stage, false, {}};
    switch (check.kind) {
        case GateCheck::Kind::present: {
            const auto v = field_text(p, check.ref);
            r.holds = v && *v != "false";
            break;
        }
        case GateCheck::Kind::equals: {
            const auto v = field_text(p, check.ref);
            r.holds = v && std::find(check.values.begin(), check.values.end(), *v) != check.values.end();
            // TRANSLATORS: what a gate check found, after the field's key ("stage is \"lost\"") or in
            // parentheses after the check's text; {} is the value in the file.
            r.detail = v ? say("is \"{}\"", value_word(check.ref, *v)) : absent();
            break;
        }
        case GateCheck::Kind::count: {
            std::optional<Text> refused;
            const std::size_t n = counts_approvals(check.list) ? count_approvals(p, process, check.where, refused)
                                                               : count_items(p, check.list, check.where);
            r.holds = n >= static_cast<std::size_t>(check.min) && (!check.max || n <= static_cast<std::size_t>(*check.max));
            // TRANSLATORS: list items a gate check found ({0}) and the range it needs ({1}–{2}),
            // after the list's key: "contacts: 3 found, 1–2 needed".
            r.detail = check.max ? say("{} found, {}–{} needed", n, check.min, *check.max)
                                 // TRANSLATORS: items found ({0}) of the number a gate check needs ({1}),
                                 // after the list's key: "contacts: 0 of 1".
                                 : say("{} of {}", n, check.min);
            if (refused && !r.holds) r.detail += Text("; ") + *refused;
            break;
        }
        case GateCheck::Kind::person: {
            const auto v = field_text(p, check.ref);
            r.holds = v && process.person(*v) != nullptr;
            // TRANSLATORS: after the field's key: `sponsor "公司" is not in people` (the roster).
            r.detail = v ? (r.holds ? Text() : say("\"{}\" is not in people", *v)) : absent();
            break;
        }
        case GateCheck::Kind::compare: {
            const auto v = field_text(p, check.ref);
            const auto a = v ? ordered_number(check.type, *v) : std::nullopt;
            const auto w = check.other ? field_text(p, *check.other) : std::nullopt;
            const auto b = check.other ? (w ? ordered_number(field_type(*check.other, process), *w) : std::nullopt) : check.number;
            const std::int64_t x = a.value_or(0), y = b.value_or(0);
            if (a && b) {
                switch (check.op) {
                    case GateCheck::Op::less: r.holds = x < y; break;
                    case GateCheck::Op::less_equal: r.holds = x <= y; break;
                    case GateCheck::Op::greater: r.holds = x > y; break;
                    case GateCheck::Op::greater_equal: r.holds = x >= y; break;
                    case GateCheck::Op::equal: r.holds = x == y; break;
                    case GateCheck::Op::not_equal: r.holds = x != y; break;
                }
            }
            // TRANSLATORS: after the field's key: "margin is 15"; "contract.signed_on is 2026-12-01, tender.won_on 2026-12-05".
            if (!v) r.detail = absent();
            else if (!a) r.detail = say("is \"{}\", not of its type", *v);
            else if (check.other && !w) r.detail = say("is {}; {} is absent", *v, check.other->name);
            else if (check.other) r.detail = say("is {}, {} {}", *v, check.other->name, *w);
            else if (!r.holds) r.detail = say("is {}", *v);
            break;
        }
        case GateCheck::Kind::document: {
            // A document of the type, with its file in the repository when it names one.
            bool listed = false;
            for (const Document& d : p.documents) {
                if (d.type.view() != check.field) continue;
                listed = true;
                if (!d.file_missing) r.holds = true;
            }
            // TRANSLATORS: what a document gate check found: none of the type in documents, or its file is missing.
            if (!r.holds) r.detail = listed ? say("its file is not in the repository") : say("not in documents");
            break;
        }
        case GateCheck::Kind::importance: {
            // The grade named or a better one: grades rank in the order of the importance table.
            const std::string grade = process.importance_of(p);
            const std::vector<std::string> grades = process.importance_grades();
            const auto rank = [&](const std::string& g) { return std::find(grades.begin(), grades.end(), g) - grades.begin(); };
            r.holds = !grade.empty() && rank(grade) <= rank(check.field);
            // TRANSLATORS: what an importance gate check found: the project's grade, or none.
            if (!r.holds) r.detail = grade.empty() ? say("the project has no importance grade") : say("the grade is {}", grade);
            break;
        }
        case GateCheck::Kind::not_future: {
            const auto v = field_text(p, check.ref);
            const auto d = v ? Date::parse(*v) : std::nullopt;
            r.holds = d && *d <= today;
            // TRANSLATORS: after the field's key: "contract.signed_on is not a date"; the next one
            // "contract.signed_on 2026-11-24 is after today".
            r.detail = !v ? absent() : !d ? say("is not a date") : r.holds ? Text() : say("{} is after today", *v);
            break;
        }
    }
    return r;
}

std::vector<CheckResult> evaluate_gate(int stage, const Project& p, const Process& process, Date today) {
    std::vector<CheckResult> out;
    if (stage < 0 || stage >= static_cast<int>(process.stages.size())) return out;
    for (const GateCheck& c : process.stages[stage].gate) out.push_back(evaluate_check(c, stage, p, process, today));
    return out;
}

std::optional<GroupEvidence> flexible_evidence(const Project& p, const Process& process) {
    if (p.status != Status::open || p.stage < 0 || p.stage >= static_cast<int>(process.stages.size())) return std::nullopt;
    const int group = process.stages[static_cast<std::size_t>(p.stage)].group;
    if (group < 0 || group >= static_cast<int>(process.flexible.size())) return std::nullopt;
    std::vector<int> stages = process.flexible[static_cast<std::size_t>(group)];
    std::sort(stages.begin(), stages.end());
    static const Date any_day = *Date::from_ymd(9999, 12, 31);
    GroupEvidence e;
    std::size_t own = 0;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        if (stages[i] == p.stage) {
            own = i;
            continue;
        }
        const std::vector<CheckResult> gate = evaluate_gate(stages[i], p, process, any_day);
        const bool holds = std::all_of(gate.begin(), gate.end(), [](const CheckResult& r) { return r.holds; });
        (holds ? e.met : e.unmet).push_back(stages[i]);
    }
    e.weighed_as = stages[std::min(own, e.met.size())];
    e.probability = process.stages[static_cast<std::size_t>(e.weighed_as)].probability;
    return e;
}

std::vector<CheckResult> unmet_checks(const std::vector<int>& stages, const Project& p, const Process& process, Date today) {
    std::vector<CheckResult> out;
    for (int s : stages)
        for (CheckResult& r : evaluate_gate(s, p, process, today))
            if (!r.holds) out.push_back(std::move(r));
    return out;
}

}  // namespace pipeline
