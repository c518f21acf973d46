#include "pipeline/figures/query.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/customer.hpp"

namespace pipeline {
namespace {

struct FieldInfo {
    QueryField field;
    const char* name;
    bool ordered;  // compared with < <= > >= =, not FIELD:VALUE
};

constexpr std::array<FieldInfo, 15> kFields{{
    {QueryField::owner, "owner", false},
    {QueryField::stage, "stage", false},
    {QueryField::status, "status", false},
    {QueryField::customer, "customer", false},
    {QueryField::industry, "industry", false},
    {QueryField::customer_grade, "customer_grade", false},
    {QueryField::size, "size", false},
    {QueryField::source, "source", false},
    {QueryField::grade, "grade", false},
    {QueryField::importance, "importance", false},
    {QueryField::category, "category", false},
    {QueryField::id, "id", false},
    {QueryField::name, "name", false},
    {QueryField::amount, "amount", true},
    {QueryField::close, "close", true},
}};

const FieldInfo* find_field(std::string_view name) {
    for (const FieldInfo& f : kFields)
        if (name == f.name) return &f;
    return nullptr;
}

std::string field_list() {
    std::string out;
    for (const FieldInfo& f : kFields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && lower(haystack[i + k]) == lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

bool text_matches(const QueryTerm& t, std::string_view value) {
    return t.substring ? contains_folded(value, t.value) : value == t.value;
}

template <class T>
bool compare(const T& left, Comparison c, const T& right) {
    switch (c) {
        case Comparison::equal: return left == right;
        case Comparison::less: return left < right;
        case Comparison::less_equal: return left <= right;
        case Comparison::greater: return left > right;
        case Comparison::greater_equal: return left >= right;
    }
    return false;
}

// A term on a custom field: any item of a list may match.
bool custom_matches(const QueryTerm& t, const Project& p, const Process& process) {
    const CustomValue* v = p.custom_value(static_cast<std::uint32_t>(t.custom));
    if (!v) return false;
    const CustomField& f = process.fields[static_cast<std::size_t>(t.custom)];
    auto one = [&](std::string_view text, std::int64_t number) {
        if (t.substring) return contains_folded(text, t.value);
        if (custom_type_is_ordered(f.type)) return compare(number, t.comparison, t.number);
        return text == t.value;
    };
    if (!f.list) return one(v->text.view(), v->number);
    return std::any_of(v->items.begin(), v->items.end(), [&](const CompactString& item) {
        auto parsed = parse_custom_scalar(f, item.view());
        const auto* s = std::get_if<CustomScalar>(&parsed);
        return s && one(s->text, s->number);
    });
}

// Parses one term; `base` is where `text` starts inside the whole term (after not: prefixes).
class TermParser {
public:
    TermParser(const std::string& whole, const Process& process) : whole_(whole), process_(process) {}

    std::variant<QueryTerm, QueryError> parse() {
        QueryTerm t;
        t.text = whole_;
        std::size_t at = 0;
        while (std::string_view(whole_).substr(at).starts_with("not:")) {
            t.negated = !t.negated;
            at += 4;
        }
        const std::string_view rest = std::string_view(whole_).substr(at);
        std::size_t name_end = 0;
        while (name_end < rest.size() && ((rest[name_end] >= 'a' && rest[name_end] <= 'z') || rest[name_end] == '_' ||
                                          (name_end > 0 && rest[name_end] >= '0' && rest[name_end] <= '9')))
            ++name_end;
        const std::string_view name = rest.substr(0, name_end);
        const bool has_separator = name_end < rest.size() && std::string_view(":<>=").find(rest[name_end]) != std::string_view::npos;
        if (name.empty() || !has_separator) {
            if (rest.empty()) return error(at, 0, t.negated ? tr("not: needs a term to negate, such as not:status:lost")
                                                           : tr("empty filter term"));
            // TRANSLATORS: FIELD, VALUE and <op> are placeholders of the syntax; {0} lists the fields,
            // {1} is what was written (name:~TEXT searches names).
            return error(at, rest.size(), trf("a filter term is FIELD:VALUE or FIELD<op>VALUE (fields: {}); "
                                              "to search names write name:~{}",
                                              field_list(), rest));
        }
        const FieldInfo* field = find_field(name);
        if (!field && custom_field_index(process_, name) >= 0) return parse_custom(std::move(t), name, at + name_end);
        if (!field) {
            std::vector<std::string> names;
            for (const FieldInfo& f : kFields) names.emplace_back(f.name);
            for (const CustomField& f : process_.fields) names.push_back(f.key);
            auto hint = did_you_mean(name, names);
            if (hint) return error(at, name.size(), trf("unknown field \"{}\"; did you mean \"{}\"?", name, *hint));
            // TRANSLATORS: {1} lists the fields a filter term can name.
            return error(at, name.size(), trf("unknown field \"{}\" (fields: {})", name, field_list()));
        }
        t.field = field->field;
        std::size_t pos = at + name_end;
        if (field->ordered) return parse_ordered(std::move(t), pos);
        if (whole_[pos] != ':')
            // TRANSLATORS: {0} and {1} are the same field; amount and close are field names.
            return error(pos, 1, trf("{} takes {}:VALUE; only amount and close compare with < <= > >= =", name, name));
        ++pos;
        if (pos < whole_.size() && whole_[pos] == '~' && allows_substring(t.field)) {
            t.substring = true;
            ++pos;
        }
        t.value = whole_.substr(pos);
        // TRANSLATORS: {} is a field: "owner: needs a value".
        if (t.value.empty()) return error(pos, 0, trf("{}: needs a value", name));
        return resolve(std::move(t), pos);
    }

private:
    std::string field_list() const {
        std::string out = pipeline::field_list();
        for (const CustomField& f : process_.fields) out += ", " + f.key;
        return out;
    }

    // A term on a field of pipeline.yaml: KEY:VALUE (KEY:~TEXT for text and people), and
    // KEY<op>VALUE for numbers, money, percentages and dates.
    std::variant<QueryTerm, QueryError> parse_custom(QueryTerm t, std::string_view name, std::size_t pos) {
        t.field = QueryField::custom;
        t.custom = custom_field_index(process_, name);
        const CustomField& f = process_.fields[static_cast<std::size_t>(t.custom)];
        const bool ordered = custom_type_is_ordered(f.type);
        if (whole_[pos] == ':') {
            ++pos;
            if (pos < whole_.size() && whole_[pos] == '~' && (f.type == FieldType::text || f.type == FieldType::person)) {
                t.substring = true;
                ++pos;
            }
        } else if (!ordered) {
            // TRANSLATORS: {0} and {2} a custom field's key, {1} its type as pipeline.yaml writes it ("text").
            return error(pos, 1, trf("{} is {}: it takes {}:VALUE; only numbers, money, percentages and dates "
                                     "compare with < <= > >= =", name, custom_type_name(f), name));
        }
        if (ordered && !t.substring) {
            const std::string_view rest = std::string_view(whole_).substr(pos);
            if (rest.starts_with(">=")) t.comparison = Comparison::greater_equal, pos += 2;
            else if (rest.starts_with("<=")) t.comparison = Comparison::less_equal, pos += 2;
            else if (rest.starts_with(">")) t.comparison = Comparison::greater, pos += 1;
            else if (rest.starts_with("<")) t.comparison = Comparison::less, pos += 1;
            else if (rest.starts_with("=")) t.comparison = Comparison::equal, pos += 1;
        }
        t.value = whole_.substr(pos);
        // TRANSLATORS: {} is a custom field's key.
        if (t.value.empty()) return error(pos, 0, trf("{} needs a value", name));
        if (t.substring) return t;
        if (f.type == FieldType::person && !process_.people.empty() && !process_.person(t.value)) {
            if (auto id = person_by_name(t.value, pos)) {
                if (auto* e = std::get_if<QueryError>(&*id)) return *e;
                t.value = std::get<std::string>(*id);
                return t;
            }
            return error(pos, t.value.size(), trf("no person \"{}\" in people of pipeline.yaml", t.value));
        }
        auto parsed = parse_custom_scalar(f, t.value);
        // The model's reason follows the key and the value: `margin "abc" is not a number`.
        if (auto* e = std::get_if<Text>(&parsed))
            return error(pos, t.value.size(), fmt::format("{} \"{}\" {}", name, t.value, e->local()));
        t.value = std::get<CustomScalar>(parsed).text;
        t.number = std::get<CustomScalar>(parsed).number;
        return t;
    }

    static bool allows_substring(QueryField f) {
        return f != QueryField::status && f != QueryField::grade && f != QueryField::importance && f != QueryField::category &&
               f != QueryField::customer_grade && f != QueryField::size;
    }

    QueryError error(std::size_t offset, std::size_t length, std::string message) const {
        return QueryError{whole_, offset, length, std::move(message)};
    }

    std::variant<QueryTerm, QueryError> parse_ordered(QueryTerm t, std::size_t pos) {
        const std::string_view name = query_field_name(t.field);
        if (whole_[pos] == ':') ++pos;
        const std::string_view rest = std::string_view(whole_).substr(pos);
        if (rest.starts_with(">=")) t.comparison = Comparison::greater_equal, pos += 2;
        else if (rest.starts_with("<=")) t.comparison = Comparison::less_equal, pos += 2;
        else if (rest.starts_with(">")) t.comparison = Comparison::greater, pos += 1;
        else if (rest.starts_with("<")) t.comparison = Comparison::less, pos += 1;
        else if (rest.starts_with("=")) t.comparison = Comparison::equal, pos += 1;
        const std::string value = whole_.substr(pos);
        if (value.empty())
            // TRANSLATORS: {0} is amount or close, {1} an example term (amount>1000000).
            return error(pos, 0, trf("{} needs a value to compare with, such as {}", name,
                                     t.field == QueryField::amount ? "amount>1000000" : "close<2027-01-01"));
        if (t.field == QueryField::amount) {
            auto money = parse_money(value);
            if (auto* e = std::get_if<ParseError>(&money))
                // The parser's reason follows the value: `amount "1,000" has a thousands separator: ...`.
                return error(pos, value.size(), fmt::format("amount \"{}\" {}", value, e->message.local()));
            t.amount = std::get<Money>(money);
            if (t.amount.cents < 0) return error(pos, value.size(), trf("amount \"{}\" is negative", value));
        } else {
            auto date = Date::parse(value);
            if (!date) return error(pos, value.size(), trf("\"{}\" is not a date (YYYY-MM-DD)", value));
            t.date = *date;
        }
        t.value = value;
        return t;
    }

    // The id of the person a filter names by display name; an error when several have it.
    std::optional<std::variant<std::string, QueryError>> person_by_name(const std::string& name, std::size_t pos) {
        if (const Person* p = process_.person_named(name)) return p->id;
        const auto several = process_.people_named(name);
        if (several.empty()) return std::nullopt;
        std::string ids;
        for (const Person* p : several) ids += (ids.empty() ? "" : ", ") + p->id;
        return error(pos, name.size(), trf("\"{}\" is the name of several people ({}): write the id of one", name, ids));
    }

    std::variant<QueryTerm, QueryError> resolve(QueryTerm t, std::size_t pos) {
        const std::size_t len = t.value.size();
        switch (t.field) {
            case QueryField::owner:
                if (!t.substring && !process_.people.empty()) {
                    if (process_.person(t.value)) break;
                    if (auto id = person_by_name(t.value, pos)) {
                        if (auto* e = std::get_if<QueryError>(&*id)) return *e;
                        t.value = std::get<std::string>(*id);
                        return t;
                    }
                    std::vector<std::string> ids;
                    for (const Person& person : process_.people) {
                        ids.push_back(person.id);
                        if (!person.name.empty()) ids.push_back(person.name);
                    }
                    auto hint = did_you_mean(t.value, ids);
                    if (hint)
                        return error(pos, len, trf("no person \"{}\" in people of pipeline.yaml; did you mean \"{}\"?",
                                                   t.value, *hint));
                    return error(pos, len, trf("no person \"{}\" in people of pipeline.yaml", t.value));
                }
                break;
            case QueryField::stage:
                if (t.substring) break;
                t.stage = process_.stage_index(t.value);
                if (t.stage < 0) {
                    std::vector<std::string> names;
                    std::string ids;
                    for (const Stage& s : process_.stages) {
                        names.push_back(s.id);
                        names.push_back(s.name);
                        ids += (ids.empty() ? "" : ", ") + s.id;
                    }
                    auto hint = did_you_mean(t.value, names);
                    if (hint) return error(pos, len, trf("unknown stage \"{}\"; did you mean \"{}\"?", t.value, *hint));
                    // TRANSLATORS: {1} lists the stage ids.
                    return error(pos, len, trf("unknown stage \"{}\" (stages: {})", t.value, ids));
                }
                break;
            case QueryField::status: {
                auto s = parse_status(t.value);
                // TRANSLATORS: the words in parentheses are the status ids a filter takes.
                if (!s) return error(pos, len, trf("unknown status \"{}\" (open, won, lost, abandoned)", t.value));
                t.status = *s;
                break;
            }
            case QueryField::category: {
                auto c = parse_category(t.value);
                if (!c)
                    // TRANSLATORS: the words in parentheses are the category ids a filter takes.
                    return error(pos, len, trf("unknown forecast category \"{}\" (pipeline, best_case, commit, closed)", t.value));
                t.category = *c;
                break;
            }
            case QueryField::importance: {
                const std::vector<std::string> grades = process_.importance_grades();
                if (std::find(grades.begin(), grades.end(), t.value) == grades.end()) {
                    // TRANSLATORS: a grade written in a filter, then the grades of importance: in pipeline.yaml.
                    return error(pos, len, trf("unknown importance grade \"{}\" ({})", t.value, join(grades)));
                }
                break;
            }
            case QueryField::customer_grade:
            case QueryField::size: {
                // An id or its Chinese name (战略客户, 大型), kept as the id.
                const char* key = t.field == QueryField::size ? "size" : "grade";
                const FieldSpec* spec = customer_file_spec().find(key);
                const EnumValue* v = find_enum_value(spec->values, t.value);
                if (!v) {
                    std::vector<std::string> ids;
                    for (const EnumValue& e : spec->values) ids.emplace_back(e.id);
                    return error(pos, len,
                                 t.field == QueryField::size
                                     // TRANSLATORS: a size written in a filter, then the sizes (large, medium, small).
                                     ? trf("unknown customer size \"{}\" ({})", t.value, join(ids))
                                     // TRANSLATORS: a grade written in a filter, then the grades (strategic, ...).
                                     : trf("unknown customer grade \"{}\" ({})", t.value, join(ids)));
                }
                t.value = std::string(v->id);
                break;
            }
            case QueryField::grade:
                if (t.value == "a" || t.value == "b" || t.value == "c") t.value[0] = static_cast<char>(t.value[0] - 'a' + 'A');
                if (t.value != "A" && t.value != "B" && t.value != "C")
                    return error(pos, len, trf("unknown lead grade \"{}\" (A, B, C)", t.value));
                break;
            default: break;
        }
        return t;
    }

    const std::string& whole_;
    const Process& process_;
};

}  // namespace

std::vector<std::pair<std::string, bool>> query_field_names(const Process& process) {
    std::vector<std::pair<std::string, bool>> out;
    for (const FieldInfo& f : kFields) out.emplace_back(f.name, f.ordered);
    for (const CustomField& f : process.fields) out.emplace_back(f.key, false);
    return out;
}

const char* query_field_name(QueryField f) {
    for (const FieldInfo& info : kFields)
        if (info.field == f) return info.name;
    return "?";
}

std::optional<std::string> Query::only_owner() const {
    if (terms.size() != 1) return std::nullopt;
    const QueryTerm& t = terms.front();
    if (t.field != QueryField::owner || t.negated || t.substring) return std::nullopt;
    return t.value;
}

std::string describe(const QueryError& e) {
    const std::size_t offset = std::min(e.offset, e.term.size());
    const std::size_t length = std::min(e.length, e.term.size() - offset);
    const int indent = display_width(std::string_view(e.term).substr(0, offset));
    const int marks = std::max(1, display_width(std::string_view(e.term).substr(offset, length)));
    // TRANSLATORS: {0} is the filter term as written, {1} what is wrong with it.
    return fmt::format("{}\n  {}\n  {}{}", trf("filter \"{}\": {}", e.term, e.message), e.term,
                       std::string(static_cast<std::size_t>(indent), ' '), std::string(static_cast<std::size_t>(marks), '^'));
}

std::variant<Query, QueryError> parse_query(const std::vector<std::string>& terms, const Process& process) {
    Query q;
    for (const std::string& text : terms) {
        auto term = TermParser(text, process).parse();
        if (auto* e = std::get_if<QueryError>(&term)) return *e;
        q.terms.push_back(std::move(std::get<QueryTerm>(term)));
    }
    return q;
}

bool matches(const QueryTerm& t, const Project& p, const Process& process) {
    bool hit = false;
    switch (t.field) {
        case QueryField::owner: {
            const Person* person = t.substring ? process.person(p.owner) : nullptr;
            hit = text_matches(t, p.owner) || (person && text_matches(t, person->name));
            break;
        }
        case QueryField::stage:
            if (t.substring) {
                const bool known = p.stage >= 0 && p.stage < static_cast<int>(process.stages.size());
                hit = known ? text_matches(t, process.stages[static_cast<std::size_t>(p.stage)].id) ||
                                  text_matches(t, process.stages[static_cast<std::size_t>(p.stage)].name)
                            : text_matches(t, p.stage_text);
            } else {
                hit = p.stage == t.stage;
            }
            break;
        case QueryField::status: hit = p.status == t.status; break;
        case QueryField::customer: hit = text_matches(t, p.customer.name); break;
        case QueryField::industry: hit = text_matches(t, p.customer.industry); break;
        case QueryField::source: hit = text_matches(t, p.lead.source); break;
        case QueryField::grade: hit = p.lead.grade == t.value; break;
        case QueryField::customer_grade: hit = p.customer.grade == t.value; break;
        case QueryField::size: hit = p.customer.size == t.value; break;
        case QueryField::importance: hit = process.importance_of(p) == t.value; break;
        case QueryField::category: hit = forecast_category(p, process) == t.category; break;
        case QueryField::id: hit = text_matches(t, p.id); break;
        case QueryField::name: hit = text_matches(t, p.name); break;
        case QueryField::amount: hit = compare(converted_amount(p, process), t.comparison, t.amount); break;
        case QueryField::close: {
            const auto date = period_date(p);
            hit = date && compare(*date, t.comparison, t.date);
            break;
        }
        case QueryField::custom: hit = custom_matches(t, p, process); break;
    }
    return hit != t.negated;
}

bool matches(const Query& query, const Project& p, const Process& process) {
    return std::all_of(query.terms.begin(), query.terms.end(),
                       [&](const QueryTerm& t) { return matches(t, p, process); });
}

std::vector<Project> filter_projects(const std::vector<Project>& projects, const Query& query, const Process& process) {
    std::vector<Project> out;
    for (const Project& p : projects)
        if (matches(query, p, process)) out.push_back(p);
    return out;
}

}  // namespace pipeline
