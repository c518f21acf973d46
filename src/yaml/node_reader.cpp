#include "pipeline/yaml/node_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/text.hpp"
#include "pipeline/yaml/input_slips.hpp"

namespace pipeline {

void NodeReader::error(const YamlNode* n, std::string rule, const Text& message) {
    out_.error(path_, n ? n->position : Position{}, std::move(rule), message);
}

void NodeReader::error_at(Position at, std::string rule, const Text& message) {
    out_.error(path_, at, std::move(rule), message);
}

void NodeReader::warning(const YamlNode* n, std::string rule, const Text& message) {
    out_.warning(path_, n ? n->position : Position{}, std::move(rule), message);
}

std::optional<std::string> NodeReader::scalar(const YamlNode* n, Label what) {
    if (!n || n->is_null()) return std::nullopt;
    if (!n->is_scalar()) {
        // TRANSLATORS: {0} names the value ("stage name", or a key), {1} is a kind of value ("list", "mapping").
        error(n, type_rule_, say("{} must be a single value, not a {}", what.text(), kind_text(n->kind)));
        return std::nullopt;
    }
    if (!printable(*n, what)) return std::nullopt;
    return n->value;
}

std::optional<std::string> NodeReader::text(const YamlNode* n, Label what) {
    if (!n || n->is_null()) return std::nullopt;
    if (!n->is_scalar()) {
        // TRANSLATORS: {0} names the value ("stage name", or a key), {1} is a kind of value ("list", "mapping").
        error(n, type_rule_, say("{} must be text, not a {}", what.text(), kind_text(n->kind)));
        return std::nullopt;
    }
    if (!printable(*n, what)) return std::nullopt;
    return n->value;
}

// A value with a control character (ESC, BEL, CR, ...) would act on the terminal of whoever
// prints it; it is refused where it is read.
bool NodeReader::printable(const YamlNode& n, Label what) {
    const auto c = forbidden_character(n.value);
    if (!c) return true;
    error(&n, "control-character",
          // TRANSLATORS: {0} names the value, {1} names the character: "U+001B (ESC)".
          say("{} holds the control character {}; remove it (it would act on the terminal of whoever prints it)",
              what.text(), character_name(*c)));
    return false;
}

// Where the character at `byte` of a scalar's value is, when the value is written on one line.
Position NodeReader::inside(const YamlNode& n, std::size_t byte) const {
    if (n.block || n.value.find('\n') != std::string::npos) return n.position;
    int column = n.position.column + (n.quoted ? 1 : 0);
    for (std::size_t i = 0; i < byte && i < n.value.size(); ++i)
        if ((static_cast<unsigned char>(n.value[i]) & 0xC0) != 0x80) ++column;
    return {n.position.line, column};
}

// Full-width digits (２０２６, typed with a Chinese input method) in a number or a date: a
// finding at the first of them with the value in half-width digits.
bool NodeReader::full_width_digits(const YamlNode& n, Label what, const std::string& rule) {
    const auto plain = half_width_digits(n.value);
    if (!plain) return false;
    const std::size_t first = n.value.find("\xEF\xBC");
    error_at(inside(n, first == std::string::npos ? 0 : first), rule,
             // TRANSLATORS: {0} names the value, {1} is the value as written, {2} the same in half-width digits.
             say("{} \"{}\" is written with full-width digits (an input method's); write {}", what.text(), n.value, *plain));
    return true;
}

std::optional<Date> NodeReader::date(const YamlNode* n, Label what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    if (auto d = Date::parse(*s)) return d;
    if (full_width_digits(*n, what, "date")) return std::nullopt;
    // TRANSLATORS: {0} names the value, {1} is the value as written, {2} says what is wrong with
    // it ("is not a real calendar date", translated on its own).
    error(n, "date", say("{} \"{}\" {}", what.text(), *s, why_not_a_date(*s)));
    return std::nullopt;
}

std::optional<Money> NodeReader::money(const YamlNode* n, Label what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto parsed = parse_money(*s);
    if (n->block) {
        error(n, "amount", say("{} is written as a block of text (| or >), not a number: write the digits after the "
                               "colon", what.text()));
        return std::nullopt;
    }
    if (n->quoted) {
        // Say what else is wrong with the digits too, so that removing the quotes is not
        // followed by a second finding; text that is no number at all is just that.
        const auto* e = std::get_if<ParseError>(&parsed);
        const bool digits = s->find_first_of("0123456789") != std::string::npos;
        if (!e) error(n, "amount", say("{} \"{}\" is quoted text, not a number: remove the quotes", what.text(), *s));
        else if (!digits || e->message.english() == "is not a number")
            error(n, "amount", say("{} must be a number, not the text \"{}\"", what.text(), *s));
        else
            // TRANSLATORS: {2} says what else is wrong with the digits ("has more than 2 decimals").
            error(n, "amount", say("{} \"{}\" is quoted text, not a number, and unquoted it {}", what.text(), *s,
                                   e->message));
        return std::nullopt;
    }
    if (auto* e = std::get_if<ParseError>(&parsed)) {
        // ９８００００ alone: the digits are what to retype, as in a date.
        if (const auto plain = half_width_digits(*s); plain && !chinese_amount(*plain) && full_width_digits(*n, what, "amount"))
            return std::nullopt;
        if (auto written = chinese_amount(*s)) {
            const std::size_t at = written->offending;
            std::size_t length = 1;
            while (at + length < s->size() && (static_cast<unsigned char>((*s)[at + length]) & 0xC0) == 0x80) ++length;
            error_at(inside(*n, at), "amount",
                     // TRANSLATORS: {0} names the value, {1} is the value as written, {2} the plain number to
                     // write instead, {3} the first character that is no digit (万, ￥, 元, a comma).
                     say("{} \"{}\": write {} (an amount is a plain number of the currency's units; \"{}\" is not part of it)",
                         what.text(), *s, written->plain, s->substr(at, length)));
            return std::nullopt;
        }
        // TRANSLATORS: {0} names the value, {1} is the value as written, {2} says what is wrong with
        // it ("is not a number", translated on its own).
        error(n, "amount", say("{} \"{}\" {}", what.text(), *s, e->message));
        return std::nullopt;
    }
    const Money m = std::get<Money>(parsed);
    if (m.cents < 0) {
        error(n, "amount", say("{} must not be negative ({})", what.text(), *s));
        return std::nullopt;
    }
    return m;
}

std::optional<Rate> NodeReader::rate(const YamlNode* n, Label what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto parsed = parse_rate(*s);
    if (std::holds_alternative<ParseError>(parsed) && full_width_digits(*n, what, type_rule_)) return std::nullopt;
    if (auto* e = std::get_if<ParseError>(&parsed)) {
        // TRANSLATORS: {0} names the value, {1} is the value as written, {2} says what is wrong with
        // it ("is not a number", translated on its own).
        error(n, type_rule_, say("{} \"{}\" {}", what.text(), *s, e->message));
        return std::nullopt;
    }
    const Rate r = std::get<Rate>(parsed);
    if (r.micros <= 0 || n->quoted) {
        error(n, type_rule_, say("{} must be a positive number", what.text()));
        return std::nullopt;
    }
    return r;
}

std::optional<int> NodeReader::integer(const YamlNode* n, Label what, int min, int max) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto parsed = parse_decimal(*s, 0);
    if (std::holds_alternative<ParseError>(parsed) && full_width_digits(*n, what, type_rule_)) return std::nullopt;
    if (n->quoted || std::holds_alternative<ParseError>(parsed)) {
        error(n, type_rule_, say("{} must be a whole number, not \"{}\"", what.text(), *s));
        return std::nullopt;
    }
    const std::int64_t v = std::get<std::int64_t>(parsed);
    if (v < min || v > max) {
        error(n, type_rule_, say("{} must be between {} and {}, not {}", what.text(), min, max, *s));
        return std::nullopt;
    }
    return static_cast<int>(v);
}

std::optional<bool> NodeReader::boolean(const YamlNode* n, Label what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    if (!n->quoted) {
        if (*s == "true" || *s == "True" || *s == "TRUE") return true;
        if (*s == "false" || *s == "False" || *s == "FALSE") return false;
    }
    error(n, type_rule_, say("{} must be true or false, not \"{}\"", what.text(), *s));
    return std::nullopt;
}

bool NodeReader::mapping(const YamlNode* n, Label what) {
    if (!n || n->is_null()) return false;
    if (n->is_mapping()) return true;
    // TRANSLATORS: {0} names the value, {1} is a kind of value ("list", "scalar").
    error(n, type_rule_, say("{} must be a mapping (key: value), not a {}", what.text(), kind_text(n->kind)));
    return false;
}

bool NodeReader::sequence(const YamlNode* n, Label what) {
    if (!n || n->is_null()) return false;
    if (n->is_sequence()) return true;
    // TRANSLATORS: {0} names the value, {1} is a kind of value ("mapping", "scalar").
    error(n, type_rule_, say("{} must be a list, not a {}", what.text(), kind_text(n->kind)));
    return false;
}

std::optional<std::string> NodeReader::one_of(const YamlNode* n, Label what,
                                              std::initializer_list<std::string_view> allowed, const char* rule) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *s) != allowed.end()) return s;
    std::string list;
    for (std::string_view a : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
    not_one_of(n, what, *s, list, rule);
    return std::nullopt;
}

void NodeReader::not_one_of(const YamlNode* n, Label what, std::string_view value, std::string_view allowed,
                            const char* rule) {
    error(n, rule, say("{} \"{}\" is not one of: {}", what.text(), value, allowed));
}

void NodeReader::unknown_keys(const YamlNode& map, std::initializer_list<std::string_view> known, Label where) {
    if (!strict_) return;
    for (const YamlEntry& e : map.entries)
        if (std::find(known.begin(), known.end(), e.key.value) == known.end()) unknown_key(e, where);
}

void NodeReader::unknown_keys(const YamlNode& map, const std::vector<std::string_view>& known, Label where) {
    if (!strict_) return;
    for (const YamlEntry& e : map.entries)
        if (std::find(known.begin(), known.end(), e.key.value) == known.end()) unknown_key(e, where);
}

void NodeReader::unknown_key(const YamlEntry& e, Label where) {
    if (!strict_) return;
    const Text place = where.text();
    if (place.empty())
        out_.warning(path_, e.key.position, "unknown-key", say("unknown key \"{}\" (kept and ignored)", e.key.value));
    else
        // TRANSLATORS: {1} says where the key is, after it: " in a gate check" (translated on its own).
        out_.warning(path_, e.key.position, "unknown-key", say("unknown key \"{}\"{} (kept and ignored)", e.key.value, place));
}

}  // namespace pipeline
