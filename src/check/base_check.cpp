#include "pipeline/check/base_check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/check/gate.hpp"
#include "pipeline/model/authority.hpp"
#include "pipeline/model/record_diff.hpp"
#include "pipeline/model/transition.hpp"

namespace pipeline {
namespace {

// A stage or an outcome, by id: comparable across two versions of pipeline.yaml.
std::string stage_id(const Process& process, int index, const std::string& text) {
    return index >= 0 && index < static_cast<int>(process.stages.size()) ? process.stages[static_cast<std::size_t>(index)].id
                                                                         : text;
}

std::string entry_from(const Process& process, const HistoryEntry& e) {
    return e.from_outcome ? status_id(*e.from_outcome) : stage_id(process, e.from, e.from_text);
}

std::string entry_to(const Process& process, const HistoryEntry& e) {
    return e.to_outcome ? status_id(*e.to_outcome) : stage_id(process, e.to, e.to_text);
}

bool same_entry(const HistoryEntry& a, const Process& pa, const HistoryEntry& b, const Process& pb) {
    return a.date == b.date && entry_from(pa, a) == entry_from(pb, b) && entry_to(pa, a) == entry_to(pb, b) && a.by == b.by &&
           a.note == b.note && a.forced == b.forced && a.imported == b.imported && a.regression == b.regression;
}

std::string describe_entry(const HistoryEntry& e) {
    return fmt::format("{}{}→ {}", e.date ? e.date->iso() + " " : "", e.from_text.empty() ? "" : e.from_text + " ", e.to_text);
}

// Where a project stands: an outcome once closed, else a stage (by id, or as written).
struct Standing {
    std::optional<Status> outcome;
    std::string stage;
    friend bool operator==(const Standing&, const Standing&) = default;
};

// A closed project keeps the stage it was closed from: both count.
Standing standing(const Project& p, const Process& process) {
    return {p.status == Status::open ? std::nullopt : std::optional<Status>(p.status), stage_id(process, p.stage, p.stage_text)};
}

// Where a history entry leaves from or arrives: a stage, or an outcome (no stage).
Standing entry_point(const Process& process, int stage, const std::string& text, const std::optional<Status>& outcome) {
    return outcome ? Standing{outcome, {}} : Standing{std::nullopt, stage_id(process, stage, text)};
}

// Whether a history entry's end point is where a project stands (entries that close or
// reopen name the outcome alone).
bool at(const Standing& point, const Standing& s) { return point.outcome ? point.outcome == s.outcome : point == s; }

std::string describe_stage(const std::string& id, const Process& process) {
    const int index = process.stage_index(id);
    return index >= 0 ? process.stage_label(index) : fmt::format("\"{}\"", id);
}

// A stage while open, the outcome once closed.
std::string describe_standing(const Standing& s, const Process& process) {
    if (!s.outcome) return describe_stage(s.stage, process);
    return fmt::format("{} ({})", process.outcome_name(*s.outcome), status_id(*s.outcome));
}

class BaseChecker {
public:
    BaseChecker(const Process& base_process, const Process& process, const BaseCheckOptions& options, Diagnostics& out)
        : base_process_(base_process), process_(process), options_(options), out_(out) {}

    void compare(const Project& before, const Project& now) {
        forecast_changes(before, now);
        closed_record(before, now);
        const bool history_kept = history(before, now);
        const Standing then = standing(before, base_process_), current = standing(now, process_);
        if (then == current) {
            if (history_kept) gates(now, before.history.size());
            return;
        }
        if (now.history.size() <= before.history.size()) {
            const bool stage_moved = then.stage != current.stage || now.at.status.line == 0;
            const Position at = stage_moved ? now.at.stage : now.at.status;
            const Position where = at.line ? at : Position{1, 1};
            if (then.outcome == current.outcome)
                out_.error(now.path, where, "base-transition",
                           // TRANSLATORS: {0} and {1} are stages, {2} the base revision: "origin/main (3f2a9c1)".
                           say("the stage changed from {} to {} since {}, but no history entry records the move (move "
                               "projects with `pipeline advance`)",
                               describe_stage(then.stage, process_), describe_stage(current.stage, process_), options_.base));
            else
                out_.error(now.path, where, "base-transition",
                           // TRANSLATORS: {0} and {1} are stages or outcomes ("赢单 (won)"), {2} the base revision.
                           say("the project moved from {} to {} since {}, but no history entry records the move (move "
                               "projects with `pipeline advance`)",
                               describe_standing(then, process_), describe_standing(current, process_), options_.base));
            return;
        }
        if (!history_kept) return;
        forces(now, before.history.size());
        start(now, before.history.size(), then);
        gates(now, before.history.size());
    }

    void deleted(const Project& before) {
        // TRANSLATORS: {0} a project id (or its path), {1} its name, {2} the base revision.
        const Text message = say("project {} ({}) was deleted since {}; a project that ended stays as a record (status: lost or "
                                 "abandoned)", before.id.empty() ? before.path : before.id, before.name, options_.base);
        if (options_.strict) out_.error(before.path, {}, "base-deleted", message);
        else out_.warning(before.path, {}, "base-deleted", message);
    }

private:
    // Whether `now` has a `change` approval the base did not, given by someone allowed.
    bool change_approved(const Project& before, const Project& now) const {
        for (const Approval& a : now.approvals)
            if (a.type == "change" && approval_counts(a, now, process_) &&
                std::find(before.approvals.begin(), before.approvals.end(), a) == before.approvals.end())
                return true;
        return false;
    }

    // A forecast cut or raised, or a close pushed out, beyond the rules' thresholds needs its
    // approval in the same change (sop.md §3: changes of plan beyond a threshold are approved).
    void forecast_changes(const Project& before, const Project& now) {
        if (before.status != Status::open || now.status != Status::open) return;
        const Rules& rules = process_.rules;
        std::vector<std::pair<Position, Text>> changes;
        const std::string_view was_in = base_process_.currency_of(before.currency.view()), is_in = process_.currency_of(now.currency.view());
        if (rules.change_amount_percent > 0 && was_in != is_in)
            changes.emplace_back(now.at.currency.line ? now.at.currency : now.at.amount,
                                 // TRANSLATORS: {0} and {1} currency codes, {2} the base revision.
                                 say("the currency changed from {} to {} since {}", was_in, is_in, options_.base));
        else if (rules.change_amount_percent > 0 && changed_by_more_than(before.value(), now.value(), rules.change_amount_percent))
            changes.emplace_back(now.value_at(),
                                 // TRANSLATORS: {0} and {1} amounts, {2} the base revision, {3} rules.change_amount_percent.
                                 say("amount changed from {} to {} since {}, by more than {}% (rules.change_amount_percent)",
                                     format_money(before.value()), format_money(now.value()), options_.base,
                                     rules.change_amount_percent));
        if (rules.change_close_days > 0 && before.expected_close && now.expected_close &&
            *now.expected_close - *before.expected_close > rules.change_close_days)
            changes.emplace_back(now.at.expected_close,
                                 // TRANSLATORS: {0} and {1} dates, {2} days, {3} the base revision, {4} rules.change_close_days.
                                 say("expected_close moved from {} to {} since {}: {} days later, more than {} "
                                     "(rules.change_close_days)",
                                     before.expected_close->iso(), now.expected_close->iso(), options_.base,
                                     *now.expected_close - *before.expected_close, rules.change_close_days));
        if (changes.empty() || change_approved(before, now)) return;
        for (auto& [position, what] : changes)
            out_.error(now.path, position.line ? position : Position{1, 1}, "base-change",
                       // TRANSLATORS: {} one of the two sentences above.
                       say("{}; a change this large needs a change approval (approvals: type change, result "
                           "approved) added with it",
                           what));
    }

    // A closed project's record of its close changes only by reopening it and closing it again
    // (history entries added): its date, and for a win the amount won.
    void closed_record(const Project& before, const Project& now) {
        if (before.status == Status::open || now.status != before.status || now.history.size() > before.history.size()) return;
        if (before.closed_on != now.closed_on)
            out_.error(now.path, now.at.closed_on.line ? now.at.closed_on : Position{1, 1}, "base-closed",
                       // TRANSLATORS: {0} and {1} dates (or "none"), {2} the base revision.
                       say("closed_on changed from {} to {} since {}: a closed project's close is changed by `pipeline "
                           "reopen` and a new close",
                           before.closed_on ? before.closed_on->iso() : "none", now.closed_on ? now.closed_on->iso() : "none",
                           options_.base));
        // What was won is the signed contract's amount once there is one (project_value).
        if (now.status == Status::won && (before.value() != now.value() || before.currency != now.currency))
            out_.error(now.path, now.value_at().line ? now.value_at() : Position{1, 1}, "base-closed",
                       // TRANSLATORS: {0} and {1} amounts, {2} the base revision.
                       say("the amount of a won project changed from {} to {} since {}: what was won is changed by "
                           "`pipeline reopen` and a new close",
                           format_money(before.value()), format_money(now.value()), options_.base));
    }

    // The entries of the base must still be there, unchanged. False when they are not.
    bool history(const Project& before, const Project& now) {
        const std::size_t kept = std::min(before.history.size(), now.history.size());
        for (std::size_t i = 0; i < kept; ++i) {
            if (same_entry(before.history[i], base_process_, now.history[i], process_)) continue;
            out_.error(now.path, now.history[i].position, "base-history",
                       // TRANSLATORS: {0} the entry's number, {1} the entry ("2026-11-02 lead → initiation"),
                       // {2} the base revision.
                       say("history entry {} ({}) differs from {}: entries already merged are never rewritten; "
                           "append a new entry instead", i + 1, describe_entry(before.history[i]), options_.base));
            return false;
        }
        if (now.history.size() < before.history.size()) {
            const std::size_t n = before.history.size() - now.history.size();
            const Position at = now.at.history.line ? now.at.history : Position{1, 1};
            out_.error(now.path, at, "base-history",
                       // TRANSLATORS: {0} a number of entries, {1} the base revision, {2} the last entry
                       // ("2026-11-02 lead → initiation").
                       sayn("{} history entry of {} was removed (the last: {}); history is append-only",
                            "{} history entries of {} were removed (the last: {}); history is append-only", n, n,
                            options_.base, describe_entry(before.history.back())));
            return false;
        }
        return true;
    }

    // A force written into the history since the base is held to the rule `advance --force` is:
    // only people of rules.force_roles may.
    void forces(const Project& now, std::size_t first) {
        for (std::size_t i = first; i < now.history.size(); ++i) {
            const HistoryEntry& e = now.history[i];
            if (e.forced.empty() || process_.may_force(e.by.view())) continue;
            const std::string roles = join(process_.rules.force_roles);
            out_.error(now.path, e.position, "base-forced",
                       // TRANSLATORS: {0} who made the move (or "nobody"), {1} the base revision, {2} the roles allowed.
                       say("a move forced by {} was added since {}, but only people of the roles {} may force a gate "
                           "(rules.force_roles)",
                           e.by.empty() ? std::string("nobody") : e.by.str(), options_.base, roles.empty() ? "(none)" : roles));
        }
    }

    // The first added entry must move from where the project stood at the base.
    void start(const Project& now, std::size_t first, const Standing& then) {
        const HistoryEntry& e = now.history[first];
        Standing from;
        if (!e.from_text.empty()) {
            from = entry_point(process_, e.from, e.from_text, e.from_outcome);
        } else if (first > 0) {
            const HistoryEntry& previous = now.history[first - 1];
            from = entry_point(process_, previous.to, previous.to_text, previous.to_outcome);
        } else {
            return;  // the base had no history: the `history` rule speaks of it
        }
        if (at(from, then)) return;
        // A won project moving on after the win leaves from the stage it stands in.
        if (!from.outcome && then.outcome == Status::won && from.stage == then.stage) return;
        out_.error(now.path, e.position, "base-transition",
                   // TRANSLATORS: {0} the base revision, {1} and {2} stages or outcomes ("赢单 (won)").
                   say("the history added since {} starts from {}, but the project was in {} there", options_.base,
                       describe_standing(from, process_), describe_standing(then, process_)));
    }

    // Forward moves added since the base: the gates they passed must hold, unless forced. The
    // gates of the stages the project has now left are the `gate` rule's; not repeated here.
    void gates(const Project& now, std::size_t first) {
        std::set<int> covered;
        if (now.stage >= 0)
            for (int s : stages_left(process_, now.stage)) covered.insert(s);
        for (std::size_t i = std::max<std::size_t>(first, 1); i < now.history.size(); ++i) {
            const HistoryEntry& e = now.history[i];
            const int from = e.from_text.empty() ? now.history[i - 1].to : e.from;
            if (!e.forced.empty() || e.to < 0 || from < 0 || e.from_outcome || now.history[i - 1].to_outcome) continue;
            const TransitionPlan plan = plan_transition(process_, from, e.to);
            if (plan.kind != TransitionKind::forward) continue;
            std::vector<int> open;
            for (int s : plan.gates)
                if (!covered.count(s)) open.push_back(s);
            for (const CheckResult& r : unmet_checks(open, now, process_, options_.today)) {
                const std::string a = process_.stage_label(from), b = process_.stage_label(e.to), gate = process_.stage_label(r.stage);
                if (r.detail.empty())
                    out_.error(now.path, e.position, "base-transition",
                               // TRANSLATORS: {0} → {1} a move between stages, {2} the stage whose gate it passed,
                               // {3} the text of the gate check from pipeline.yaml.
                               say("{} → {} passed the gate of {}, which does not hold: {}", a, b, gate, r.check->text));
                else
                    out_.error(now.path, e.position, "base-transition",
                               // TRANSLATORS: {0} → {1} a move between stages, {2} the stage whose gate it passed,
                               // {3} the text of the gate check from pipeline.yaml, {4} what it found ("is absent").
                               say("{} → {} passed the gate of {}, which does not hold: {} ({})", a, b, gate, r.check->text,
                                   r.detail));
            }
        }
    }

    const Process& base_process_;
    const Process& process_;
    const BaseCheckOptions& options_;
    Diagnostics& out_;
};

std::string key_of(const Project& p) { return p.id.empty() ? "path:" + p.path : p.id.str(); }

}  // namespace

bool is_time_rule(std::string_view rule) { return rule == "review" || rule == "overdue-close" || rule == "stale"; }

void leave_out_untouched_time_findings(const Repository& base, const std::vector<Project>& projects, const Process& process,
                                       Diagnostics& out, const std::vector<std::string>* differs) {
    if (!base.process) return;
    const Rules& then = base.process->rules;
    const Rules& now = process.rules;
    if (then.stale_days != now.stale_days || then.review_within_days != now.review_within_days ||
        then.review_required != now.review_required)
        return;
    std::map<std::string_view, const Project*> before;
    for (const Project& p : base.projects) before.emplace(p.path, &p);
    std::set<std::string> untouched;
    for (const Project& p : projects)
        if (auto it = before.find(p.path); it != before.end() && !first_difference(*it->second, p)) untouched.insert(p.path);
    const auto is_same = [differs](const std::string& path) {
        return differs && !std::binary_search(differs->begin(), differs->end(), path);
    };
    auto& items = out.items();
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Diagnostic& d) { return is_time_rule(d.rule) && (untouched.count(d.path) || is_same(d.path)); }),
                items.end());
}

void check_against_base(const Repository& base, const std::vector<Project>& projects, const Process& process,
                        const BaseCheckOptions& options, Diagnostics& out) {
    if (!base.process) return;
    std::map<std::string, const Project*> before;
    for (const Project& p : base.projects) before.emplace(key_of(p), &p);
    BaseChecker checker(*base.process, process, options, out);
    std::set<std::string> seen;
    for (const Project& p : projects) {
        const std::string key = key_of(p);
        if (!seen.insert(key).second) continue;  // a duplicate id: id-unique speaks of it
        if (options.differs && !std::binary_search(options.differs->begin(), options.differs->end(), p.path)) continue;  // unchanged
        if (auto it = before.find(key); it != before.end()) checker.compare(*it->second, p);
    }
    if (!options.whole_repository) return;
    for (const auto& [key, p] : before)
        if (!seen.count(key)) checker.deleted(*p);
}

}  // namespace pipeline
