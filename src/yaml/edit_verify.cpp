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

const FileEdit::Nested* find_nested(const FileEdit& edit, std::string_view key) {
    for (const FileEdit::Nested& n : edit.nested)
        if (n.mapping == key) return &n;
    return nullptr;
}

// The mapping `now` must be `old` (or, for a scalar, {shorthand: it}) with the keys of `m`
// set or removed and every other entry as it was, in its order.
std::optional<EditError> verify_nested(const YamlNode& old, const YamlNode& now, const FileEdit::Nested& m) {
    if (!now.is_mapping()) return EditError{trf("after the edit {} would not be a mapping", m.mapping)};
    std::vector<std::pair<std::string, const YamlNode*>> before;
    if (old.is_scalar()) before.emplace_back(m.shorthand, &old);
    else
        for (const YamlEntry& e : old.entries) before.emplace_back(e.key.value, &e.value);
    auto is_set = [&](std::string_view key) {
        return std::any_of(m.set.begin(), m.set.end(), [&](const FileEdit::Set& s) { return s.key == key; });
    };
    std::vector<std::string> expected, kept;
    for (const auto& [key, value] : before)
        if (!is_set(key) && std::find(m.remove.begin(), m.remove.end(), key) == m.remove.end()) expected.push_back(key);
    for (const YamlEntry& e : now.entries) {
        const std::string& key = e.key.value;
        if (const auto s = std::find_if(m.set.begin(), m.set.end(), [&](const FileEdit::Set& x) { return x.key == key; });
            s != m.set.end()) {
            if (!holds(e.value, s->value))
                return EditError{trf("after the edit {}.{} would read \"{}\", not \"{}\"", m.mapping, key, e.value.value, s->value.text)};
            continue;
        }
        const auto o = std::find_if(before.begin(), before.end(), [&](const auto& b) { return b.first == key; });
        if (o == before.end()) return EditError{trf("the edit would add an unexpected key {}.{}", m.mapping, key)};
        // A scalar written anew inside braces may gain quotes; its text is what must stay.
        const bool same = old.is_scalar() ? e.value.is_scalar() && e.value.value == o->second->value : same_node(*o->second, e.value);
        if (!same) return EditError{trf("the edit would change {}.{}, which it must not touch", m.mapping, key)};
        kept.push_back(key);
    }
    if (kept != expected) return EditError{trf("the edit would change the keys of {} or their order", m.mapping)};
    for (const FileEdit::Set& s : m.set)
        if (!now.find_entry(s.key)) return EditError{trf("after the edit {}.{} would be missing", m.mapping, s.key)};
    return std::nullopt;
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
        } else if (const FileEdit::Nested* m = find_nested(edit, key); m && old_entry) {
            if (auto error = verify_nested(old_entry->value, e.value, *m)) return error;
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
