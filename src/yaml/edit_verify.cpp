// The second half of a text edit: parse the result again and accept it only when the YAML
// tree is the old one with exactly the intended change.
#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/yaml/text_edit.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {
namespace {

// Same content and style; positions aside.
bool same_node(const YamlNode& a, const YamlNode& b) {
    if (a.kind != b.kind || a.value != b.value || a.quoted != b.quoted) return false;
    if (!a.is_scalar() && !a.is_null() && a.flow != b.flow) return false;
    if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_node(a.items[i], b.items[i])) return false;
    for (std::size_t i = 0; i < a.entries.size(); ++i)
        if (!same_node(a.entries[i].key, b.entries[i].key) || !same_node(a.entries[i].value, b.entries[i].value)) return false;
    return true;
}

bool holds(const YamlNode& n, const Scalar& s) { return n.is_scalar() && n.value == s.text; }

bool holds(const YamlNode& n, const YamlItem& item) {
    if (!n.is_mapping() || n.entries.size() != item.size()) return false;
    for (std::size_t i = 0; i < item.size(); ++i)
        if (n.entries[i].key.value != item[i].first || !holds(n.entries[i].value, item[i].second)) return false;
    return true;
}

const FileEdit::Set* find_set(const FileEdit& edit, std::string_view key) {
    for (const FileEdit::Set& s : edit.set)
        if (s.key == key) return &s;
    return nullptr;
}

// The items appended to `key`, in order.
std::vector<const YamlItem*> appended(const FileEdit& edit, std::string_view key) {
    std::vector<const YamlItem*> out;
    for (const FileEdit::Append& a : edit.append)
        if (a.list == key) out.push_back(&a.item);
    return out;
}

std::optional<EditError> verify_tree(std::string_view before, std::string_view after, const FileEdit& edit) {
    Diagnostics old_findings, new_findings;
    const YamlDocument old_doc = parse_yaml(before, "before", old_findings);
    const YamlDocument new_doc = parse_yaml(after, "after", new_findings);
    if (!new_doc.root || new_findings.has_errors()) {
        if (new_findings.items().empty()) return EditError{tr("the edited text would not parse (empty)")};
        // TRANSLATORS: {} is the first finding of the parse, translated on its own.
        return EditError{trf("the edited text would not parse ({})", new_findings.items().front().shown_message())};
    }
    if (!old_doc.root || !new_doc.root->is_mapping()) return EditError{tr("the edited text is not a mapping")};
    const YamlNode& o = *old_doc.root;
    const YamlNode& n = *new_doc.root;
    std::vector<std::string> expected_keys, kept_keys;
    for (const YamlEntry& e : o.entries)
        if (std::find(edit.remove.begin(), edit.remove.end(), e.key.value) == edit.remove.end()) expected_keys.push_back(e.key.value);
    for (const YamlEntry& e : n.entries) {
        const std::string& key = e.key.value;
        const YamlEntry* old_entry = o.find_entry(key);
        if (const FileEdit::Set* s = find_set(edit, key)) {
            if (!holds(e.value, s->value))
                return EditError{trf("after the edit {} would read \"{}\", not \"{}\"", key, e.value.value, s->value.text)};
        } else if (const auto added = appended(edit, key); !added.empty()) {
            const std::vector<YamlNode> none;
            const auto& old_items = old_entry && old_entry->value.is_sequence() ? old_entry->value.items : none;
            const auto& items = e.value.items;
            if (!e.value.is_sequence() || items.size() != old_items.size() + added.size())
                return EditError{trnf("after the edit {} would not have exactly {} more item",
                                      "after the edit {} would not have exactly {} more items", added.size(), key, added.size())};
            for (std::size_t i = 0; i < old_items.size(); ++i)
                if (!same_node(old_items[i], items[i]))
                    return EditError{trf("the edit would change item {} of {}", i + 1, key)};
            for (std::size_t i = 0; i < added.size(); ++i)
                if (!holds(items[old_items.size() + i], *added[i]))
                    return EditError{trf("the new item of {} would not read as intended", key)};
        } else if (!old_entry || !same_node(old_entry->key, e.key) || !same_node(old_entry->value, e.value)) {
            return EditError{trf("the edit would change {}, which it must not touch", key)};
        }
        if (old_entry) kept_keys.push_back(key);
        else if (!find_set(edit, key) && appended(edit, key).empty())
            return EditError{trf("the edit would add an unexpected key {}", key)};
    }
    if (kept_keys != expected_keys) return EditError{tr("the edit would change the keys of the file or their order")};
    for (const FileEdit::Set& s : edit.set)
        if (!n.find_entry(s.key)) return EditError{trf("after the edit {} would be missing", s.key)};
    for (const FileEdit::Append& a : edit.append)
        if (!n.find_entry(a.list)) return EditError{trf("after the edit {} would be missing", a.list)};
    return std::nullopt;
}

}  // namespace

EditResult apply_edit(std::string_view text, const FileEdit& edit) {
    auto planned = plan_splices(text, edit);
    if (auto* error = std::get_if<EditError>(&planned)) return *error;
    std::string out = apply_splices(text, std::get<std::vector<Splice>>(planned));
    if (auto error = verify_tree(text, out, edit)) return *error;
    return out;
}

}  // namespace pipeline
