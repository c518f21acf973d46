// Output of advance, close and reopen (done, dry run or refused), and the checklist lines
// that show shares.
#include "pipeline/render/change_render.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/render/table.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

std::string pad(const std::string& s, int width) { return s + std::string(std::max(0, width - display_width(s)), ' '); }

std::string state_label(const Process& process, Status status, int stage) {
    if (status != Status::open) {
        if (current_language() != Language::english) return status_label(status, process);
        const std::string name = process.outcome_name(status);
        return name == status_id(status) ? name : fmt::format("{} ({})", status_id(status), name);
    }
    return process.stage_label(stage);
}

void write_item(JsonWriter& w, const YamlItem& item) {
    w.begin_object();
    for (const auto& [key, value] : item) {
        w.key(key);
        if (value.literal && (value.text == "true" || value.text == "false")) w.value(value.text == "true");
        else w.value(value.text);
    }
    w.end_object();
}

void write_checks(JsonWriter& w, const std::vector<CheckResult>& checks, const Process& process) {
    w.begin_array();
    for (const CheckResult& r : checks) write_check(w, r, process);
    w.end_array();
}

void write_state(JsonWriter& w, const Process& process, Status status, int stage) {
    w.begin_object();
    w.key("stage");
    write_stage(w, process, stage);
    w.key("status").value(status_id(status));
    w.end_object();
}

}  // namespace

void write_stage(JsonWriter& w, const Process& process, int stage) {
    if (stage < 0 || stage >= static_cast<int>(process.stages.size())) {
        w.null();
        return;
    }
    const Stage& s = process.stages[stage];
    w.begin_object();
    w.key("id").value(s.id);
    w.key("name").value(s.name);
    w.key("probability").value(s.probability);
    w.end_object();
}

void write_check(JsonWriter& w, const CheckResult& r, const Process& process) {
    w.begin_object();
    w.key("stage").value(r.stage >= 0 ? process.stages[r.stage].id : "");
    w.key("text").value(r.check->text);
    w.key("holds").value(r.holds);
    w.key("detail").value(check_detail(r).english());
    w.end_object();
}

std::string render_checklist(const std::vector<CheckResult>& checks, const Process& process, const std::string& indent) {
    std::set<int> stages;
    int width = 0;
    for (const CheckResult& r : checks) {
        stages.insert(r.stage);
        if (!check_detail(r).empty()) width = std::max(width, display_width(r.check->text));
    }
    const bool headings = stages.size() > 1;
    std::string out;
    int stage = -2;
    for (const CheckResult& r : checks) {
        if (headings && r.stage != stage) {
            stage = r.stage;
            out += indent + process.stage_label(stage) + "\n";
        }
        const std::string detail = check_detail(r).local();
        std::string line = indent + (headings ? "  " : "") + (r.holds ? "✓ " : "✗ ") +
                           (detail.empty() ? r.check->text : pad(r.check->text, width) + "  " + detail);
        out += line + "\n";
    }
    return out;
}

std::string render_change_text(const ChangeOutput& o, const Process& process) {
    const PlannedChange& c = *o.change;
    const Project& p = *o.before;
    std::string to = state_label(process, c.to_status, c.to_stage);
    std::string from = state_label(process, c.from_status, c.from_stage);
    if (c.from_status == Status::won && c.to_status == Status::won) {
        // A won project moving on after the win (delivery, acceptance): stage to stage.
        from = process.stage_label(c.from_stage);
        to = process.stage_label(c.to_stage);
    } else if (c.to_status != Status::open && c.to_stage != c.from_stage) {
        to = process.stage_label(c.to_stage) + " → " + to;
    }
    std::string out = fmt::format("{}: {} → {}\n", p.id, from, to);
    std::vector<std::vector<std::string>> rows;
    rows.push_back({tr("weighted"), fmt::format("{} → {} {}", format_money(forecast_value(p, process)),
                                                format_money(forecast_value(c.after, process)), process.currency)});
    // Appended items under the key of their list in the file, "history" too: keys stay as written.
    for (const YamlItem& h : c.history) rows.push_back({"history", "+ " + yaml_flow_mapping(h)});
    for (const FileEdit::Append& a : c.edit.append)
        if (a.list != "history") rows.push_back({a.list, "+ " + yaml_flow_mapping(a.item)});
    if (c.to_status != Status::open) {
        std::string closed = c.after.closed_on->iso();
        // TRANSLATORS: the date closed on, then the reason as the user gave it.
        if (!c.after.close_reason.empty()) closed = trf("{}, reason: {}", closed, c.after.close_reason);
        rows.push_back({tr("closed"), closed});
    }
    if (!c.overridden.empty()) {
        std::string texts;
        // TRANSLATORS: between the items of a list inside a sentence.
        for (const CheckResult& r : c.overridden) texts += (texts.empty() ? "" : tr("; ")) + r.check->text;
        const std::size_t n = c.overridden.size();
        // TRANSLATORS: the number of checks, then the checks as pipeline.yaml words them, joined with "; ".
        const std::string forced = trnf("{} unmet check overridden: {}", "{} unmet checks overridden: {}", n, n, texts);
        rows.push_back({tr("forced"), forced});
    }
    out += aligned_rows(rows, "  ");
    if (!o.dry_run) return out + trf("wrote {}", o.path) + "\n";
    out += trf("dry run: nothing written; {} would change so:", o.path) + "\n";
    return out + render_diff_hunks(o.diff);
}

std::string render_diff_hunks(const std::vector<DiffHunk>& hunks) {
    std::string out;
    for (const DiffHunk& h : hunks) {
        out += trf("@@ line {} @@", h.line) + "\n";
        for (const std::string& l : h.removed) out += "-" + l + "\n";
        for (const std::string& l : h.added) out += "+" + l + "\n";
    }
    return out;
}

std::string render_change_json(const ChangeOutput& o, const Process& process) {
    const PlannedChange& c = *o.change;
    JsonWriter w;
    w.begin_object();
    w.key("command").value(o.command);
    w.key("result").value(o.dry_run ? "dry-run" : "done");
    w.key("id").value(o.before->id);
    w.key("path").value(o.path);
    w.key("kind").value(c.kind);
    w.key("from");
    write_state(w, process, c.from_status, c.from_stage);
    w.key("to");
    write_state(w, process, c.to_status, c.to_stage);
    w.key("currency").value(process.currency);
    w.key("weighted_before").money(forecast_value(*o.before, process));
    w.key("weighted_after").money(forecast_value(c.after, process));
    w.key("history").begin_array();
    for (const YamlItem& h : c.history) write_item(w, h);
    w.end_array();
    w.key("approvals").begin_array();
    for (const FileEdit::Append& a : c.edit.append)
        if (a.list == "approvals") write_item(w, a.item);
    w.end_array();
    w.key("checked");
    write_checks(w, c.checked, process);
    w.key("overridden");
    write_checks(w, c.overridden, process);
    w.key("diff").begin_array();
    for (const DiffHunk& h : o.diff) {
        w.begin_object();
        w.key("line").value(h.line);
        w.key("removed").begin_array();
        for (const std::string& l : h.removed) w.value(l);
        w.end_array();
        w.key("added").begin_array();
        for (const std::string& l : h.added) w.value(l);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

std::string render_refusal_text(const Refusal& r, const Process& process) {
    std::string out = r.message.local() + "\n";
    if (!r.unmet.empty()) {
        out += render_checklist(r.unmet, process, "  ");
        out += tr("nothing was changed; complete the project file, or override with --force --reason TEXT");
        out += "\n";
    }
    if (!r.findings.empty()) {
        for (const Diagnostic& d : r.findings)
            out += fmt::format("  {}: {}: {} [{}]\n", d.path, severity_name(d.severity), d.shown_message(), d.rule);
        out += tr("nothing was written");
        out += "\n";
    }
    return out;
}

std::string render_refusal_json(const std::string& command, const std::string& id, const std::string& path,
                                const Refusal& r, const Process& process) {
    JsonWriter w;
    w.begin_object();
    w.key("command").value(command);
    w.key("result").value("refused");
    w.key("id").value(id);
    w.key("path").value(path);
    w.key("reason").value(r.reason);
    w.key("message").value(r.message.english());
    w.key("unmet");
    write_checks(w, r.unmet, process);
    w.key("findings").begin_array();
    for (const Diagnostic& d : r.findings) {
        w.begin_object();
        w.key("path").value(d.path);
        w.key("severity").value(severity_name(d.severity));
        w.key("rule").value(d.rule);
        w.key("message").value(d.message);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

std::string render_new_text(const Project& p, const std::string& path, const std::string& text, const Process& process,
                            bool dry_run) {
    // TRANSLATORS: the project's id, its stage, its name.
    std::string out = trf("{}: new project in {}, {}", p.id, process.stage_label(p.stage), p.name) + "\n";
    out += aligned_rows({{tr("amount"), format_money(p.amount) + " " + p.currency},
                         {tr("weighted"), format_money(forecast_value(p, process)) + " " + process.currency}},
                        "  ");
    if (!dry_run) return out + trf("wrote {}", path) + "\n";
    return out + trf("dry run: nothing written; {} would be:", path) + "\n" + text;
}

std::string render_new_json(const Project& p, const std::string& path, const std::string& text, const Process& process,
                            bool dry_run) {
    JsonWriter w;
    w.begin_object();
    w.key("command").value("new");
    w.key("result").value(dry_run ? "dry-run" : "done");
    w.key("id").value(p.id);
    w.key("path").value(path);
    w.key("stage");
    write_stage(w, process, p.stage);
    w.key("currency").value(process.currency);
    w.key("weighted").money(forecast_value(p, process));
    w.key("text").value(text);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
