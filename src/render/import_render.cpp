#include "pipeline/render/import_render.hpp"

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/render/diagnostic_render.hpp"
#include "pipeline/render/json.hpp"

namespace pipeline {
namespace {

std::string quoted_lines(const std::string& text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        out += "+" + text.substr(at, end - at) + "\n";
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

}  // namespace

std::string render_import_text(const ImportPlan& plan, const std::string& source, bool dry_run) {
    std::string out;
    for (const ImportedCustomer& c : plan.customers)
        out += (dry_run ? trf("would create {}  {}", c.path, one_line(c.name)) : trf("created {}  {}", c.path, one_line(c.name))) + "\n";
    for (const ImportedProject& p : plan.projects)
        // TRANSLATORS: {0} a file, {1} the export, {2} its line.
        out += (dry_run ? trf("would create {}  ({} line {})", p.path, one_line(source), p.line)
                        : trf("created {}  ({} line {})", p.path, one_line(source), p.line)) + "\n";
    if (!plan.bad_lines.empty()) {
        std::string lines;
        for (int l : plan.bad_lines) lines += (lines.empty() ? "" : tr(", ")) + std::to_string(l);
        out += trnf("skipped {} row with errors (line {})", "skipped {} rows with errors (lines {})", plan.bad_lines.size(),
                    plan.bad_lines.size(), lines) + "\n";
    }
    const std::size_t n = plan.projects.size(), c = plan.customers.size();
    if (dry_run) {
        out += trnf("dry run: {} project would be imported", "dry run: {} projects would be imported", n, n);
        if (c) out += tr(", ") + trnf("{} customer file created", "{} customer files created", c, c);
        out += "; " + std::string(tr("nothing written")) + "\n";
        for (const ImportedCustomer& cu : plan.customers) out += trf("{} would read:", cu.path) + "\n" + quoted_lines(cu.text);
        for (const ImportedProject& p : plan.projects) out += trf("{} would read:", p.path) + "\n" + quoted_lines(p.text);
        return out;
    }
    out += trnf("imported {} project", "imported {} projects", n, n);
    if (c) out += tr(", ") + trnf("{} customer file created", "{} customer files created", c, c);
    return out + "\n";
}

std::string render_import_json(const ImportPlan& plan, const std::string& source, const std::string& encoding, bool dry_run,
                               bool imported) {
    JsonWriter w;
    w.begin_object();
    w.key("command").value("import");
    w.key("source").value(source);
    w.key("encoding").value(encoding);
    w.key("dry_run").value(dry_run);
    w.key("imported").value(imported);
    w.key("rows").value(static_cast<std::int64_t>(plan.rows));
    w.key("projects").begin_array();
    for (const ImportedProject& p : imported ? plan.projects : std::vector<ImportedProject>{}) {
        w.begin_object();
        w.key("id").value(p.id);
        w.key("path").value(p.path);
        w.key("line").value(static_cast<std::int64_t>(p.line));
        if (dry_run) w.key("text").value(p.text);
        w.end_object();
    }
    w.end_array();
    w.key("customers").begin_array();
    for (const ImportedCustomer& c : imported ? plan.customers : std::vector<ImportedCustomer>{}) {
        w.begin_object();
        w.key("id").value(c.id);
        w.key("name").value(c.name);
        w.key("path").value(c.path);
        if (dry_run) w.key("text").value(c.text);
        w.end_object();
    }
    w.end_array();
    w.key("bad_rows").begin_array();
    for (int l : plan.bad_lines) w.value(static_cast<std::int64_t>(l));
    w.end_array();
    w.key("findings");
    write_findings_json(w, plan.problems);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
