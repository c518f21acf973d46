// libFuzzer target: the text edits of advance, close and reopen on any project file.
// Input: two bytes that choose the move and its options, then the file's text. A file
// that loads without errors (as the commands require) is moved as the command would
// move it; then either the move or the editor refuses with a message, or the new text
// loads to exactly the old project with the intended change: the stage or status, the
// history entries appended, and nothing else different (positions aside).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "pipeline/change/project_change.hpp"
#include "pipeline/change/project_edit.hpp"
#include "pipeline/yaml/edit_diff.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/repository.hpp"

namespace {

using namespace pipeline;

void require(bool condition) {
    if (!condition) __builtin_trap();
}

const std::string kPath = "projects/x.yaml";

// Texts from the command line: plain, Chinese, and ones YAML would read as something else.
constexpr std::string_view kNotes[] = {"", "客户预算调整", "a: b # c", "\"q\" 'x' \\",
                                       "line one\nline two", "- [x], {y}: z", " yes ", "\r\n\t\x7f"};
constexpr std::string_view kPeople[] = {"zhang.san", "张三 #1: x", "", "null"};

// Positions change when lines move; everything else must not.
// How a stage is written after a move: by display name when the file wrote the current
// stage by its display name (pipeline-project(5)), else by id.
bool stage_written_as(const Process& process, const Project& before, const std::string& written, int stage) {
    const Stage& current = process.stages[static_cast<std::size_t>(before.stage)];
    const Stage& s = process.stages[static_cast<std::size_t>(stage)];
    const bool by_name = before.stage_text == current.name && current.name != current.id;
    return written == (by_name ? s.name : s.id);
}

// A history entry as the move writes it: the ends checked here, the texts as written taken over.
HistoryEntry expected_entry(const HistoryEntry& got, Date date, const std::string& by, const std::string& note,
                            const std::string& forced, bool regression) {
    HistoryEntry e;
    e.date = date;
    e.from_text = got.from_text;
    e.to_text = got.to_text;
    e.from = got.from;
    e.to = got.to;
    e.from_outcome = got.from_outcome;
    e.to_outcome = got.to_outcome;
    e.by = by;
    e.note = note;
    e.forced = forced;
    e.regression = regression;
    e.position = got.position;
    e.to_position = got.to_position;
    return e;
}

// The entry leaves `from` (a stage, or an outcome when reopening) — unless it is the first.
void require_from(const HistoryEntry& e, bool first, int from_stage, std::optional<Status> from_outcome) {
    if (first) {
        require(e.from_text.empty() && e.from == -1 && !e.from_outcome);
    } else if (from_outcome) {
        require(e.from == -1 && e.from_outcome == from_outcome);
    } else {
        require(e.from == from_stage && !e.from_outcome);
    }
}

struct Move {
    enum Kind { advance, advance_to, close, reopen } kind;
    AdvanceRequest advance_request;
    CloseRequest close_request;
    ReopenRequest reopen_request;
};

Move choose(std::uint8_t a, std::uint8_t b, const Process& process, Date today) {
    Move m;
    m.kind = static_cast<Move::Kind>(a & 3);
    const int pick = (a >> 2) & 7;
    const bool by_name = a & 0x20;
    const bool force = a & 0x40;
    const std::string note(kNotes[b & 7]);
    const std::string by(kPeople[(b >> 3) & 3]);
    std::string reason(kNotes[(b >> 5) & 7]);
    if (reason.empty()) reason = "预算";
    const Stage& stage = process.stages[static_cast<std::size_t>(pick) % process.stages.size()];
    m.advance_request = {m.kind == Move::advance_to ? (by_name ? stage.name : stage.id) : "", today, by, note, force, reason};
    const Status outcomes[] = {Status::won, Status::lost, Status::abandoned};
    m.close_request = {outcomes[pick % 3], today, by, note, pick % 3 == 0 && !force ? "" : reason,
                       std::string(kPeople[pick % 4]), force};
    m.reopen_request = {today, by, note, {}};
    if (by_name) m.reopen_request.expected_close = today + 30;
    return m;
}

// The project the new text must load to: `before` with the intended change, built here
// from the request (not from the planned change); entries checked one by one.
Project intended(const Project& before, const Project& after, const Move& m, const PlannedChange& change,
                 const Process& process) {
    Project want = before;
    const int last = static_cast<int>(process.stages.size()) - 1;
    const std::size_t n = before.history.size();
    switch (m.kind) {
        case Move::advance:
        case Move::advance_to: {
            const AdvanceRequest& r = m.advance_request;
            const int to = r.to.empty() ? before.stage + 1 : process.stage_index(r.to);
            require(to >= 0 && to <= last && to != before.stage);
            require(after.stage == to && stage_written_as(process, before, after.stage_text, to));
            want.stage = to;
            want.stage_text = after.stage_text;
            require(after.history.size() == n + 1);
            const HistoryEntry& e = after.history[n];
            require(e.to == to && !e.to_outcome && process.stage_index(e.to_text) == to);
            require_from(e, n == 0, before.stage, std::nullopt);
            const bool regression = to < before.stage && !process.same_group(to, before.stage);
            require(r.force || change.overridden.empty());
            want.history.push_back(expected_entry(e, r.date, r.by, r.note, change.overridden.empty() ? "" : r.force_reason,
                                                  regression));
            break;
        }
        case Move::close: {
            const CloseRequest& r = m.close_request;
            require(before.status == Status::open && r.outcome != Status::open);
            int from = before.stage;
            if (r.outcome == Status::won && before.stage != last) {
                require(after.stage == last && stage_written_as(process, before, after.stage_text, last));
                want.stage = last;
                want.stage_text = after.stage_text;
                require(after.history.size() == n + 2);
                const HistoryEntry& e = after.history[n];
                require(e.to == last && process.stage_index(e.to_text) == last);
                require_from(e, n == 0, before.stage, std::nullopt);
                want.history.push_back(expected_entry(e, r.date, r.by, "", e.forced, false));
                require(e.forced.empty() || (r.force && e.forced == r.reason));
                from = last;
            } else {
                require(after.history.size() == n + 1);
            }
            const HistoryEntry& e = after.history.back();
            require(e.to == -1 && e.to_outcome == r.outcome);
            require_from(e, after.history.size() == 1, from, std::nullopt);
            require(e.forced.empty() || (r.outcome == Status::won && r.force && e.forced == r.reason));
            want.history.push_back(expected_entry(e, r.date, r.by, r.note, e.forced, false));
            want.status = r.outcome;
            want.closed_on = r.date;
            want.close_reason = r.reason;
            if (r.outcome == Status::abandoned) {
                Approval a;
                a.type = "termination";
                a.by = r.approved_by;
                a.result = "approved";
                a.date = r.date;
                want.approvals.push_back(a);
            }
            break;
        }
        case Move::reopen: {
            const ReopenRequest& r = m.reopen_request;
            require(before.status != Status::open && !r.note.empty());
            require(after.history.size() == n + 1);
            const HistoryEntry& e = after.history[n];
            require(e.to == before.stage && !e.to_outcome && process.stage_index(e.to_text) == before.stage);
            require_from(e, n == 0, -1, before.status);
            want.history.push_back(expected_entry(e, r.date, r.by, r.note, "", false));
            want.status = Status::open;
            want.closed_on.reset();
            want.close_reason.clear();
            if (r.expected_close) want.expected_close = r.expected_close;
            break;
        }
    }
    // Approvals get positions too: take them from what loaded, the content must match.
    for (std::size_t i = before.approvals.size(); i < want.approvals.size() && i < after.approvals.size(); ++i)
        want.approvals[i].position = after.approvals[i].position;
    return want;
}

std::size_t errors(const Project& p, const Process& process, Date today) {
    Diagnostics d;
    check_project(p, process, {today}, d);
    return d.count(Severity::error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Process process = [] {
        Diagnostics ignored;
        return *load_process(default_process_text(), "pipeline.yaml", ignored);
    }();
    if (size < 2) return 0;
    const Date today = (data[0] & 0x80) ? *Date::from_ymd(2099, 12, 31) : *Date::from_ymd(2026, 11, 23);
    const Move move = choose(data[0], data[1], process, today);
    std::string text(reinterpret_cast<const char*>(data) + 2, size - 2);

    // As open_project and project_to_change: a file with errors is not changed.
    Diagnostics findings;
    if (!prepare_text(text, kPath, findings)) return 0;
    const auto before = load_project(text, kPath, process, findings);
    if (!before || findings.has_errors()) return 0;

    const MoveResult result = move.kind == Move::close    ? plan_close(*before, process, today, move.close_request)
                              : move.kind == Move::reopen ? plan_reopen(*before, process, today, move.reopen_request)
                                                          : plan_advance(*before, process, today, move.advance_request);
    if (const Refusal* r = std::get_if<Refusal>(&result)) {
        require(!r->reason.empty() && !r->message.empty());
        require(!render_refusal_text(*r, process).empty());
        require(!render_refusal_json("advance", before->id, kPath, *r, process).empty());
        return 0;
    }
    const PlannedChange& change = std::get<PlannedChange>(result);

    // As carry_out: the verified edit, then the lines it changes for the output.
    const EditResult edited = edit_project_text(text, kPath, process, change.edit, change.after);
    const auto splices = plan_splices(text, change.edit);
    if (const EditError* e = std::get_if<EditError>(&edited)) {
        require(!e->message.empty());
        return 0;
    }
    require(std::holds_alternative<std::vector<Splice>>(splices));
    const auto& planned = std::get<std::vector<Splice>>(splices);
    const std::string& new_text = std::get<std::string>(edited);
    require(apply_splices(text, planned) == new_text);
    ChangeOutput out{"advance", &*before, &change, kPath, true, diff_hunks(text, planned)};
    require(!render_change_text(out, process).empty());
    require(!render_change_json(out, process).empty());

    // The new text, loaded as the next command would, is the old project with exactly the change.
    std::string reread = new_text;
    Diagnostics after_findings;
    require(prepare_text(reread, kPath, after_findings));
    require(reread == new_text);
    const auto after = load_project(reread, kPath, process, after_findings);
    require(after.has_value() && !after_findings.has_errors());
    const Project want = intended(*before, *after, move, change, process);
    // Equal field by field, positions aside (the comparison of the edit verifier).
    require(!first_difference(want, *after));
    require(!first_difference(change.after, *after));
    require(errors(*after, process, today) <= errors(*before, process, today));
    return 0;
}
