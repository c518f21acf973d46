// Reading `importance:` of pipeline.yaml: the table that grades a project's importance from
// its margin and its market's importance (sop.md §3).
#include "pipeline/model/importance_load.hpp"

#include <algorithm>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/config_spec.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {

void read_importance(NodeReader& r, const YamlNode& list, Process& p) {
    const FieldSpec& market = *project_spec().find("market_importance");
    std::vector<std::string> allowed;
    for (const EnumValue& v : market.values) allowed.emplace_back(v.id);
    p.importance.clear();
    for (const YamlNode& node : list.items) {
        if (!node.is_mapping()) {
            r.error(&node, "config", say("a row of importance must be a mapping with grade, min_margin and market"));
            continue;
        }
        r.unknown_keys(node, config_keys("importance"), say(" in importance"));
        ImportanceRule rule;
        rule.position = node.position;
        rule.grade = r.text(node.find("grade"), "grade").value_or("");
        if (rule.grade.empty()) {
            r.error(&node, "config", say("a row of importance needs a grade, e.g. A"));
            continue;
        }
        rule.min_margin = r.integer(node.find("min_margin"), "min_margin", -100, 100);
        if (const YamlNode* m = node.find("market")) {
            const std::vector<const YamlNode*> items = m->is_sequence() ? [&] {
                std::vector<const YamlNode*> v;
                for (const YamlNode& i : m->items) v.push_back(&i);
                return v;
            }()
                                                                         : std::vector<const YamlNode*>{m};
            for (const YamlNode* item : items) {
                auto value = r.text(item, "market");
                if (!value) continue;
                const EnumValue* v = find_enum_value(market.values, *value);
                if (!v) {
                    r.error(item, "config", say("importance market \"{}\" is not one of: high (高), medium (中), low (低)", *value));
                    continue;
                }
                rule.market.emplace_back(v->id);
            }
        }
        p.importance.push_back(std::move(rule));
    }
}

}  // namespace pipeline
