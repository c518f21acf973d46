#include "pipeline/check/people.hpp"

#include <vector>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"

namespace pipeline {

void check_person(const Process& process, const std::string& path, std::string_view id, Position at, const Text& what,
                  Diagnostics& out) {
    const std::string name(id);
    if (process.people.empty() || id.empty() || process.person(name) || !process.people_named(name).empty()) return;
    // Suggested by id or by display name, as either may be written.
    std::vector<std::string> ids;
    for (const Person& x : process.people) {
        ids.push_back(x.id);
        if (!x.name.empty()) ids.push_back(x.name);
    }
    if (auto hint = did_you_mean(id, ids))
        // TRANSLATORS: {0} names the field ("owner", "approver", a custom field's key), {1} the
        // person id written there, {2} a roster id like it; people is the roster of pipeline.yaml.
        out.error(path, at, "person", say("{} \"{}\" is not in people of pipeline.yaml; did you mean \"{}\"?", what, name, *hint));
    else
        // TRANSLATORS: {0} names the field ("owner", "approver", a custom field's key), {1} the
        // person id written there; people is the roster of pipeline.yaml.
        out.error(path, at, "person", say("{} \"{}\" is not in people of pipeline.yaml", what, name));
}

}  // namespace pipeline
