// The field registry: pipeline-project(5) documents exactly its fields, the edit verifier's
// comparison sees every one of them, and gates reach them by dotted path.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/model/config_spec.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/model/record_diff.hpp"
#include "pipeline/model/registry.hpp"
#include "support.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

// A key of the man page's KEYS and HISTORY sections: its dotted path, the words set in bold
// in its paragraph (where an enumeration lists its values) and the paragraph's text.
struct DocumentedKey {
    std::string path;
    std::set<std::string> bold;
    std::string text;
};

std::string unescape(std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '-') {
            out += '-';
            ++i;
        } else if (s[i] != '"') {
            out += s[i];
        }
    }
    return out;
}

// Reads the keys of the sections named in `sections` (section → the path its keys are under):
// a key is ".B name" after .TP or .TQ, nested with .RS/.RE under the key before.
std::vector<DocumentedKey> documented_keys(const fs::path& page, const std::map<std::string, std::string>& sections) {
    std::istringstream in(test::read_file(page));
    std::vector<DocumentedKey> keys;
    std::vector<std::string> parents;  // the path of each open .RS level
    std::string section, last_key;
    bool after_tp = false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(".SH ")) {
            section = line.substr(4);
            parents.clear();
            last_key.clear();
            continue;
        }
        if (!sections.count(section)) continue;
        if (line == ".TP" || line == ".TQ" || line.starts_with(".TP ")) {
            after_tp = true;
            continue;
        }
        if (line == ".RS") {
            parents.push_back(last_key);
            continue;
        }
        if (line == ".RE") {
            if (!parents.empty()) parents.pop_back();
            continue;
        }
        if (!keys.empty() && !(after_tp && line.starts_with(".B "))) keys.back().text += line + "\n";
        if (after_tp && line.starts_with(".B ")) {
            const std::string key = unescape(line.substr(3));
            std::string prefix = sections.at(section);
            if (!parents.empty() && !parents.back().empty()) prefix = parents.back() + ".";
            last_key = prefix + key;
            keys.push_back({last_key, {}, {}});
        } else if (!keys.empty() && (line.starts_with(".B ") || line.starts_with(".BR "))) {
            std::istringstream words(line.substr(line.find(' ') + 1));
            std::string w;
            words >> w;
            keys.back().bold.insert(unescape(w));
        }
        after_tp = false;
    }
    return keys;
}

// `word` appears in `text` on its own: not inside a longer word (市场 in 市场风险).
bool mentions_word(const std::string& text, const std::string& word) {
    const auto apart = [](std::string_view rest, bool before) {
        if (rest.empty()) return true;
        for (std::string_view mark : {" ", "(", ")", ",", ";", ".", ":", "\n", "、", "，", "（", "）"})
            if (before ? rest.ends_with(mark) : rest.starts_with(mark)) return true;
        return false;
    };
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        if (apart(std::string_view(text).substr(0, at), true) && apart(std::string_view(text).substr(at + word.size()), false))
            return true;
    return false;
}

void registry_keys(const RecordSpec& spec, const std::string& prefix, std::map<std::string, const FieldSpec*>& out) {
    for (const FieldSpec& f : spec.fields) {
        const std::string path = prefix + std::string(f.key);
        out[path] = &f;
        if (f.record) registry_keys(*f.record, path + ".", out);
    }
}

}  // namespace

TEST_CASE("registry: pipeline-project(5) documents every field of the registry, and no other") {
    const fs::path page = fs::path(PIPELINE_TEST_DATA).parent_path() / "man" / "pipeline-project.5";
    std::map<std::string, const FieldSpec*> registered;
    registry_keys(project_spec(), "", registered);
    std::map<std::string, const DocumentedKey*> documented;
    const std::vector<DocumentedKey> keys = documented_keys(page, {{"KEYS", ""}, {"HISTORY", "history."}});
    for (const DocumentedKey& k : keys) documented[k.path] = &k;
    for (const auto& [path, field] : registered) CHECK_MESSAGE(documented.count(path), "not in pipeline-project(5): ", path);
    for (const auto& [path, doc] : documented) {
        // An enumeration's values are listed like keys under it: they are values, not fields.
        const std::size_t dot = path.rfind('.');
        if (dot != std::string::npos) {
            auto parent = registered.find(path.substr(0, dot));
            if (parent != registered.end() && parent->second->type == FieldType::enumeration) continue;
        }
        CHECK_MESSAGE(registered.count(path), "documented but not in the registry: ", path);
    }
    // Each value of an enumeration appears in bold in its paragraph (or as a key below it).
    for (const auto& [path, field] : registered) {
        if (field->type != FieldType::enumeration || !documented.count(path)) continue;
        for (const EnumValue& v : field->values) {
            const bool listed = documented.at(path)->bold.count(std::string(v.id)) ||
                                documented.count(path + "." + std::string(v.id));
            CHECK_MESSAGE(listed, path, ": value ", std::string(v.id), " is not documented");
            // Its Chinese names too, each of them, in the same paragraph.
            const std::string& text = documented.count(path + "." + std::string(v.id))
                                          ? documented.at(path + "." + std::string(v.id))->text
                                          : documented.at(path)->text;
            for (std::string_view names = v.names; !names.empty();) {
                const std::string name(names.substr(0, names.find('|')));
                CHECK_MESSAGE(mentions_word(text, name), path, ": the name ", name, " of ", std::string(v.id),
                              " is not documented");
                names.remove_prefix(std::min(names.size(), name.size() + 1));
            }
        }
    }
}

TEST_CASE("registry: pipeline-project(5) KNOWN FIELDS lists exactly the paths gates may name") {
    const fs::path page = fs::path(PIPELINE_TEST_DATA).parent_path() / "man" / "pipeline-project.5";
    std::istringstream in(test::read_file(page));
    std::vector<std::string> fields, lists;
    std::string line, section;
    bool after_tp = false, in_lists = false;
    while (std::getline(in, line)) {
        if (line.starts_with(".SH ")) section = line.substr(4);
        if (section != "KNOWN FIELDS") continue;
        if (line.starts_with(".TP 14")) in_lists = true;
        if (line.starts_with(".TP") || line == ".TQ") {
            after_tp = true;
            continue;
        }
        if (after_tp && line.starts_with(".B ")) (in_lists ? lists : fields).push_back(unescape(line.substr(3)));
        after_tp = false;
    }
    const Process process = test::default_process();
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    CHECK(sorted(fields) == sorted(known_field_paths(process)));
    CHECK(sorted(lists) == sorted(known_list_names(process)));
}

TEST_CASE("registry: the edit verifier's comparison sees every registered field") {
    const Project p = test::every_field_set();
    CHECK_FALSE(first_difference(p, p));
    for (const std::string& path : test::registered_paths()) {
        const Project changed = test::with_one_field_changed(p, path);
        const auto d = first_difference(p, changed);
        REQUIRE_MESSAGE(d, path);
        // "risks[].owner" is reported for the changed (last) item: "risks[1].owner".
        std::string expected = path;
        if (auto at = expected.find("[]"); at != std::string::npos) expected.replace(at, 2, "[1]");
        CHECK(*d == expected);
    }
    Project other = p;
    other.custom.push_back({0, "x", 0, {}, {}});
    CHECK(first_difference(p, other) == "custom fields (count 0 vs 1)");
}

TEST_CASE("registry: the key order of edits is the registry's top level") {
    const auto& order = project_key_order();
    REQUIRE(order.size() == project_spec().fields.size());
    CHECK(order.front() == "id");
    CHECK(order.back() == "notes");
    CHECK(std::find(order.begin(), order.end(), "history") < std::find(order.begin(), order.end(), "approvals"));
}

TEST_CASE("registry: dotted paths reach scalar fields through records, not lists") {
    const Process process = test::default_process();
    CHECK(find_field("lead.bant.need", process));
    CHECK(find_field("contract.signed_on", process));
    CHECK_FALSE(find_field("lead", process));
    CHECK_FALSE(find_field("lead.bant", process));
    CHECK_FALSE(find_field("contacts.name", process));
    CHECK_FALSE(find_field("notes", process));
    CHECK_FALSE(find_field("lead.nothing", process));
    CHECK(find_list("contacts", process));
    CHECK_FALSE(find_list("lead", process));
    const auto contacts = *find_list("contacts", process);
    CHECK(find_item_field(contacts, "attitude"));
    CHECK_FALSE(find_item_field(contacts, "nothing"));

    Project p;
    CHECK(field_text(p, *find_field("amount", process)) == "0.00");
    CHECK_FALSE(field_text(p, *find_field("tender.deadline", process)));
    p.tender.deadline = test::date("2026-10-15");
    p.solution.in_customer_design = false;
    p.stage_text = "招投标";
    CHECK(field_text(p, *find_field("tender.deadline", process)) == "2026-10-15");
    CHECK(field_text(p, *find_field("solution.in_customer_design", process)) == "false");
    CHECK(field_text(p, *find_field("stage", process)) == "招投标");
    CHECK(field_text(p, *find_field("status", process)) == "open");
}

TEST_CASE("registry: its fingerprint is the cache format, and changes with the registry") {
    CHECK(registry_fingerprint() == registry_fingerprint());
    CHECK(registry_fingerprint() != 0);
}

TEST_CASE("registry: a custom field collides with no built-in key, filter field or --by key") {
    auto refused = [](const std::string& field) {
        std::string text(default_process_text());
        text += "fields:\n  - " + field + "\n";
        Diagnostics out;
        load_process(text, "pipeline.yaml", out);
        return test::findings(out);
    };
    CHECK(refused("{key: amount, type: money}").find("field key \"amount\" is a built-in key of project files") !=
          std::string::npos);
    CHECK(refused("{key: close, type: date}").find("is a filter field or --by key") != std::string::npos);
    CHECK(refused("{key: quarter, type: text}").find("is a filter field or --by key") != std::string::npos);
    CHECK(refused("{key: Bid-Bond, type: money}").find("must match [a-z][a-z0-9_]*") != std::string::npos);
    CHECK(refused("{key: bond, type: cash}").find("unknown field type \"cash\"") != std::string::npos);
    CHECK(refused("{key: seg, type: enum}").find("list its values") != std::string::npos);
    CHECK(refused("{key: seg, type: list}").find("give the type of its items") != std::string::npos);
    CHECK(refused("{key: bond, type: money, required_from: nowhere}").find("required_from names unknown stage \"nowhere\"") !=
          std::string::npos);
    CHECK(refused("{key: bond, type: money, values: [a]}").find("values is for a field of type enum") != std::string::npos);
    CHECK(refused("{key: bond, type: money, required_from: tender}") == "");
}

namespace {

void config_keys_of(const ConfigKey& k, const std::string& prefix, std::map<std::string, const ConfigKey*>& out) {
    for (const ConfigKey& c : k.keys) {
        const std::string path = prefix + std::string(c.key);
        out[path] = &c;
        if (path != "stages.gate") config_keys_of(c, path + ".", out);  // gate checks: section GATE CHECKS
    }
}

}  // namespace

TEST_CASE("registry: pipeline-config(5) documents every key of pipeline.yaml the loader accepts, and no other") {
    const fs::path page = fs::path(PIPELINE_TEST_DATA).parent_path() / "man" / "pipeline-config.5";
    std::map<std::string, const ConfigKey*> declared;
    config_keys_of(config_spec(), "", declared);
    std::map<std::string, const DocumentedKey*> documented;
    const std::vector<DocumentedKey> keys = documented_keys(page, {{"KEYS", ""}});
    for (const DocumentedKey& k : keys) documented[k.path] = &k;
    for (const auto& [path, key] : declared) CHECK_MESSAGE(documented.count(path), "not in pipeline-config(5): ", path);
    for (const auto& [path, doc] : documented) {
        // Values listed like keys (the forms of a period) sit under a key that is no mapping.
        const std::size_t dot = path.rfind('.');
        if (dot != std::string::npos) {
            auto parent = declared.find(path.substr(0, dot));
            if (parent != declared.end() && parent->second->keys.empty()) continue;
        }
        CHECK_MESSAGE(declared.count(path), "documented but unknown to the loader: ", path);
    }
    // Each kind of gate check has its paragraph in GATE CHECKS.
    const std::string text = test::read_file(page);
    for (const char* kind : {"present", "equals", "count", "person", "not_future"})
        CHECK_MESSAGE(text.find(std::string(".BI ") + kind + ": ") != std::string::npos, kind);
}
