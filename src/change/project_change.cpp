#include "pipeline/change/project_change.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/check/validate.hpp"

namespace pipeline {
namespace {

Refusal refuse(std::string reason, Text message) { return Refusal{std::move(reason), std::move(message), {}, {}}; }


// Stage names in history entries follow the file: display names when its last entry that
// reached a stage wrote one, ids otherwise.
std::string history_stage(const Process& process, int stage, const Project& p) {
    for (auto it = p.history.rbegin(); it != p.history.rend(); ++it) {
        if (it->to < 0) continue;
        const Stage& s = process.stages[it->to];
        if (it->to_text == s.name && s.name != s.id) return process.stages[stage].name;
        break;
    }
    return process.stages[stage].id;
}

// Whether edits write values by name (进行中, 赢单, 终止, 批准) rather than by id: when the file
// writes an enum value by its Chinese name, or its stages by their display names.
bool writes_names(const Project& p, const Process& process) {
    if (p.writes_names) return true;
    if (p.stage >= 0 && p.stage_text == process.stages[p.stage].name && process.stages[p.stage].name != process.stages[p.stage].id)
        return true;
    return p.stage >= 0 && history_stage(process, p.stage, p) != process.stages[p.stage].id;
}

// A status as the file writes values: its id, or the team's name of the outcome (赢单).
std::string status_text(Status s, const Project& p, const Process& process) {
    if (!writes_names(p, process)) return status_id(s);
    return s == Status::open ? std::string(status_name(s)) : process.outcome_name(s);
}

// An enum value of the registry as the file writes values.
std::string enum_text(std::span<const EnumValue> values, std::string_view id, const Project& p, const Process& process) {
    const EnumValue* v = find_enum_value(values, id);
    return std::string(v && writes_names(p, process) ? v->name() : id);
}

// A person (a roster id) as the file writes people: by display name when it does and the name
// is theirs alone, else by id.
std::string person_text(const std::string& id, const Project& p, const Process& process) {
    if (!p.writes_person_names) return id;
    const Person* person = process.person(id);
    if (!person || person->name.empty() || process.person_named(person->name) != person) return id;
    return person->name;
}

// A history entry both as written and as the loader will read it back.
struct Entry {
    YamlItem item;
    HistoryEntry model;
};

void set_end(const Process& process, const std::string& text, CompactString& out_text, int& stage, std::optional<Status>& outcome) {
    out_text = text;
    stage = process.stage_index(text);
    if (stage < 0) {
        auto s = process.status_of(text);
        if (s && *s != Status::open) outcome = s;
    }
}

Entry make_entry(const Process& process, const Project& p, Date date, const std::string& from, const std::string& to, const std::string& by,
                 const std::string& note, const std::string& forced, bool regression) {
    Entry e;
    e.item.push_back({"date", Scalar::plain(date.iso())});
    e.model.date = date;
    if (!from.empty()) {
        e.item.push_back({"from", Scalar::string(from)});
        set_end(process, from, e.model.from_text, e.model.from, e.model.from_outcome);
    }
    e.item.push_back({"to", Scalar::string(to)});
    set_end(process, to, e.model.to_text, e.model.to, e.model.to_outcome);
    if (!by.empty()) e.item.push_back({"by", Scalar::string(person_text(by, p, process))});
    if (!note.empty()) e.item.push_back({"note", Scalar::string(note)});
    if (!forced.empty()) e.item.push_back({"forced", Scalar::string(forced)});
    if (regression) e.item.push_back({"regression", Scalar::plain("true")});
    e.model.by = by;
    e.model.note = note;
    e.model.forced = forced;
    e.model.regression = regression;
    return e;
}

// A first entry records where the project is, so it has no `from` (pipeline-project(5)).
void add_entry(PlannedChange& c, Entry e) {
    if (c.after.history.empty()) {
        std::erase_if(e.item, [](const auto& kv) { return kv.first == "from"; });
        e.model.from_text.clear();
        e.model.from = -1;
        e.model.from_outcome.reset();
    }
    c.history.push_back(e.item);
    c.edit.append.push_back({"history", std::move(e.item)});
    c.after.history.push_back(std::move(e.model));
}

std::vector<CheckResult> gate_checks(const std::vector<int>& stages, const Project& p, const Process& process, Date today) {
    std::vector<CheckResult> out;
    for (int s : stages)
        for (CheckResult& r : evaluate_gate(s, p, process, today)) out.push_back(std::move(r));
    return out;
}

std::vector<CheckResult> failing(const std::vector<CheckResult>& checks) {
    std::vector<CheckResult> out;
    std::copy_if(checks.begin(), checks.end(), std::back_inserter(out), [](const CheckResult& r) { return !r.holds; });
    return out;
}

std::optional<Refusal> common_refusals(const Project& p, Date today, Date date) {
    if (p.stage < 0)
        return refuse("stage", say("the file's stage \"{}\" is not a stage of pipeline.yaml; fix the file first "
                                   "(pipeline check {})", p.stage_text, p.path));
    if (date > today)
        return refuse("date", say("the date {} is after today ({}); a move is recorded when it happens", date.iso(), today.iso()));
    std::optional<Date> last;
    for (const HistoryEntry& h : p.history)
        if (h.date && (!last || *h.date > *last)) last = h.date;
    if (last && date < *last)
        return refuse("date", say("the date {} is before the last history entry ({})", date.iso(), last->iso()));
    return std::nullopt;
}

// The safety net: a change must not make `pipeline check` fail where it passed.
std::optional<Refusal> new_check_errors(const Project& before, const PlannedChange& change, const Process& process, Date today) {
    Diagnostics old_findings, new_findings;
    check_project(before, process, {today}, old_findings);
    check_project(change.after, process, {today}, new_findings);
    std::map<std::tuple<std::string, std::string>, int> known;
    for (const Diagnostic& d : old_findings.items())
        if (d.severity == Severity::error) ++known[{d.rule, d.message}];
    Refusal r = refuse("check", "");
    for (const Diagnostic& d : new_findings.items()) {
        if (d.severity != Severity::error) continue;
        if (int& n = known[{d.rule, d.message}]; n > 0) --n;
        else r.findings.push_back(d);
    }
    if (r.findings.empty()) return std::nullopt;
    r.message = sayn("the change would make `pipeline check` fail with {} new error",
                     "the change would make `pipeline check` fail with {} new errors", r.findings.size(), r.findings.size());
    return r;
}

MoveResult finish(const Project& before, PlannedChange change, const Process& process, Date today) {
    if (auto r = new_check_errors(before, change, process, today)) return *r;
    change.edit.key_order = project_key_order();
    return change;
}

PlannedChange start(const Project& p, std::string kind) {
    PlannedChange c;
    c.kind = std::move(kind);
    c.from_stage = p.stage;
    c.to_stage = p.stage;
    c.from_status = p.status;
    c.to_status = p.status;
    c.after = p;
    return c;
}

void set_stage(PlannedChange& c, const Process& process, const Project& p, int stage) {
    const std::string text = stage_as_written(process, stage, p);
    c.to_stage = stage;
    c.after.stage = stage;
    c.after.stage_text = text;
    c.edit.set.push_back({"stage", Scalar::string(text)});
}

std::string stage_list(const Process& process) {
    std::string out;
    for (const Stage& s : process.stages) out += (out.empty() ? "" : ", ") + s.id + " (" + s.name + ")";
    return out;
}

}  // namespace

std::string stage_as_written(const Process& process, int stage, const Project& p) {
    if (p.stage >= 0) {
        const Stage& current = process.stages[p.stage];
        if (p.stage_text == current.name && current.name != current.id) return process.stages[stage].name;
    }
    return process.stages[stage].id;
}

// The field's key is glued to the detail, which gate.cpp words to follow a key ("is absent").
Text check_detail(const CheckResult& r) {
    const GateCheck& c = *r.check;
    switch (c.kind) {
        case GateCheck::Kind::present:
            // TRANSLATORS: {} is a field's key: "lead.source is absent".
            return r.holds ? Text() : say("{} is absent", c.field);
        case GateCheck::Kind::count: {
            std::string where;
            for (const ItemCondition& w : c.where) {
                std::string values;
                for (const std::string& v : w.values) values += (values.empty() ? "" : "|") + v;
                where += (where.empty() ? "" : ", ") + std::string(w.field->key) + ": " + values;
            }
            return Text(fmt::format("{}{}: ", c.field, where.empty() ? "" : " (" + where + ")")) + r.detail;
        }
        case GateCheck::Kind::equals:
        case GateCheck::Kind::person:
        case GateCheck::Kind::not_future:
        case GateCheck::Kind::compare:
            return r.detail.empty() ? Text() : Text(c.field + " ") + r.detail;
        case GateCheck::Kind::importance:
            return r.detail;
        case GateCheck::Kind::document:
            // TRANSLATORS: {} is a type of document (解决方案建议书), then what the check found.
            return r.detail.empty() ? Text() : say("document {}: ", c.field) + r.detail;
    }
    return r.detail;
}

// A force that overrides checks is made by someone whose role rules.force_roles names.
std::optional<Refusal> force_refusal(const std::string& by, const Process& process) {
    if (process.may_force(by)) return std::nullopt;
    const Person* person = process.person(by);
    const std::string allowed = join(process.rules.force_roles);
    if (allowed.empty())
        return refuse("force-role", say("nobody may force a gate here (rules.force_roles is empty); complete the project file"));
    if (!person)
        // TRANSLATORS: {0} who makes the move, {1} the roles allowed (rules.force_roles).
        return refuse("force-role", say("{} is not in people, and only people of the roles {} may force a gate "
                                        "(rules.force_roles); name one with --by",
                                        by, allowed));
    // TRANSLATORS: {0} who makes the move, {1} that person's role, {2} the roles allowed (rules.force_roles).
    return refuse("force-role", say("{} ({}) may not force a gate: only people of the roles {} may (rules.force_roles); "
                                    "ask one of them, who moves it with --by",
                                    by, person->role.empty() ? "no role" : person->role, allowed));
}

MoveResult plan_advance(const Project& p, const Process& process, Date today, const AdvanceRequest& request) {
    const int won_at = process.won_stage();
    const int last = static_cast<int>(process.stages.size()) - 1;
    // A won project goes on through the stages after the win; any other closed one is reopened first.
    if (p.status != Status::open && !(p.status == Status::won && won_at < last))
        // TRANSLATORS: {0} and {2} are the project id, {1} its status id (won, lost, abandoned).
        return refuse("closed", say("{} is {}; reopen it first (pipeline reopen {} --note TEXT)", p.id,
                                    status_word(p.status), p.id));
    if (request.force && request.force_reason.empty())
        return refuse("force-reason", say("--force needs --reason TEXT: why the gate is overridden (it is recorded in the history)"));
    if (auto r = common_refusals(p, today, request.date)) return *r;
    int to = p.stage + 1;
    if (request.to.empty()) {
        if (p.status == Status::open && p.stage == won_at)
            // TRANSLATORS: {0} and {2} a project id, {1} the stage at which projects are won.
            return refuse("final-stage", say("{} is in {}, where a project is won; close it with pipeline close {} --won",
                                             p.id, process.stage_label(p.stage), p.id));
        if (p.stage == last)
            return refuse("final-stage", say("{} is in the last stage {}; there is no stage after it", p.id,
                                             process.stage_label(p.stage)));
    } else {
        to = process.stage_index(request.to);
        if (to < 0) {
            std::vector<std::string> names;
            for (const Stage& s : process.stages) {
                names.push_back(s.id);
                names.push_back(s.name);
            }
            auto hint = did_you_mean(request.to, names);
            // TRANSLATORS: {2} lists the stages: "lead (信息搜集), initiation (项目立项)".
            if (hint) return refuse("unknown-stage", say("unknown stage \"{}\" (did you mean \"{}\"?); the stages are {}",
                                                         request.to, *hint, stage_list(process)));
            return refuse("unknown-stage", say("unknown stage \"{}\"; the stages are {}", request.to, stage_list(process)));
        }
    }
    if (to == p.stage)
        return refuse("same-stage", say("{} is already in {}", p.id, process.stage_label(to)));
    if (p.status == Status::won && !process.after_win(to))
        // TRANSLATORS: {0} and {3} a project id, {1} a stage, {2} the stage at which it was won.
        return refuse("closed", say("{0} is won; it moves on only to the stages after {2}, not back to {1}; reopen it first "
                                    "(pipeline reopen {3} --note TEXT)",
                                    p.id, process.stage_label(to), process.stage_label(won_at), p.id));
    if (p.status == Status::open && process.after_win(to))
        // TRANSLATORS: {0} and {3} a project id, {1} a stage after the win, {2} the stage at which projects are won.
        return refuse("not-won", say("{0} is not won yet; {1} comes after {2}, where a project is won: close it with "
                                     "pipeline close {3} --won first",
                                     p.id, process.stage_label(to), process.stage_label(won_at), p.id));
    const TransitionPlan move = plan_transition(process, p.stage, to);
    if (move.kind == TransitionKind::regression && request.note.empty())
        return refuse("regression-note", say("moving back from {} to {} is a regression; say why with --note TEXT",
                                             process.stage_label(p.stage), process.stage_label(to)));
    PlannedChange c = start(p, move.kind == TransitionKind::regression ? "regression"
                               : move.kind == TransitionKind::within_group ? "within-group" : "forward");
    c.checked = gate_checks(move.gates, p, process, today);
    std::vector<CheckResult> unmet = failing(c.checked);
    if (!unmet.empty() && !request.force) {
        const std::string from_label = process.stage_label(p.stage), to_label = process.stage_label(to);
        Refusal r = refuse("gate", move.gates.size() == 1
                                       // TRANSLATORS: {0} a project id, {1} and {2} stages, {3} the number
                                       // of checks that do not hold (of the one gate the move needs).
                                       ? sayn("{} cannot move from {} to {}: {} check of the gate does not hold",
                                              "{} cannot move from {} to {}: {} checks of the gate do not hold", unmet.size(),
                                              p.id, from_label, to_label, unmet.size())
                                       // TRANSLATORS: {0} a project id, {1} and {2} stages, {3} the number
                                       // of checks that do not hold (the move needs several gates).
                                       : sayn("{} cannot move from {} to {}: {} check of the gates does not hold",
                                              "{} cannot move from {} to {}: {} checks of the gates do not hold", unmet.size(),
                                              p.id, from_label, to_label, unmet.size()));
        r.unmet = std::move(unmet);
        return r;
    }
    if (!unmet.empty())
        if (auto r = force_refusal(request.by, process)) return *r;
    if (request.force) c.overridden = std::move(unmet);
    set_stage(c, process, p, to);
    add_entry(c, make_entry(process, p, request.date, history_stage(process, p.stage, p), history_stage(process, to, p),
                            request.by, request.note, c.overridden.empty() ? "" : request.force_reason,
                            move.kind == TransitionKind::regression));
    return finish(p, std::move(c), process, today);
}

MoveResult plan_close(const Project& p, const Process& process, Date today, const CloseRequest& request) {
    if (request.outcome == Status::open) return refuse("usage", say("close needs an outcome: --won, --lost or --abandoned"));
    if (p.status != Status::open)
        // TRANSLATORS: {0} a project id, {1} its status id (won, lost, abandoned).
        return refuse("closed", say("{} is already {}; reopen it first to close it again", p.id, status_word(p.status)));
    if (request.outcome != Status::won && request.reason.empty())
        // TRANSLATORS: {} is an outcome id: lost or abandoned.
        return refuse("close-reason", say("closing as {} needs --reason TEXT (it feeds the loss analysis)",
                                          status_word(request.outcome)));
    if (request.outcome == Status::abandoned && request.approved_by.empty())
        return refuse("approver", say("abandoning a project needs --approved-by WHO: the manager who approved the "
                                      "termination (项目终止审批)"));
    if (request.force && request.reason.empty())
        return refuse("force-reason", say("--force needs --reason TEXT: why the gate is overridden (it is recorded in the history)"));
    if (auto r = common_refusals(p, today, request.date)) return *r;
    PlannedChange c = start(p, status_id(request.outcome));
    const int last = process.won_stage();  // a project is won here; the stages after it are worked once won
    std::string forced_move, forced_won;
    if (request.outcome == Status::won) {
        const std::vector<int> move_gates = p.stage == last ? std::vector<int>{} : plan_transition(process, p.stage, last).gates;
        std::vector<CheckResult> move_checks = gate_checks(move_gates, p, process, today);
        std::vector<CheckResult> final_checks = gate_checks({last}, p, process, today);
        c.checked = move_checks;
        c.checked.insert(c.checked.end(), final_checks.begin(), final_checks.end());
        std::vector<CheckResult> unmet = failing(c.checked);
        if (!unmet.empty() && !request.force) {
            const std::string from_label = process.stage_label(p.stage);
            Refusal r = refuse("gate", move_gates.empty()
                                           // TRANSLATORS: {0} a project id, {1} its stage, {2} the number of
                                           // checks that do not hold (of the final stage's gate).
                                           ? sayn("{} cannot be closed as won from {}: {} check of the gate does not hold",
                                                  "{} cannot be closed as won from {}: {} checks of the gate do not hold",
                                                  unmet.size(), p.id, from_label, unmet.size())
                                           // TRANSLATORS: {0} a project id, {1} its stage, {2} the number of
                                           // checks that do not hold (of the gates up to the final stage).
                                           : sayn("{} cannot be closed as won from {}: {} check of the gates does not hold",
                                                  "{} cannot be closed as won from {}: {} checks of the gates do not hold",
                                                  unmet.size(), p.id, from_label, unmet.size()));
            r.unmet = std::move(unmet);
            return r;
        }
        if (!unmet.empty())
            if (auto r = force_refusal(request.by, process)) return *r;
        if (request.force) {
            c.overridden = std::move(unmet);
            if (!failing(move_checks).empty()) forced_move = request.reason;
            if (!failing(final_checks).empty()) forced_won = request.reason;
        }
    }
    const std::string from = history_stage(process, p.stage, p);
    if (request.outcome == Status::won && p.stage != last) {
        set_stage(c, process, p, last);
        add_entry(c, make_entry(process, p, request.date, from, history_stage(process, last, p), request.by, "", forced_move, false));
        add_entry(c, make_entry(process, p, request.date, history_stage(process, last, p), status_text(Status::won, p, process),
                                request.by, request.note, forced_won, false));
    } else {
        add_entry(c, make_entry(process, p, request.date, from, status_text(request.outcome, p, process), request.by, request.note,
                                forced_won, false));
    }
    c.to_status = request.outcome;
    c.after.status = request.outcome;
    c.after.closed_on = request.date;
    c.after.close_reason = request.reason;
    c.edit.set.push_back({"status", Scalar::string(status_text(request.outcome, p, process))});
    c.edit.set.push_back({"closed_on", Scalar::plain(request.date.iso())});
    if (!request.reason.empty()) c.edit.set.push_back({"close_reason", Scalar::string(request.reason)});
    else c.edit.remove.push_back("close_reason");
    if (request.outcome == Status::abandoned) {
        const FieldSpec& approvals = *project_spec().find("approvals");
        YamlItem approval{{"type", Scalar::string(enum_text(approvals.record->find("type")->values, "termination", p, process))},
                          {"by", Scalar::string(person_text(request.approved_by, p, process))},
                          {"date", Scalar::plain(request.date.iso())},
                          {"result", Scalar::string(enum_text(approvals.record->find("result")->values, "approved", p, process))}};
        c.edit.append.push_back({"approvals", approval});
        Approval a;
        a.type = "termination";
        a.by = request.approved_by;
        a.date = request.date;
        a.result = "approved";
        c.after.approvals.push_back(a);
    }
    return finish(p, std::move(c), process, today);
}

MoveResult plan_reopen(const Project& p, const Process& process, Date today, const ReopenRequest& request) {
    if (p.status == Status::open) return refuse("not-closed", say("{} is open; only a closed project can be reopened", p.id));
    if (request.note.empty()) return refuse("note", say("reopening needs --note TEXT: why the project is open again"));
    if (auto r = common_refusals(p, today, request.date)) return *r;
    if (!p.expected_close && !request.expected_close)
        return refuse("expected-close", say("{} has no expected_close, which an open project needs; give "
                                            "--expected-close YYYY-MM-DD", p.id));
    PlannedChange c = start(p, "reopen");
    // A won project worked on after the win is open again at the win stage: an open project
    // never stands after it.
    const int to = process.after_win(p.stage) ? process.won_stage() : p.stage;
    if (to != p.stage) set_stage(c, process, p, to);
    add_entry(c, make_entry(process, p, request.date, status_text(p.status, p, process), history_stage(process, to, p), request.by,
                            request.note, "", false));
    c.to_status = Status::open;
    c.after.status = Status::open;
    c.after.closed_on.reset();
    c.after.close_reason.clear();
    c.edit.set.push_back({"status", Scalar::string(status_text(Status::open, p, process))});
    c.edit.remove.push_back("closed_on");
    c.edit.remove.push_back("close_reason");
    if (request.expected_close) {
        c.after.expected_close = request.expected_close;
        c.edit.set.push_back({"expected_close", Scalar::plain(request.expected_close->iso())});
    }
    return finish(p, std::move(c), process, today);
}

}  // namespace pipeline
