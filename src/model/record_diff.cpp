#include "pipeline/model/record_diff.hpp"

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/registry.hpp"

namespace pipeline {
namespace {

template <class T>
bool same(const Slot& s, const void* a, const void* b) {
    return slot_value<T>(s, a) == slot_value<T>(s, b);
}

std::optional<Text> differ(const RecordSpec& spec, const void* a, const void* b, const std::string& prefix);

std::optional<Text> differ_field(const FieldSpec& f, const void* a, const void* b, const std::string& name) {
    const Slot& s = f.slot;
    void* ma = const_cast<void*>(a);
    void* mb = const_cast<void*>(b);
    bool equal = true;
    switch (s.storage) {
        case Storage::none: return std::nullopt;
        case Storage::text: equal = same<CompactString>(s, a, b); break;
        case Storage::optional_date: equal = same<std::optional<Date>>(s, a, b); break;
        case Storage::optional_bool: equal = same<std::optional<bool>>(s, a, b); break;
        case Storage::flag: equal = same<bool>(s, a, b); break;
        case Storage::optional_int: equal = same<std::optional<int>>(s, a, b); break;
        case Storage::integer: equal = same<int>(s, a, b); break;
        case Storage::money: equal = same<Money>(s, a, b); break;
        case Storage::optional_money: equal = same<std::optional<Money>>(s, a, b); break;
        case Storage::status: equal = same<Status>(s, a, b); break;
        case Storage::stage:
        case Storage::stage_or_outcome:
            equal = same<CompactString>(s, a, b) && *static_cast<int*>(s.index(ma)) == *static_cast<int*>(s.index(mb)) &&
                    (!s.has_outcome() || *static_cast<std::optional<Status>*>(s.outcome(ma)) ==
                                       *static_cast<std::optional<Status>*>(s.outcome(mb)));
            break;
        case Storage::record: return differ(*f.record, s.at(ma), s.at(mb), name + ".");
        case Storage::list: {
            const void* la = s.at(ma);
            const void* lb = s.at(mb);
            const std::size_t na = s.size(la), nb = s.size(lb);
            // TRANSLATORS: a list of the project file (contacts, history[2].…), then its number of items in each record.
            if (na != nb) return say("{} (count {} vs {})", name, na, nb);
            for (std::size_t i = 0; i < na; ++i)
                if (auto d = differ(*f.record, s.item(const_cast<void*>(la), i), s.item(const_cast<void*>(lb), i),
                                    fmt::format("{}[{}].", name, i)))
                    return d;
            return std::nullopt;
        }
    }
    return equal ? std::nullopt : std::optional<Text>(name);
}

std::optional<Text> differ(const RecordSpec& spec, const void* a, const void* b, const std::string& prefix) {
    if (spec.present && *spec.present(const_cast<void*>(a)) != *spec.present(const_cast<void*>(b)))
        return Text(prefix.substr(0, prefix.size() - 1));
    for (const FieldSpec& f : spec.fields)
        if (auto d = differ_field(f, a, b, prefix + std::string(f.key))) return d;
    return std::nullopt;
}

}  // namespace

std::optional<Text> first_difference(const Project& a, const Project& b) {
    if (a.path != b.path) return Text("path");
    if (auto d = differ(project_spec(), &a, &b, "")) return d;
    if (a.custom.size() != b.custom.size())
        // TRANSLATORS: the number of custom fields (fields: of pipeline.yaml) in each record.
        return say("custom fields (count {} vs {})", a.custom.size(), b.custom.size());
    for (std::size_t i = 0; i < a.custom.size(); ++i) {
        const CustomValue& x = a.custom[i];
        const CustomValue& y = b.custom[i];
        if (x.field != y.field || x.text != y.text || x.number != y.number || x.items != y.items || x.refused != y.refused)
            // TRANSLATORS: {} is the index of a custom field (fields: of pipeline.yaml).
            return say("custom field {}", i);
    }
    return std::nullopt;
}

}  // namespace pipeline
