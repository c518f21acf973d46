// Text edits verified as a project: loading the result must give the intended record.
#include "pipeline/change/project_edit.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/record_diff.hpp"

namespace pipeline {
EditResult edit_project_text(std::string_view text, const std::string& path, const Process& process, const FileEdit& edit,
                             const Project& expected) {
    EditResult result = apply_edit(text, edit);
    if (std::holds_alternative<EditError>(result)) return result;
    const std::string& edited = std::get<std::string>(result);
    Diagnostics before, after;
    load_project(text, path, process, before);
    const auto loaded = load_project(edited, path, process, after);
    if (!loaded) return EditError{tr("the edited file would not load as a project")};
    if (auto field = first_difference(expected, *loaded))
        // TRANSLATORS: {} says where the records differ: a field's path ("stage", "history[3].note"), with words
        // around it ("contacts (count 2 vs 3)").
        return EditError{trf("the edited file would not mean the intended change ({} differs)", field->local())};
    auto summary = [](const Diagnostics& d) {
        std::vector<std::tuple<Severity, std::string, std::string>> out;
        for (const Diagnostic& x : d.items()) out.emplace_back(x.severity, x.rule, x.message);
        std::sort(out.begin(), out.end());
        return out;
    };
    if (summary(before) != summary(after)) return EditError{tr("the edited file would load with different findings")};
    return result;
}

}  // namespace pipeline
