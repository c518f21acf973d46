#include "pipeline/check/validate.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/check/gate.hpp"
#include "pipeline/check/people.hpp"
#include "pipeline/model/authority.hpp"
#include "pipeline/model/budget.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/model/milestone.hpp"
#include "pipeline/model/transition.hpp"

namespace pipeline {

namespace {

// A sentence without placeholders in both languages. Not a format string, so it may hold
// braces; `msgid` is a literal marked N_.
Text plain_sentence(const char* msgid) { return Text(msgid, tr(msgid)); }

// A required field of the top level or of its records, and the records on the way to it.
struct RequiredField {
    std::vector<const FieldSpec*> records;
    const FieldSpec* field = nullptr;
};

void collect_required(const RecordSpec& spec, std::vector<const FieldSpec*>& records, std::vector<RequiredField>& out) {
    for (const FieldSpec& f : spec.fields) {
        if (f.type == FieldType::record) {
            records.push_back(&f);
            collect_required(*f.record, records, out);
            records.pop_back();
        } else if (f.type != FieldType::list && f.required != Requirement::optional) {
            out.push_back({records, &f});
        }
    }
}

const std::vector<RequiredField>& required_in_file() {
    static const std::vector<RequiredField> fields = [] {
        std::vector<RequiredField> out;
        std::vector<const FieldSpec*> records;
        collect_required(project_spec(), records, out);
        return out;
    }();
    return fields;
}

// Where the loader already refused a value of a file: (line, column) of its errors.
using Refused = std::set<std::pair<int, int>>;

Refused refused_in(const Diagnostics& out, const std::string& path) {
    Refused r;
    for (const Diagnostic& d : out.items())
        if (d.severity == Severity::error && d.path == path) r.emplace(d.position.line, d.position.column);
    return r;
}

class ProjectChecker {
public:
    ProjectChecker(const Project& p, const Process& process, const CheckOptions& options, Diagnostics& out,
                   const Refused& refused)
        : p_(p), process_(process), today_(options.today), out_(out), refused_(refused) {}

    void run() {
        forced_ = forced_stages();
        identity();
        people();
        money_and_dates();
        history();
        records();
        gates();
        flexible_weight();
        closing();
        alerts();
    }

private:
    void error(Position at, const char* rule, const Text& message) { out_.error(p_.path, at, rule, message); }
    // The position of a value where the file has one, else of its item.
    static Position at(Position value, Position item) { return value.line ? value : item; }

    // A required field without a usable value; silent when the loader refused the value there already.
    void required(Position at, const Text& message) {
        if (at.line && refused_.count({at.line, at.column})) return;
        error(at.line ? at : Position{1, 1}, "required", message);
    }
    void warning(Position at, const char* rule, const Text& message) { out_.warning(p_.path, at, rule, message); }

    // Every field the registry declares required, at the top level and in its records (list
    // items are the loader's).
    void required_fields() {
        for (const RequiredField& r : required_in_file()) {
            const FieldSpec& f = *r.field;
            if (f.required == Requirement::while_open && p_.status != Status::open) continue;
            const void* record = &p_;
            for (const FieldSpec* via : r.records) record = via->slot.at(const_cast<void*>(record));
            const Position at = f.position ? *f.position(const_cast<void*>(record)) : Position{};
            // An amount has no empty value: it is absent when its key is.
            const bool keyless = (f.slot.storage == Storage::money || f.slot.storage == Storage::integer) && f.position && !at.line;
            // Required unless the record has another key (a customer named by id in the master).
            const FieldSpec* instead = f.unless.empty() || r.records.empty() ? nullptr : r.records.back()->record->find(f.unless);
            if (instead && field_has_value(record, *instead)) continue;
            if (!field_has_value(record, f) || keyless) required(at, registry_text(f.missing_message));
        }
    }

    // The custom fields required from the project's stage on.
    void required_custom_fields() {
        if (p_.stage < 0) return;
        for (std::size_t i = 0; i < process_.fields.size(); ++i) {
            const CustomField& c = process_.fields[i];
            const bool in_file = std::any_of(p_.custom.begin(), p_.custom.end(), [&](const CustomValue& v) { return v.field == i; });
            if (c.required_from < 0 || p_.stage < c.required_from || in_file) continue;  // a refused value has its finding
            // TRANSLATORS: {0} is a custom field's key, {1} a stage.
            error(p_.at.stage, "required-from", say("the project needs {}: it is required from {} on", c.key,
                                                    process_.stage_label(c.required_from)));
        }
    }

    void identity() {
        required_fields();
        required_custom_fields();
        if (!p_.id.empty() && !valid_project_id(p_.id)) {
            error(p_.at.id, "id", say("id \"{}\" must match [A-Za-z0-9][A-Za-z0-9._-]* (no separators, no \"..\")", p_.id));
        } else if (!p_.id.empty()) {
            // The file name without its extension, as plain string work: every project is checked.
            const std::string_view path = p_.path.view();
            std::string_view stem = path.substr(path.rfind('/') + 1);
            if (const std::size_t dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
            if (stem != p_.id.view())
                error(p_.at.id, "id-filename", say("id \"{}\" differs from the file name \"{}\"", p_.id, stem));
        }
        if (!p_.stage_text.empty() && p_.stage < 0) {
            std::vector<std::string> names;
            for (const Stage& s : process_.stages) {
                names.push_back(s.id);
                names.push_back(s.name);
            }
            auto hint = did_you_mean(p_.stage_text, names);
            if (hint) error(p_.at.stage, "stage", say("unknown stage \"{}\"; did you mean \"{}\"?", p_.stage_text, *hint));
            else error(p_.at.stage, "stage", say("unknown stage \"{}\"", p_.stage_text));
        }
        if (!process_.knows_currency(p_.currency))
            // TRANSLATORS: {1} lists currency codes: "CNY, USD".
            error(p_.at.currency, "currency", say("unknown currency \"{}\" (pipeline.yaml knows {})", p_.currency,
                                                  process_.currency + rate_codes()));
    }

    std::string rate_codes() const {
        std::string out;
        for (const auto& [code, rate] : process_.rates) out += ", " + code;
        return out;
    }

    // `word` names the field: a message id (N_), translated only when there is a finding.
    void person(const std::string& id, Position at, const char* word) {
        check_person(process_, p_.path.str(), id, at, plain_sentence(word), out_);
    }
    // A custom field, named by its key.
    void person(const std::string& id, Position at, const std::string& key) {
        check_person(process_, p_.path.str(), id, at, Text(key), out_);
    }

    void people() {
        // TRANSLATORS: the fields that name a person, filling {0} of "{} \"{}\" is not in people
        // of pipeline.yaml": the project's owner, ...
        person(p_.owner, p_.at.owner, N_("owner"));
        // TRANSLATORS: ...its sponsor (项目发起人), ...
        person(p_.sponsor, p_.at.sponsor, N_("sponsor"));
        // TRANSLATORS: ...the owner of a risk, ...
        for (const Risk& r : p_.risks) person(r.owner, at(r.owner_at, r.position), N_("risk owner"));
        // TRANSLATORS: ...who decided an approval, ...
        for (const Approval& a : p_.approvals) {
            person(a.by, at(a.by_at, a.position), N_("approver"));
            if (auto why = approval_refusal(a, p_, process_)) error(at(a.by_at, a.position), "approval-authority", *why);
        }
        // TRANSLATORS: ...who filed a document, ...
        for (const Document& d : p_.documents) person(d.by, d.position, N_("document by"));
        // TRANSLATORS: ...who spent an expense of the presales budget, ...
        for (const Spending& x : p_.budget.spending) person(x.by, x.position, N_("expense by"));
        // TRANSLATORS: ...who does a task of the sales plan, ...
        for (const PlanTask& t : p_.plan.tasks) person(t.owner, t.position, N_("plan task owner"));
        // TRANSLATORS: ...who moved the project (the `by` of a history entry).
        for (const HistoryEntry& h : p_.history) person(h.by, at(h.by_at, h.position), N_("history entry by"));
        for (const CustomValue& v : p_.custom) {
            const CustomField& c = process_.fields[v.field];
            if (c.type != FieldType::person || v.refused) continue;
            if (!c.list) person(v.text.str(), v.position, c.key);
            else
                for (const CompactString& item : v.items) person(item.str(), v.position, c.key);
        }
    }

    void money_and_dates() {
        Money scheduled;
        for (const Payment& pay : p_.payments) {
            scheduled += pay.amount;
            if (pay.received && *pay.received > pay.amount)
                error(at(pay.received_at, pay.position), "payment", say("received {} is more than the instalment's {}",
                                                                        format_money(*pay.received), format_money(pay.amount)));
            if (!pay.on.empty() && !known_milestone(pay.on.view(), process_))
                error(at(pay.on_at, pay.position), "payment",
                      // TRANSLATORS: {} a milestone as written; the words after the colon are values a file writes.
                      say("\"{}\" is not a milestone: on names signed, delivered, accepted, a date field (acceptance.date) "
                          "or a stage",
                          pay.on));
            if (pay.due && !pay.on.empty())
                warning(at(pay.on_at, pay.position), "payment",
                        say("the instalment has both a due date and a milestone (on); the due date {} is used", pay.due->iso()));
            if (pay.days != 0 && pay.on.empty())
                // TRANSLATORS: {} the days as written; "on" is the key a file writes.
                warning(pay.position, "payment",
                        say("days {} counts from a milestone, and the instalment names none (on: signed, delivered, "
                            "accepted, ...); the days are ignored",
                            pay.days));
        }
        // The acceptance date releases instalments: one still to come, or before the delivery, is a slip.
        if (const Acceptance& a = p_.acceptance; a.date) {
            if (*a.date > today_)
                error(a.date_at, "acceptance", say("acceptance.date {} is in the future", a.date->iso()));
            else if (p_.delivery.delivered_on && *a.date < *p_.delivery.delivered_on)
                warning(a.date_at, "acceptance",
                        say("acceptance.date {} is before the delivery (delivery.delivered_on {})", a.date->iso(),
                            p_.delivery.delivered_on->iso()));
        }
        // The contract as signed is what the project is worth (valuation): a different amount, or
        // a schedule that does not add up to it, is worth a word.
        const Contract& c = p_.contract;
        if (c.signed_on && c.amount) {
            if (*c.amount != p_.amount)
                warning(at(c.amount_at, p_.at.amount), "contract-amount",
                        // TRANSLATORS: {0} the contract amount, {1} the project's amount.
                        say("the signed contract is for {} but amount says {}; figures use the contract's", format_money(*c.amount),
                            format_money(p_.amount)));
            if (!p_.payments.empty() && scheduled != *c.amount)
                warning(p_.payments.front().position, "payment-total",
                        // TRANSLATORS: {0} the sum of the instalments, {1} the contract amount.
                        say("the instalments add up to {} but the contract is for {}", format_money(scheduled),
                            format_money(*c.amount)));
        }
    }

    void history() {
        if (p_.history.empty()) {
            error(p_.at.history.line ? p_.at.history : Position{1, 1}, "history",
                  say("the project has no history; its first entry records when it entered the first stage"));
            return;
        }
        std::optional<Date> previous_date;
        const HistoryEntry* previous = nullptr;
        // Where the project stands before each entry: its status and the stage it last reached.
        Status state = Status::open;
        int stage = -1;
        for (const HistoryEntry& h : p_.history) {
            if (h.date && previous_date && *h.date < *previous_date)
                error(at(h.date_at, h.position), "history-order", say("history date {} is before the entry above it ({})",
                                                                      h.date->iso(), previous_date->iso()));
            if (h.date && *h.date > today_)
                error(at(h.date_at, h.position), "history-order", say("history date {} is in the future", h.date->iso()));
            if (h.date) previous_date = h.date;
            if (h.imported && *h.imported > today_)
                error(h.position, "history-order", say("imported {} is in the future", h.imported->iso()));
            if (h.imported && h.date && *h.imported < *h.date)
                error(h.position, "history-order",
                      say("imported {} is before the entry's date {}", h.imported->iso(), h.date->iso()));
            transition(previous, h, state, stage);
            previous = &h;
            if (h.to_outcome) {
                state = *h.to_outcome;
            } else if (h.to >= 0) {
                // Reaching a stage reopens a closed project, but for a won one moving on after the win.
                if (!(state == Status::won && !h.from_outcome && post_win_move(process_, state, h.to))) state = Status::open;
                stage = h.to;
            }
        }
        const HistoryEntry& last = p_.history.back();
        // A won project that moved on after the win: its last entry reaches its stage.
        if (p_.status == Status::won && state == Status::won && !last.to_outcome) {
            if (last.to >= 0 && p_.stage >= 0 && last.to != p_.stage)
                error(last.to_position, "history-stage",
                      say("the last history entry reaches {} but the project is in {}", process_.stage_label(last.to),
                          process_.stage_label(p_.stage)));
            return;
        }
        if (p_.status == Status::open) {
            if (last.to_outcome)
                // TRANSLATORS: {} is an outcome id (won, lost, abandoned); open is the status id.
                error(last.to_position, "history-stage", say("the last history entry closes the project as {} but status is open",
                                                             status_word(*last.to_outcome)));
            else if (last.to >= 0 && p_.stage >= 0 && last.to != p_.stage)
                error(last.to_position, "history-stage",
                      say("the last history entry reaches {} but the project is in {}", process_.stage_label(last.to),
                          process_.stage_label(p_.stage)));
        } else if (last.to_outcome != p_.status) {
            error(last.to_position, "history-stage",
                  // TRANSLATORS: {0} and {1} are the same status id (won, lost, abandoned); "to: {}" is
                  // the key and value a history entry would need.
                  say("status is {} but the last history entry does not record it (to: {})", status_word(p_.status),
                      status_word(p_.status)));
        }
        if (p_.status != Status::open && last.to_outcome == p_.status && p_.stage >= 0) {
            // The stage of a closed project is the one it was closed from.
            for (auto it = p_.history.rbegin() + 1; it != p_.history.rend(); ++it) {
                if (it->to >= 0) {
                    if (it->to != p_.stage)
                        error(p_.at.stage, "history-stage",
                              say("the project was closed from {} but stage says {}", process_.stage_label(it->to),
                                  process_.stage_label(p_.stage)));
                    break;
                }
            }
        }
    }

    // `state` and `stage`: the project's status and the stage it last reached before `h`.
    void transition(const HistoryEntry* previous, const HistoryEntry& h, Status state, int stage) {
        if (!previous) {
            if (!h.from_text.empty())
                error(at(h.from_at, h.position), "history-transition",
                      say("the first history entry records where the project started: no from"));
            return;
        }
        const bool from_given = !h.from_text.empty();
        const bool moves_on = state == Status::won && !h.to_outcome && !h.from_outcome && post_win_move(process_, state, h.to);
        if (moves_on && from_given && h.from != stage)
            // A won project moves on from the stage it stands in.
            error(at(h.from_at, h.position), "history-transition",
                  say("moves from \"{}\" but the project was won in \"{}\"", h.from_text,
                      stage >= 0 ? process_.stage_label(stage) : std::string("?")));
        if (!h.to_outcome && process_.after_win(h.to) && state != Status::won)
            error(h.position, "history-transition",
                  // TRANSLATORS: {0} a stage after the win, {1} the stage at which projects are won.
                  say("{} comes after {}, where a project is won: only a won project reaches it", process_.stage_label(h.to),
                      process_.stage_label(process_.won_stage())));
        if (state != Status::open && !moves_on) {
            // After a close: a reopen. From the outcome, when it says where it moves from.
            if (from_given && h.from_outcome != state)
                error(at(h.from_at, h.position), "history-transition",
                      say("moves from \"{}\" but the entry above reached \"{}\"", h.from_text,
                          previous->to_outcome ? previous->to_text.str() : std::string(status_id(state))));
            if (h.to_outcome)
                error(h.position, "history-transition",
                      // TRANSLATORS: {} is an outcome id (won, lost, abandoned).
                      say("the project is already {}; reopen it first", status_word(state)));
            else if (h.note.empty())
                error(h.position, "history-transition", say("reopening a closed project needs a note"));
            if (!h.to_outcome && process_.after_win(h.to))
                error(h.position, "history-transition",
                      // TRANSLATORS: {0} a stage after the win, {1} the stage at which projects are won.
                      say("a reopened project is open again, and {} comes after the win: reopen it into {} or a stage before",
                          process_.stage_label(h.to), process_.stage_label(process_.won_stage())));
            return;
        }
        // What the entry moves from: what it says, else what the entry before reached.
        if (!moves_on && from_given && (h.from != previous->to || h.from_outcome != previous->to_outcome) &&
            (previous->to >= 0 || previous->to_outcome))
            error(at(h.from_at, h.position), "history-transition",
                  say("moves from \"{}\" but the entry above reached \"{}\"", h.from_text, previous->to_text));
        const int from = moves_on ? stage : previous->to;
        if (h.to_outcome || h.to < 0 || from < 0) return;
        const TransitionPlan plan = plan_transition(process_, from, h.to);
        if (plan.kind == TransitionKind::regression && h.note.empty())
            error(h.position, "history-transition",
                  say("moving back from {} to {} needs a note", process_.stage_label(from), process_.stage_label(h.to)));
        if (plan.kind == TransitionKind::none)
            error(h.position, "history-transition", say("the entry moves from {} to itself", process_.stage_label(from)));
        // A forced move whose gates have held since says nothing more: what it overrode is there now.
        if (!h.forced.empty() && !unmet_checks(plan.gates, p_, process_, today_).empty())
            // TRANSLATORS: {0} and {1} are stages, {2} the reason written in the history entry.
            warning(h.position, "forced", say("{} → {} was forced past its gate: {}", process_.stage_label(from),
                                              process_.stage_label(h.to), h.forced));
    }

    // Stages passed by a forced move: their unmet gates were overridden on purpose.
    std::set<int> forced_stages() const {
        std::set<int> out;
        // An entry imported from another system: the stages it had left there were passed there.
        for (const HistoryEntry& h : p_.history) {
            if (!h.imported) continue;
            const int reached = h.to_outcome == Status::won ? process_.won_stage() + 1 : h.to;
            for (int s = 0; s < reached; ++s) out.insert(s);
        }
        for (std::size_t i = 1; i < p_.history.size(); ++i) {
            const HistoryEntry& h = p_.history[i];
            const int from = p_.history[i - 1].to;
            if (h.forced.empty() || from < 0) continue;
            if (h.to >= 0)
                for (int s : plan_transition(process_, from, h.to).gates) out.insert(s);
            // A forced win passes every gate up to the win, none of the stages worked after it.
            if (h.to_outcome == Status::won)
                for (int s = 0; s <= process_.won_stage(); ++s) out.insert(s);
        }
        return out;
    }

    // Documents, the presales budget and the plan: what their records say beyond their types.
    void records() {
        for (const Document& d : p_.documents) {
            if (d.path.empty()) continue;
            const Position where = at(d.path_at, d.position);
            if (!valid_document_path(d.path.view()))
                // TRANSLATORS: {} is the path written in a document's path:.
                error(where, "document", say("document path \"{}\" must be relative to the repository root, without ..", d.path));
            else if (d.file_missing)
                error(where, "document", say("document path \"{}\" names no file in the repository", d.path));
        }
        for (const ControlPoint& c : p_.plan.control_points)
            if (!c.stage_text.empty() && c.stage < 0)
                // TRANSLATORS: {} is the stage written in a control point of the sales plan.
                error(c.position, "stage", say("control point stage \"{}\" is not a stage of pipeline.yaml", c.stage_text));
        const auto b = budget_standing(p_, process_);
        if (!b) return;
        const Position where = p_.budget.limit_at.line ? p_.budget.limit_at
                               : p_.budget.spending.empty() ? p_.at.amount
                                                            : p_.budget.spending.back().position;
        if (b->over() && !b->change_approved)
            // TRANSLATORS: {0} the sum of expenses, {1} the budget limit, {2} how much over it.
            error(where, "budget", say("presales spending {0} is over the budget limit {1} by {2}, and no change approval "
                                       "counts (approvals: type change)",
                                       format_money(b->spent), format_money(*b->limit), format_money(b->spent - *b->limit)));
        if (b->expenses > 0 && !b->approved)
            warning(where, "budget-approval",
                    say("presales spending {} has no approved budget (approvals: type budget, by the sponsor)", format_money(b->spent)));
    }

    void gates() {
        if (p_.stage < 0) return;
        std::vector<int> left = stages_left(process_, p_.stage);
        for (const CheckResult& r : unmet_checks(left, p_, process_, today_)) {
            if (forced_.count(r.stage)) continue;
            const std::string stage = process_.stage_label(r.stage);
            if (r.detail.empty())
                // TRANSLATORS: {0} a stage, {1} the text of a gate check from pipeline.yaml.
                error(p_.at.stage, "gate", say("the project has left {} but its gate does not hold: {}", stage, r.check->text));
            else
                error(p_.at.stage, "gate",
                      // TRANSLATORS: {0} a stage, {1} the text of a gate check from pipeline.yaml, {2} what
                      // the check found ("is absent", "0 of 1").
                      say("the project has left {} but its gate does not hold: {} ({})", stage, r.check->text, r.detail));
        }
    }

    // A stage of a flexible group claims its probability; the forecast weighs what the group's
    // gates show (flexible_evidence), and the difference is worth a word.
    void flexible_weight() {
        const auto e = flexible_evidence(p_, process_);
        if (!e) return;
        const int claimed = process_.stages[static_cast<std::size_t>(p_.stage)].probability;
        if (e->probability >= claimed) return;
        std::string unmet;
        for (int s : e->unmet) unmet += (unmet.empty() ? "" : ", ") + process_.stage_label(s);
        const std::size_t others = e->met.size() + e->unmet.size();
        warning(p_.at.stage, "flexible-evidence",
                // TRANSLATORS: {0} a stage; {1} and {4} percentages; {2} of {3} gates; {5} the stages whose gates do not hold.
                say("{0} claims {1}%, but the project meets {2} of the {3} other gates of its flexible group: weighted at "
                    "{4}% (not met: {5})",
                    process_.stage_label(p_.stage), claimed, e->met.size(), others, e->probability, unmet));
    }

    void closing() {
        // `closed` is the category of won projects; the forecast ignores it anywhere else.
        if (p_.forecast_category == "closed" && p_.status != Status::won)
            error(p_.at.forecast_category, "forecast-category",
                  // TRANSLATORS: "forecast_category closed" is a key and its value; {} a status id (open, lost, ...).
                  say("forecast_category closed is only for won projects; this one is {}", status_word(p_.status)));
        if (p_.status == Status::open) return;
        if (!p_.closed_on)
            // TRANSLATORS: {} is a status id (won, lost, abandoned).
            error(p_.at.status, "closed-on", say("a {} project needs closed_on (YYYY-MM-DD)", status_word(p_.status)));
        if ((p_.status == Status::lost || p_.status == Status::abandoned) && p_.close_reason.empty())
            // TRANSLATORS: {} is a status id (lost, abandoned).
            error(p_.at.status, "close-reason", say("a {} project needs close_reason", status_word(p_.status)));
        if (p_.status == Status::won && !process_.stages.empty()) {
            const int won_at = process_.won_stage();
            if (p_.stage >= 0 && p_.stage < won_at)
                error(p_.at.stage, "won-contract",
                      process_.after_win(won_at + 1)
                          // TRANSLATORS: {0} the stage at which projects are won, {1} the project's stage.
                          ? say("a won project is in {} or a stage after it, not {}", process_.stage_label(won_at),
                                process_.stage_label(p_.stage))
                          : say("a won project is in the final stage {}, not {}", process_.stage_label(won_at),
                                process_.stage_label(p_.stage)));
            if (!forced_.count(won_at))
                for (const CheckResult& r : unmet_checks({won_at}, p_, process_, today_)) {
                    if (r.detail.empty())
                        // TRANSLATORS: {} is the text of a gate check from pipeline.yaml.
                        error(p_.at.status, "won-contract", say("a won project needs the final gate: {}", r.check->text));
                    else
                        error(p_.at.status, "won-contract",
                              // TRANSLATORS: {0} is the text of a gate check from pipeline.yaml, {1} what it found.
                              say("a won project needs the final gate: {} ({})", r.check->text, r.detail));
                }
        }
        if (p_.status == Status::abandoned && !closed_by_import() &&
            std::none_of(p_.approvals.begin(), p_.approvals.end(),
                         [&](const Approval& a) { return a.type == "termination" && approval_counts(a, p_, process_); }))
            error(p_.at.status, "termination-approval",
                  // Braces of YAML, not placeholders: the message is not formatted.
                  plain_sentence(N_("an abandoned project needs an approved termination (approvals: {type: termination, "
                                    "result: approved, by: ...})")));
        const auto& required = process_.rules.review_required;
        if (p_.closed_on && !p_.review.present && std::find(required.begin(), required.end(), p_.status) != required.end() &&
            today_ - *p_.closed_on > process_.rules.review_within_days && !review_due_before_import())
            error(p_.at.status, "review",
                  say("closed on {} and still no review (due within {} days of closing)", p_.closed_on->iso(),
                      process_.rules.review_within_days));
    }

    // A close imported from another system: its approval was the other system's to ask for.
    bool closed_by_import() const { return !p_.history.empty() && p_.history.back().imported; }

    // A close imported from another system whose review fell due before the import: that
    // review was the other system's to ask for.
    bool review_due_before_import() const {
        if (!closed_by_import() || !p_.closed_on) return false;
        return *p_.history.back().imported - *p_.closed_on > process_.rules.review_within_days;
    }

    void alerts() {
        if (p_.status != Status::open) return;
        if (p_.expected_close && *p_.expected_close < today_)
            warning(p_.at.expected_close, "overdue-close",
                    say("expected_close {} has passed ({} days ago)", p_.expected_close->iso(), today_ - *p_.expected_close));
        // The early warning of sop.md §4: an open risk at or over the threshold, where it is written.
        for (const Risk& r : p_.risks)
            if (r.open() && r.score() >= process_.rules.risk_threshold)
                warning(r.position, "risk",
                        // TRANSLATORS: {0} a risk's description; {1} likelihood, {2} impact, {3} their product,
                        // {4} rules.risk_threshold.
                        r.mitigation.empty()
                            ? say("open risk \"{0}\": likelihood {1} × impact {2} = {3}, at or over {4} "
                                  "(rules.risk_threshold), and no mitigation recorded",
                                  r.description, r.likelihood, r.impact, r.score(), process_.rules.risk_threshold)
                            : say("open risk \"{0}\": likelihood {1} × impact {2} = {3}, at or over {4} (rules.risk_threshold)",
                                  r.description, r.likelihood, r.impact, r.score(), process_.rules.risk_threshold));
        const auto last = p_.last_touched();
        if (last && today_ - *last > process_.rules.stale_days)
            // TRANSLATORS: {0} days without activity, {1} the date of the last one, {2} rules.stale_days.
            warning(p_.at.stage, "stale", say("no activity or stage change for {} days (since {}; limit {})",
                                              today_ - *last, last->iso(), process_.rules.stale_days));
    }

    const Project& p_;
    const Process& process_;
    Date today_;
    Diagnostics& out_;
    std::set<int> forced_;  // stages passed by forced moves, computed once per project
    const Refused& refused_;
};

}  // namespace

void check_project(const Project& p, const Process& process, const CheckOptions& options, Diagnostics& out) {
    const Refused refused = refused_in(out, p.path);
    ProjectChecker(p, process, options, out, refused).run();
}

void check_projects(const std::vector<Project>& projects, const Process& process, const CheckOptions& options,
                    Diagnostics& out) {
    std::map<std::string, const Project*> first_by_id;
    for (const Project& p : projects) {
        if (p.id.empty()) continue;
        auto [it, inserted] = first_by_id.emplace(p.id, &p);
        if (!inserted)
            // TRANSLATORS: {1} is the path of the other file.
            out.error(p.path, p.at.id, "id-unique", say("id \"{}\" is also used by {}", p.id, it->second->path));
    }
    // One pass over the loader's findings, not one per project.
    std::map<std::string, Refused, std::less<>> refused;  // looked up by the record's path without a copy
    for (const Diagnostic& d : out.items())
        if (d.severity == Severity::error) refused[d.path].emplace(d.position.line, d.position.column);
    const Refused none;
    const std::vector<std::string>* only = options.only_files;
    for (const Project& p : projects) {
        if (only && !std::binary_search(only->begin(), only->end(), p.path.view())) continue;
        auto it = refused.find(p.path.view());
        ProjectChecker(p, process, options, out, it == refused.end() ? none : it->second).run();
    }
}

}  // namespace pipeline
