#include "pipeline/model/import_map.hpp"

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {
namespace {

constexpr std::string_view kRule = "import-map";

// The fields the import writes itself, which a column may fill too.
bool own_field(std::string_view f) { return f == "id" || f == "stage" || f == "status"; }

// Fields a column may not fill: the import writes the history, and lists have no one value.
bool refused_field(std::string_view f) { return f == "history" || f.starts_with("history."); }

class MapLoader {
public:
    MapLoader(const std::string& path, const Process& process, Diagnostics& out) : path_(path), process_(process), out_(out) {}

    std::optional<ImportMap> load(const YamlNode& root) {
        if (!root.is_mapping()) {
            error(root.position, say("an import map is a mapping (columns:, stages:, people:, ...)"));
            return std::nullopt;
        }
        for (const YamlEntry& e : root.entries) {
            const std::string& key = e.key.value;
            if (key == "name") m_.name = scalar(e.value, key).value_or("");
            else if (key == "columns") columns(e.value);
            else if (key == "stages") stages(e.value);
            else if (key == "people") people(e.value);
            else if (key == "values") values(e.value);
            else if (key == "defaults") defaults(e.value);
            else if (key == "dates") dates(e.value);
            else if (key == "amount_unit") amount_unit(e.value);
            else if (key == "id_prefix") id_prefix(e.value);
            else if (key == "sheet") m_.sheet = scalar(e.value, key).value_or("");
            else if (key == "encoding") encoding(e.value);
            else unknown(e.key, key, {"name", "columns", "stages", "people", "values", "defaults", "dates", "amount_unit",
                                      "id_prefix", "sheet", "encoding"});
        }
        if (m_.columns.empty() && !root.find("columns"))
            error(root.position, say("an import map needs columns: (which column of the export holds which field)"));
        for (const char* needed : {"name", "amount"})
            if (!m_.column_for(needed) && !has_default(needed) && root.find("columns"))
                error(root.find_entry("columns")->key.position,
                      // TRANSLATORS: {} is a field key (name, amount); "columns:" and "defaults:" are keys of the map.
                      say("columns: names no column for {} (and defaults: gives none)", needed));
        if (!m_.column_for("customer.name") && !m_.column_for("customer.id") && !has_default("customer.name") &&
            root.find("columns"))
            error(root.find_entry("columns")->key.position, say("columns: names no column for customer.name or customer.id"));
        if (failed_) return std::nullopt;
        return std::move(m_);
    }

private:
    void error(Position at, const Text& message) {
        out_.error(path_, at, std::string(kRule), message);
        failed_ = true;
    }

    void unknown(const YamlNode& key, const std::string& word, const std::vector<std::string>& known) {
        if (auto near = did_you_mean(word, known)) error(key.position, say("unknown key \"{}\"; did you mean \"{}\"?", word, *near));
        else error(key.position, say("unknown key \"{}\" (known: {})", word, join(known)));
    }

    std::optional<std::string> scalar(const YamlNode& n, std::string_view key) {
        if (n.is_scalar()) return n.value;
        // TRANSLATORS: {0} a key of the import map, {1} the kind of YAML value found (list, mapping).
        error(n.position, say("{} must be a single value, not a {}", key, kind_text(n.kind)));
        return std::nullopt;
    }

    bool mapping(const YamlNode& n, std::string_view key) {
        if (n.is_mapping()) return true;
        if (n.is_null()) return false;
        error(n.position, say("{} must be a mapping", key));
        return false;
    }

    // The field a map key names: id, stage, status, or a scalar field of the registry.
    std::optional<FieldRef> field(const YamlNode& key, bool& known) {
        known = false;
        const std::string& f = key.value;
        if (own_field(f)) {
            known = true;
            return std::nullopt;
        }
        if (refused_field(f)) {
            error(key.position, say("{}: the import writes the history itself", f));
            return std::nullopt;
        }
        if (auto ref = find_field(f, process_)) {
            known = true;
            return ref;
        }
        std::vector<std::string> paths = known_field_paths(process_);
        paths.insert(paths.end(), {"id", "stage", "status"});
        if (auto near = did_you_mean(f, paths)) error(key.position, say("\"{}\" is no field of a project; did you mean \"{}\"?", f, *near));
        else error(key.position, say("\"{}\" is no field of a project (see pipeline-project(5))", f));
        return std::nullopt;
    }

    // A column's header, or a list of them for exports whose headers vary (by language, by version).
    std::vector<std::pair<std::string, Position>> header_names(const YamlNode& n, std::string_view key) {
        std::vector<std::pair<std::string, Position>> out;
        auto one = [&](const YamlNode& v) {
            if (!v.is_scalar()) {
                error(v.position, say("{}: a column is a header or a list of headers, not a {}", key, kind_text(v.kind)));
            } else if (v.value.empty()) {
                error(v.position, say("{}: the column's header is empty", key));
            } else {
                out.emplace_back(v.value, v.position);
            }
        };
        if (n.is_sequence()) {
            for (const YamlNode& v : n.items) one(v);
            if (n.items.empty()) error(n.position, say("{}: the column's header is empty", key));
        } else {
            one(n);
        }
        return out;
    }

    void columns(const YamlNode& n) {
        if (!mapping(n, "columns")) return;
        std::map<std::string, Position> seen;
        for (const YamlEntry& e : n.entries) {
            bool known = false;
            auto ref = field(e.key, known);
            auto headers = header_names(e.value, e.key.value);
            if (!known || headers.empty()) continue;
            for (const auto& [header, at] : headers)
                if (auto [seen_at, added] = seen.emplace(header, at); !added)
                    // TRANSLATORS: {0} a column header, {1} and {2} line and column in the map.
                    error(at, say("column \"{}\" is mapped already (at {}:{}); a column fills one field", header,
                                  seen_at->second.line, seen_at->second.column));
            ColumnMapping mapping{e.key.value, ref, {}, e.value.position};
            for (auto& h : headers) mapping.headers.push_back(std::move(h.first));
            m_.columns.push_back(std::move(mapping));
        }
    }

    std::optional<StageTarget> stage_target(const YamlNode& n) {
        StageTarget t;
        std::string stage_text, status_text;
        Position stage_at = n.position, status_at = n.position;
        if (n.is_scalar()) {
            if (auto s = parse_status(n.value); s && *s != Status::open) status_text = n.value, status_at = n.position;
            else stage_text = n.value;
        } else if (n.is_mapping()) {
            for (const YamlEntry& e : n.entries) {
                if (e.key.value == "stage") stage_text = scalar(e.value, "stage").value_or(""), stage_at = e.value.position;
                else if (e.key.value == "status") status_text = scalar(e.value, "status").value_or(""), status_at = e.value.position;
                else unknown(e.key, e.key.value, {"stage", "status"});
            }
        } else {
            error(n.position, say("a stage of the export maps to a stage, to won, lost or abandoned, or to {{stage: ..., status: ...}}"));
            return std::nullopt;
        }
        if (!status_text.empty()) {
            auto s = parse_status(status_text);
            if (!s) {
                error(status_at, say("unknown status \"{}\" (open, won, lost, abandoned)", status_text));
                return std::nullopt;
            }
            if (*s != Status::open) t.outcome = s;
        }
        if (!stage_text.empty()) {
            t.stage = process_.stage_index(stage_text);
            if (t.stage < 0) {
                std::vector<std::string> stages;
                for (const Stage& st : process_.stages) stages.insert(stages.end(), {st.id, st.name});
                if (auto near = did_you_mean(stage_text, stages))
                    error(stage_at, say("\"{}\" is not a stage of pipeline.yaml; did you mean \"{}\"?", stage_text, *near));
                else
                    error(stage_at, say("\"{}\" is not a stage of pipeline.yaml", stage_text));
                return std::nullopt;
            }
        } else if (t.outcome == Status::won) {
            t.stage = process_.won_stage();
        } else if (t.outcome) {
            t.stage = 0;  // closed from a stage the export does not say: the first
        } else {
            error(n.position, say("a stage of the export maps to a stage, to won, lost or abandoned, or to {{stage: ..., status: ...}}"));
            return std::nullopt;
        }
        if (t.outcome == Status::won && t.stage != process_.won_stage())
            error(stage_at, say("a project is won at {}, not at {}", process_.stage_label(process_.won_stage()),
                                process_.stage_label(t.stage)));
        if (t.outcome && *t.outcome != Status::won && process_.after_win(t.stage))
            error(stage_at, say("{} comes after the win: a project there is won", process_.stage_label(t.stage)));
        return t;
    }

    void stages(const YamlNode& n) {
        if (!mapping(n, "stages")) return;
        for (const YamlEntry& e : n.entries)
            if (auto t = stage_target(e.value)) m_.stages.emplace(e.key.value, *t);
    }

    void people(const YamlNode& n) {
        if (!mapping(n, "people")) return;
        for (const YamlEntry& e : n.entries) {
            auto id = scalar(e.value, e.key.value);
            if (!id) continue;
            if (!process_.people.empty() && !process_.person(*id)) {
                std::vector<std::string> ids;
                for (const Person& p : process_.people) ids.push_back(p.id);
                if (auto near = did_you_mean(*id, ids))
                    error(e.value.position, say("\"{}\" is not on the roster of pipeline.yaml; did you mean \"{}\"?", *id, *near));
                else
                    error(e.value.position, say("\"{}\" is not on the roster of pipeline.yaml", *id));
                continue;
            }
            m_.people.emplace(e.key.value, *id);
        }
    }

    void values(const YamlNode& n) {
        if (!mapping(n, "values")) return;
        for (const YamlEntry& e : n.entries) {
            bool known = false;
            field(e.key, known);
            if (!known || !mapping(e.value, e.key.value)) continue;
            auto& words = m_.values[e.key.value];
            for (const YamlEntry& w : e.value.entries)
                if (auto v = scalar(w.value, w.key.value)) words.emplace(w.key.value, *v);
        }
    }

    void defaults(const YamlNode& n) {
        if (!mapping(n, "defaults")) return;
        for (const YamlEntry& e : n.entries) {
            bool known = false;
            field(e.key, known);
            auto v = scalar(e.value, e.key.value);
            if (!known || !v) continue;
            if (e.key.value == "id") {
                error(e.key.position, say("id: every project has its own id; give id_prefix for the ids to be made"));
                continue;
            }
            m_.defaults.emplace_back(e.key.value, *v);
            m_.default_at.push_back(e.value.position);
        }
    }

    bool has_default(std::string_view f) const {
        for (const auto& d : m_.defaults)
            if (d.first == f) return true;
        return false;
    }

    void dates(const YamlNode& n) {
        auto v = scalar(n, "dates");
        if (!v) return;
        if (*v == "year-first") m_.dates = DateOrder::year_first;
        else if (*v == "month-first") m_.dates = DateOrder::month_first;
        else if (*v == "day-first") m_.dates = DateOrder::day_first;
        else error(n.position, say("dates: \"{}\" is none of year-first (2026/03/04), month-first (03/04/2026), day-first (04/03/2026)", *v));
    }

    void amount_unit(const YamlNode& n) {
        auto v = scalar(n, "amount_unit");
        if (!v) return;
        if (*v == "元" || *v == "1") m_.amount_unit = 1;
        else if (*v == "万" || *v == "万元" || *v == "10000") m_.amount_unit = 10000;
        else if (*v == "亿" || *v == "亿元" || *v == "100000000") m_.amount_unit = 100000000;
        else if (*v == "千" || *v == "千元" || *v == "1000") m_.amount_unit = 1000;
        else error(n.position, say("amount_unit: \"{}\" is none of 1 (元), 1000 (千元), 10000 (万元), 100000000 (亿元)", *v));
    }

    void id_prefix(const YamlNode& n) {
        auto v = scalar(n, "id_prefix");
        if (!v) return;
        if (!valid_project_id(*v + "1")) {
            error(n.position, say("id_prefix \"{}\" cannot begin a project id ([A-Za-z0-9][A-Za-z0-9._-]*)", *v));
            return;
        }
        m_.id_prefix = *v;
    }

    void encoding(const YamlNode& n) {
        auto v = scalar(n, "encoding");
        if (!v) return;
        if (auto e = parse_text_encoding(*v)) m_.encoding = *e;
        else error(n.position, say("encoding: \"{}\" is none of auto, utf-8, gb18030 (gbk)", *v));
    }

    const std::string& path_;
    const Process& process_;
    Diagnostics& out_;
    ImportMap m_;
    bool failed_ = false;
};

}  // namespace

const ColumnMapping* ImportMap::column_for(std::string_view field) const {
    for (const ColumnMapping& c : columns)
        if (c.field == field) return &c;
    return nullptr;
}

std::optional<ImportMap> load_import_map(std::string_view text, const std::string& path, const Process& process,
                                         Diagnostics& out) {
    YamlDocument doc = parse_yaml(text, path, out);
    if (!doc.root) {
        if (!out.has_errors()) out.error(path, {1, 1}, std::string(kRule), say("the import map is empty"));
        return std::nullopt;
    }
    return MapLoader(path, process, out).load(*doc.root);
}

}  // namespace pipeline
