// customer extract: each customer with the projects that now refer to it and the values they
// keep; a dry run adds the new files and the lines each project changes.
#include "pipeline/render/extract_render.hpp"

#include <tuple>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/render/change_render.hpp"
#include "pipeline/render/json.hpp"
#include "pipeline/render/value_label.hpp"

namespace pipeline {
namespace {

std::string shown(std::string_view key, const std::string& value) {
    return key == "size" || key == "grade" ? customer_value_label(key, value) : value;
}

std::string values_line(const ExtractedCustomer& c) {
    std::string out;
    for (const auto& [key, word, value] : {std::tuple{"industry", tr("industry"), &c.industry},
                                          std::tuple{"size", tr("size"), &c.size},
                                          std::tuple{"grade", tr("grade"), &c.grade}})
        if (!value->empty()) out += (out.empty() ? "" : tr(", ")) + std::string(word) + " " + shown(key, *value);
    return out;
}

}  // namespace

std::string render_extract_text(const ExtractPlan& plan, bool dry_run) {
    std::string out;
    for (const ExtractedCustomer& c : plan.customers) {
        const std::string values = values_line(c);
        if (!c.path.empty())
            out += (dry_run ? trf("would create {}  {}", c.path, c.name) : trf("created {}  {}", c.path, c.name)) +
                   (values.empty() ? "" : "  " + trf("({})", values)) + "\n";
        else
            // TRANSLATORS: {1} a customer id, {2} its name.
            out += trf("linked to {}  {} of the customer master", c.id, c.name) + "\n";
        std::string ids;
        for (const std::string& p : c.projects) ids += (ids.empty() ? "" : tr(", ")) + p;
        out += "  " + trnf("{} project: {}", "{} projects: {}", c.projects.size(), c.projects.size(), ids) + "\n";
        for (const KeptValue& k : c.kept) {
            const std::string master = k.master_value.empty() ? "-" : shown(k.key, k.master_value);
            // check compares a project's grade and size with the master's; its name and industry it leaves alone.
            if (k.key == "grade" || k.key == "size")
                // TRANSLATORS: {1} a project id, {2} a key (grade), {3} its value there, {4} the master's value.
                out += "  " + trf("{} keeps {} {} (the master: {}); pipeline check reports it", k.project,
                                  tr(k.key.c_str()), shown(k.key, k.value), master) + "\n";
            else
                out += "  " + trf("{} keeps {} {} (the master: {})", k.project, tr(k.key.c_str()), k.value, master) + "\n";
        }
    }
    const std::size_t n = plan.projects.size();
    if (!dry_run) return out + trnf("wrote {} project file", "wrote {} project files", n, n) + "\n";
    out += std::string(tr("dry run: nothing written")) + "\n";
    for (const ExtractedCustomer& c : plan.customers) {
        if (c.path.empty()) continue;
        out += trf("{} would read:", c.path) + "\n";
        std::size_t at = 0;
        while (at < c.text.size()) {
            const std::size_t end = c.text.find('\n', at);
            out += "+" + c.text.substr(at, end - at) + "\n";
            at = end == std::string::npos ? c.text.size() : end + 1;
        }
    }
    for (const ProjectRewrite& r : plan.projects)
        out += trf("{} would change so:", r.path) + "\n" + render_diff_hunks(diff_hunks(r.before, r.splices));
    return out;
}

std::string render_extract_json(const ExtractPlan& plan, bool dry_run) {
    JsonWriter w;
    w.begin_object();
    w.key("command").value("customer extract");
    w.key("dry_run").value(dry_run);
    w.key("customers").begin_array();
    for (const ExtractedCustomer& c : plan.customers) {
        w.begin_object();
        w.key("id").value(c.id);
        w.key("name").value(c.name);
        w.key("created").value(!c.path.empty());
        w.key("path");
        if (c.path.empty()) w.null();
        else w.value(c.path);
        for (const auto& [key, value] : {std::pair{"industry", &c.industry}, std::pair{"size", &c.size}, std::pair{"grade", &c.grade}}) {
            w.key(key);
            if (value->empty()) w.null();
            else w.value(*value);
        }
        w.key("projects").begin_array();
        for (const std::string& p : c.projects) w.value(p);
        w.end_array();
        w.key("kept").begin_array();
        for (const KeptValue& k : c.kept) {
            w.begin_object();
            w.key("project").value(k.project);
            w.key("key").value(k.key);
            w.key("value").value(k.value);
            w.key("master").value(k.master_value);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key("projects").begin_array();
    for (const ProjectRewrite& r : plan.projects) {
        w.begin_object();
        w.key("id").value(r.id);
        w.key("path").value(r.path);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace pipeline
