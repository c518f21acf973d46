#include "pipeline/model/custom_field.hpp"

#include <algorithm>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

int custom_field_index(const Process& process, std::string_view key) {
    for (std::size_t i = 0; i < process.fields.size(); ++i)
        if (process.fields[i].key == key) return static_cast<int>(i);
    return -1;
}

std::string custom_type_name(const CustomField& field) {
    const std::string base = field.type == FieldType::enumeration ? "enum" : field_type_name(field.type);
    return field.list ? "list of " + base : base;
}

bool custom_type_is_ordered(FieldType type) {
    return type == FieldType::number || type == FieldType::money || type == FieldType::percent || type == FieldType::date;
}

bool type_is_ordered(FieldType type) { return custom_type_is_ordered(type) || type == FieldType::integer; }

std::optional<std::int64_t> ordered_number(FieldType type, std::string_view text) {
    if (!type_is_ordered(type)) return std::nullopt;
    CustomField field;
    field.type = type == FieldType::integer ? FieldType::number : type;
    auto scalar = parse_custom_scalar(field, text);
    const auto* s = std::get_if<CustomScalar>(&scalar);
    if (!s) return std::nullopt;
    // Percentages come in hundredths, numbers in millionths: one scale, so that they compare.
    return type == FieldType::percent ? s->number * 10'000 : s->number;
}

FieldType field_type(const FieldRef& ref, const Process& process) {
    if (ref.is_custom()) return process.fields[static_cast<std::size_t>(ref.custom)].type;
    return ref.path.empty() ? FieldType::text : ref.path.back()->type;
}

std::variant<CustomScalar, Text> parse_custom_scalar(const CustomField& field, std::string_view text) {
    switch (field.type) {
        case FieldType::money: {
            auto m = parse_money(text);
            if (auto* e = std::get_if<ParseError>(&m)) return e->message;
            const Money v = std::get<Money>(m);
            // TRANSLATORS: why a value is refused; it follows the field and the value ("FIELD "-3" must not be negative").
            if (v.cents < 0) return say("must not be negative");
            return CustomScalar{plain_money(v), v.cents};
        }
        case FieldType::number:
        case FieldType::percent: {
            const int decimals = field.type == FieldType::number ? 6 : 2;
            auto n = parse_decimal(text, decimals);
            if (auto* e = std::get_if<ParseError>(&n)) return e->message;
            const std::int64_t v = std::get<std::int64_t>(n);
            // TRANSLATORS: why a value is refused; it follows the field and the value.
            if (field.type == FieldType::percent && (v < 0 || v > 10000)) return say("must be a percentage from 0 to 100");
            return CustomScalar{std::string(text), v};
        }
        case FieldType::date: {
            auto d = Date::parse(text);
            // TRANSLATORS: why a value is refused; it follows the field and the value.
            if (!d) return say("is not a date (write YYYY-MM-DD)");
            return CustomScalar{d->iso(), d->days()};
        }
        case FieldType::boolean:
            if (text == "true" || text == "True" || text == "TRUE") return CustomScalar{"true", 1};
            if (text == "false" || text == "False" || text == "FALSE") return CustomScalar{"false", 0};
            // TRANSLATORS: why a value is refused; it follows the field and the value.
            return say("must be true or false");
        case FieldType::enumeration: {
            const auto it = std::find(field.values.begin(), field.values.end(), text);
            if (it == field.values.end()) {
                std::string list;
                for (const std::string& v : field.values) list += (list.empty() ? "" : ", ") + v;
                // TRANSLATORS: why a value is refused; it follows the field and the value. {} lists the allowed values.
                return say("is not one of: {}", list);
            }
            return CustomScalar{std::string(text), it - field.values.begin()};
        }
        default:
            return CustomScalar{std::string(text), 0};
    }
}

namespace {

// One scalar of the field from the file; nullopt (with a finding) when it is not of the type.
// Amounts, dates and booleans are read as the built-in fields are, with the same messages.
std::optional<CustomScalar> read_scalar(NodeReader& r, const YamlNode& node, const CustomField& field, Label what) {
    switch (field.type) {
        case FieldType::money:
            if (auto m = r.money(&node, what)) return CustomScalar{plain_money(*m), m->cents};
            return std::nullopt;
        case FieldType::date:
            if (auto d = r.date(&node, what)) return CustomScalar{d->iso(), d->days()};
            return std::nullopt;
        case FieldType::boolean:
            if (auto b = r.boolean(&node, what)) return CustomScalar{*b ? "true" : "false", *b ? 1 : 0};
            return std::nullopt;
        default: break;
    }
    const bool textual = field.type == FieldType::text || field.type == FieldType::person || field.type == FieldType::enumeration;
    auto s = textual ? r.text(&node, what) : r.scalar(&node, what);
    if (!s) return std::nullopt;
    if (!textual && node.quoted) {
        // TRANSLATORS: the field (its key, or "an item of KEY"), then the value written.
        r.error(&node, "type", say("{} \"{}\" is quoted text, not a number: remove the quotes", what.text(), *s));
        return std::nullopt;
    }
    auto parsed = parse_custom_scalar(field, *s);
    if (auto* e = std::get_if<Text>(&parsed)) {
        // TRANSLATORS: a value refused: the field, the value written, then why ("must be true or false").
        r.error(&node, field.type == FieldType::enumeration ? "enum" : "type", say("{} \"{}\" {}", what.text(), *s, *e));
        return std::nullopt;
    }
    return std::get<CustomScalar>(parsed);
}

// A person field's value by the roster id (a display name of one person becomes their id).
std::string person_or_text(NodeReader& r, const YamlNode& node, const CustomField& field, const Process& process,
                           const Text& what, const std::string& text) {
    if (field.type != FieldType::person) return text;
    std::optional<Text> problem;
    std::string id = process.person_id(text, what, problem);
    if (problem) r.error(&node, "person", *problem);
    return id;
}

}  // namespace

void read_custom_fields(NodeReader& r, const YamlNode& root, const Process& process, std::vector<CustomValue>& out) {
    for (std::size_t i = 0; i < process.fields.size(); ++i) {
        const CustomField& field = process.fields[i];
        const YamlNode* node = root.find(field.key);
        if (!node || node->is_null()) continue;
        CustomValue v;
        v.field = static_cast<std::uint32_t>(i);
        v.position = node->position;
        if (field.list) {
            if (!r.sequence(node, field.key)) {
                v.refused = true;
                out.push_back(std::move(v));
                continue;
            }
            // TRANSLATORS: names one value of a custom field that is a list; {} is its key.
            const Text what = say("an item of {}", field.key);
            for (const YamlNode& item : node->items)
                if (auto s = read_scalar(r, item, field, what)) v.items.emplace_back(person_or_text(r, item, field, process, what, s->text));
            v.items.shrink_to_fit();
            v.text = v.items.empty() ? CompactString() : v.items.front();
            v.number = static_cast<std::int64_t>(v.items.size());
        } else {
            if (auto s = read_scalar(r, *node, field, field.key)) {
                v.text = person_or_text(r, *node, field, process, field.key, s->text);
                v.number = s->number;
            } else {
                v.refused = true;
            }
        }
        out.push_back(std::move(v));
    }
}

}  // namespace pipeline
