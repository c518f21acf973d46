// Moving a project through the process — advance, close, reopen — as pure functions:
// from the project, the process, today and a request to either a refusal that says
// everything that stands in the way, or the planned change: the project as it will be
// and the edit of its file that says so. Legality comes from gate.hpp (plan_transition,
// evaluate_gate); nothing here decides transitions on its own.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/check/gate.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/transition.hpp"
#include "pipeline/yaml/text_edit.hpp"

namespace pipeline {

struct AdvanceRequest {
    std::string to;              // stage id or display name; empty: the next stage
    Date date;                   // of the history entry
    std::string by;              // who moves it; empty: no `by`
    std::string note;
    bool force = false;          // move although gates do not hold...
    std::string force_reason;    // ...for this reason (required with force)
};

struct CloseRequest {
    Status outcome = Status::won;  // won, lost or abandoned
    Date date;                     // closed_on and the history entry's date
    std::string by;
    std::string note;              // the history entry's note
    std::string reason;            // close_reason: required for lost and abandoned
    std::string approved_by;       // abandoned: who approved the termination (required)
    bool force = false;            // won: close although the gates do not hold, for `reason`
};

struct ReopenRequest {
    Date date;
    std::string by;
    std::string note;                      // required
    std::optional<Date> expected_close;    // required when the file has none
};

// Why a move is refused. `reason` is a stable id (see pipeline(1), "Refusals").
struct Refusal {
    std::string reason;
    Text message;                          // one sentence for people (JSON: .english())
    std::vector<CheckResult> unmet;        // "gate": every check that does not hold, in gate order
    std::vector<Diagnostic> findings;      // "check": the errors the change would cause
};

struct PlannedChange {
    std::string kind;                      // forward, within-group, regression, won, lost, abandoned, reopen
    int from_stage = -1, to_stage = -1;
    Status from_status = Status::open, to_status = Status::open;
    std::vector<CheckResult> checked;      // every check of the gates the move needed
    std::vector<CheckResult> overridden;   // those that did not hold, passed with --force
    std::vector<YamlItem> history;         // entries appended to history, as written
    FileEdit edit;                         // the change of the file's text
    Project after;                         // the project as the edited file will load
};

using MoveResult = std::variant<PlannedChange, Refusal>;

MoveResult plan_advance(const Project& p, const Process& process, Date today, const AdvanceRequest& request);
MoveResult plan_close(const Project& p, const Process& process, Date today, const CloseRequest& request);
MoveResult plan_reopen(const Project& p, const Process& process, Date today, const ReopenRequest& request);


// How a stage is written in a file: its display name when `as_written` is the display name
// of its current stage, else its id.
std::string stage_as_written(const Process& process, int stage, const Project& p);

// "lead.source is absent", "contacts: 0 of 1": what a check found, for a checklist line.
Text check_detail(const CheckResult& r);

}  // namespace pipeline
