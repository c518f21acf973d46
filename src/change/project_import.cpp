#include "pipeline/change/project_import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/change/customer_extract.hpp"
#include "pipeline/change/import_values.hpp"
#include "pipeline/check/customer_check.hpp"
#include "pipeline/check/validate.hpp"
#include "pipeline/model/custom_field.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/yaml/yaml_write.hpp"

namespace pipeline {
namespace {

// One value the row gives, where it goes in the file and the cell it came from.
struct Written {
    std::vector<const FieldSpec*> path;  // records on the way, then the field; empty for a custom field
    std::string custom_key;
    int custom_order = 0;
    Scalar value;
    Position origin;
};

// A planned file: its text, and for each line the cell its value came from (line 0 unused).
struct PlannedText {
    std::string text;
    std::vector<Position> origin;
};

struct Node {
    const FieldSpec* spec = nullptr;
    std::string key;
    std::size_t order = 0;
    std::optional<Scalar> value;
    Position origin;
    std::vector<Node> children;
};

void insert(std::vector<Node>& level, const Written& w, std::size_t depth) {
    const bool custom = w.path.empty();
    const std::string key = custom ? w.custom_key : std::string(w.path[depth]->key);
    // Custom fields follow every built-in one, in the order pipeline.yaml declares them.
    const std::size_t order = custom ? (1u << 30) + static_cast<std::size_t>(w.custom_order) : w.path[depth]->index;
    auto it = std::find_if(level.begin(), level.end(), [&](const Node& n) { return n.key == key; });
    if (it == level.end()) {
        level.push_back(Node{custom ? nullptr : w.path[depth], key, order, std::nullopt, {}, {}});
        it = level.end() - 1;
    }
    if (custom || depth + 1 == w.path.size()) {
        it->value = w.value;
        it->origin = w.origin;
    } else {
        insert(it->children, w, depth + 1);
    }
}

void emit(std::vector<Node>& level, const std::string& indent, PlannedText& out) {
    std::sort(level.begin(), level.end(), [](const Node& a, const Node& b) { return a.order < b.order; });
    for (Node& n : level) {
        if (n.value) {
            out.text += indent + n.key + ": " + yaml_scalar(*n.value, ScalarContext::block) + "\n";
            out.origin.push_back(n.origin);
        } else {
            out.text += indent + n.key + ":\n";
            out.origin.push_back(n.children.empty() ? Position{} : n.children.front().origin);
            emit(n.children, indent + "  ", out);
        }
    }
}

std::string plain_amount(Money m) {
    std::string s = plain_money(m);
    if (s.ends_with(".00")) s.resize(s.size() - 3);
    return s;
}

// A decimal as YAML writes a number: an optional minus, digits, at most one point between digits.
bool looks_numeric(std::string_view s) {
    if (s.starts_with('-')) s.remove_prefix(1);
    const std::size_t point = s.find('.');
    const std::string_view whole = s.substr(0, point), fraction = point == std::string_view::npos ? "" : s.substr(point + 1);
    const auto digits = [](std::string_view d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos; };
    return digits(whole) && (point == std::string_view::npos || digits(fraction));
}

class Planner {
public:
    Planner(const ReadTable& table, const ImportMap& map, const Process& process, const ImportRequest& request,
            const ImportBase& base)
        : table_(table), map_(map), process_(process), request_(request), base_(base) {
        for (const Project& p : *base.projects) take(p.id.str()), base_ids_.insert(p.id.str());
        for (const std::string& f : base.files) take(std::filesystem::path(f).stem().string());
    }

    ImportPlan run() {
        plan_.rows = table_.rows.size();
        if (!check_defaults() || !find_columns()) {
            plan_.fatal = true;
            return std::move(plan_);
        }
        if (auto i = index_.find("id"); i != index_.end())
            for (const TableRow& r : table_.rows)
                if (i->second < r.cells.size()) named_ids_.insert(ascii_lower(trim_blanks(r.cells[i->second].text)));
        std::vector<Row> rows;
        for (const TableRow& r : table_.rows) {
            Row row = plan_row(r);
            if (row.bad) plan_.bad_lines.push_back(r.line);
            else rows.push_back(std::move(row));
        }
        load_rows(rows);
        check_together(rows);
        if (request_.customer_master) {
            // Each round without the rows the last one refused (--skip-bad); a few suffice, as
            // leaving rows out takes findings away rather than making them.
            for (int round = 0; round < 4 && !rows.empty() && !plan_.fatal; ++round)
                if (!extract_customers(rows)) break;
            // Projects are written only with the customer files of the same round: never one
            // naming a customer whose file is not written.
            const bool any_bad = !plan_.bad_lines.empty() || std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.bad; });
            if (!customers_settled_ && (request_.skip_bad || !any_bad))
                for (Row& r : rows)
                    if (!r.bad) row_error(r, {r.line, 1}, say("its customer could not be given a file in customers/ with the other rows'"));
        }
        drop_bad(rows);
        for (Row& r : rows)
            plan_.projects.push_back({r.line, r.id, r.path, std::move(r.planned.text)});
        std::sort(plan_.bad_lines.begin(), plan_.bad_lines.end());
        plan_.problems.sort();
        return std::move(plan_);
    }

private:
    struct Row {
        int line = 0;
        std::string id, path;
        PlannedText planned;
        std::string embedded;          // the text with the customer written in it, before the master took it
        std::optional<Project> project;
        std::string currency;          // of its amounts: the currency column's, the amount's mark, or the base
        bool bad = false;
    };

    const std::string& source() const { return request_.source; }

    void row_error(Row& row, Position at, const Text& message) {
        plan_.problems.error(source(), at.line ? at : Position{row.line, 1}, "import", message);
        row.bad = true;
    }

    // Every default of the map is a value of its field: said at the map's line, once, not at each row.
    bool check_defaults() {
        bool ok = true;
        for (std::size_t d = 0; d < map_.defaults.size(); ++d) {
            const auto& [field, text] = map_.defaults[d];
            const Position at = d < map_.default_at.size() ? map_.default_at[d] : Position{1, 1};
            auto refuse = [&](const Text& message) {
                plan_.problems.error(request_.map_source, at, "import-map", message);
                ok = false;
            };
            if (field == "stage") {
                if (!map_.stages.count(text) && process_.stage_index(text) < 0)
                    refuse(say("stage \"{}\" is neither in the map's stages: nor a stage of pipeline.yaml", text));
                continue;
            }
            if (field == "status") {
                if (!parse_status(text)) refuse(say("unknown status \"{}\" (open, won, lost, abandoned)", text));
                continue;
            }
            if (field == "currency") {
                std::string code = text;
                for (char& ch : code) ch = ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
                if (code != process_.currency && !process_.rates.count(code))
                    // TRANSLATORS: {0} a currency code; "currencies:" is a key of pipeline.yaml.
                    refuse(say("currency \"{}\" is neither the base currency nor one of currencies: in pipeline.yaml", text));
                continue;
            }
            const auto ref = find_field(field, process_);
            if (!ref) continue;
            const FieldType type = ref->is_custom() ? process_.fields[static_cast<std::size_t>(ref->custom)].type : ref->path.back()->type;
            if (type == FieldType::person) {
                // TRANSLATORS: {0} a field (owner), {1} the name the map gives.
                if (!process_.person(person_id(text))) refuse(say("{} \"{}\" is not on the roster of pipeline.yaml", field, text));
                continue;
            }
            auto scalar = scalar_of(type, text, process_.currency);
            if (auto* why = std::get_if<Text>(&scalar)) refuse(say("{} \"{}\" {}", field, text, *why));
        }
        return ok;
    }

    // Every column the map names is in the header.
    bool find_columns() {
        bool ok = true;
        const int header_line = table_.header.empty() ? 1 : table_.header.front().position.line;
        std::vector<std::string> headers;
        for (const TableCell& c : table_.header) headers.push_back(std::string(trim_blanks(c.text)));
        for (const ColumnMapping& m : map_.columns) {
            auto at = headers.end();
            for (const std::string& wanted : m.headers) {
                at = std::find(headers.begin(), headers.end(), wanted);
                if (at == headers.end()) at = std::find_if(headers.begin(), headers.end(), [&](const std::string& h) { return equal_ignoring_case(h, wanted); });
                if (at != headers.end()) break;
            }
            if (at == headers.end()) {
                const std::string& wanted = m.headers.front();
                const auto near = did_you_mean(wanted, headers);
                std::vector<std::string> quoted;
                for (const std::string& h : m.headers) quoted.push_back(fmt::format("\"{}\"", h));
                const std::string named = join(quoted);
                // TRANSLATORS: {0} one quoted column header or several ("Amount", "金额"), {1} a field key.
                Text message = say("the export has no column {} (the map gives it for {})", named, m.field);
                // TRANSLATORS: {0} quoted column headers, {1} a field key, {2} the nearest header of the export.
                if (near) message = say("the export has no column {} (the map gives it for {}); did you mean \"{}\"?", named, m.field, *near);
                plan_.problems.error(source(), {header_line, 1}, "import", message);
                ok = false;
                continue;
            }
            const auto column = static_cast<std::size_t>(at - headers.begin());
            auto twin = headers.end();
            for (auto h = headers.begin(); h != headers.end() && twin == headers.end(); ++h)
                if (h != at && equal_ignoring_case(*h, *at)) twin = h;
            if (twin != headers.end()) {
                const auto other = static_cast<std::size_t>(twin - headers.begin());
                const std::size_t first = std::min(column, other), second = std::max(column, other);
                // TRANSLATORS: {0} a column header, {1} and {2} column numbers, {3} a field key.
                plan_.problems.error(source(), table_.header[second].position, "import",
                                     say("the export has two columns \"{}\" (columns {} and {}): which one holds {} is unclear; "
                                         "rename one", *at, first + 1, second + 1, m.field));
                ok = false;
                continue;
            }
            index_[m.field] = column;
            if (m.ref) {
                const FieldType type = m.ref->is_custom() ? process_.fields[static_cast<std::size_t>(m.ref->custom)].type
                                                          : m.ref->path.back()->type;
                if (type == FieldType::money) money_fields_.insert(m.field);
            }
        }
        return ok;
    }

    // What a close records (close_reason, closed_on) a row that stays open does not take from the defaults.
    bool default_applies(std::string_view field) const {
        return row_closed_ || (field != "close_reason" && field != "closed_on");
    }

    // The row's text for `field`: its cell through the map's values, else the map's default.
    std::optional<std::pair<std::string, Position>> value(const TableRow& r, std::string_view field) const {
        std::string text;
        Position at{r.line, 1};
        if (auto i = index_.find(field); i != index_.end() && i->second < r.cells.size()) {
            text = std::string(trim_blanks(r.cells[i->second].text));
            at = r.cells[i->second].position;
            // An amount in a workbook's currency format reads as it shows, marked (-US$5 for a negative).
            if (const std::string& mark = r.cells[i->second].currency_mark; !mark.empty() && money_fields_.count(field))
                text = text.starts_with('-') ? "-" + mark + text.substr(1) : mark + text;
        }
        if (auto words = map_.values.find(field); words != map_.values.end() && !text.empty())
            if (auto w = words->second.find(text); w != words->second.end()) text = w->second;
        if (text.empty() && default_applies(field))
            for (std::size_t d = 0; d < map_.defaults.size(); ++d)
                if (map_.defaults[d].first == field) return std::make_pair(map_.defaults[d].second, Position{r.line, 1});
        if (text.empty()) return std::nullopt;
        return std::make_pair(text, at);
    }

    std::string person_id(const std::string& text) const {
        if (auto p = map_.people.find(text); p != map_.people.end()) return p->second;
        if (process_.person(text)) return text;
        if (const Person* p = process_.person_named(text)) return p->id;
        return text;
    }

    // An id for a row without one: none the repository has or another row of the export names.
    std::string made_id() {
        for (;;) {
            const std::string id = fmt::format("{}{:04}", map_.id_prefix, ++made_);
            if (!taken_lower_.count(ascii_lower(id)) && !named_ids_.count(ascii_lower(id))) return id;
        }
    }

    // The scalar a field of `type` is written as, or why the cell is not one.
    std::variant<Scalar, Text> scalar_of(FieldType type, const std::string& text, const std::string& currency) const {
        switch (type) {
            case FieldType::money: {
                auto m = export_amount(text, map_.amount_unit);
                if (auto* why = std::get_if<Text>(&m)) return *why;
                const ExportAmount& a = std::get<ExportAmount>(m);
                // A mark of another currency than the project's: the amount would be read as the wrong money.
                if (!a.currency.empty() && a.currency != currency)
                    // TRANSLATORS: {0} the currency of the cell, {1} the project's (USD, CNY).
                    return say("is in {}, but the project's amounts are in {}", a.currency, currency);
                return Scalar::plain(plain_amount(a.money));
            }
            case FieldType::date: {
                auto d = export_date(text, map_.dates);
                if (auto* why = std::get_if<Text>(&d)) return *why;
                return Scalar::plain(std::get<Date>(d).iso());
            }
            case FieldType::boolean: {
                auto b = export_boolean(text);
                if (auto* why = std::get_if<Text>(&b)) return *why;
                return Scalar::plain(std::get<bool>(b) ? "true" : "false");
            }
            case FieldType::integer:
            case FieldType::number:
            case FieldType::percent: {
                const auto n = export_number(text);
                if (!n)
                    return say("has separators that do not group its digits by three: a decimal comma (950,00 for 950.00) is not "
                               "read; write a point before the decimals");
                if (!looks_numeric(*n)) return say("is not a number");
                return Scalar::plain(*n);
            }
            case FieldType::person: return Scalar::string(person_id(text));
            default: return Scalar::string(text);
        }
    }

    std::optional<StageTarget> stage_of(Row& row, const TableRow& r) {
        StageTarget target{0, std::nullopt};
        if (auto v = value(r, "stage")) {
            if (auto s = map_.stages.find(v->first); s != map_.stages.end()) {
                target = s->second;
            } else if (int i = process_.stage_index(v->first); i >= 0) {
                target.stage = i;
            } else {
                std::vector<std::string> known;
                for (const auto& s : map_.stages) known.push_back(s.first);
                for (const Stage& s : process_.stages) known.insert(known.end(), {s.id, s.name});
                const auto near = did_you_mean(v->first, known);
                row_error(row, v->second,
                          near ? say("stage \"{}\" is neither in the map's stages: nor a stage of pipeline.yaml; did you mean \"{}\"?",
                                     v->first, *near)
                               : say("stage \"{}\" is neither in the map's stages: nor a stage of pipeline.yaml", v->first));
                return std::nullopt;
            }
        }
        if (auto v = value(r, "status")) {
            auto s = parse_status(v->first);
            if (!s) {
                row_error(row, v->second, say("unknown status \"{}\" (open, won, lost, abandoned)", v->first));
                return std::nullopt;
            }
            if (target.outcome && *target.outcome != *s) {
                row_error(row, v->second, say("status \"{}\" disagrees with the stage, which closes the project as {}", v->first,
                                              status_word(*target.outcome)));
                return std::nullopt;
            }
            if (*s != Status::open && *s != Status::won && process_.after_win(target.stage)) {
                // TRANSLATORS: {0} a stage, {1} a status word (lost).
                row_error(row, v->second, say("{} comes after the win: a project there is won, not {}", process_.stage_label(target.stage),
                                              status_word(*s)));
                return std::nullopt;
            }
            if (*s != Status::open) target.outcome = s;
        }
        // A stage after the win is worked by a won project.
        if (!target.outcome && process_.after_win(target.stage)) target.outcome = Status::won;
        if (target.outcome == Status::won && target.stage < process_.won_stage()) {
            row_error(row, index_.count("stage") ? cell_position(r, "stage") : cell_position(r, "status"), say("a won project stands at {} or after it, not at {}", process_.stage_label(process_.won_stage()),
                                            process_.stage_label(target.stage)));
            return std::nullopt;
        }
        return target;
    }

    Row plan_row(const TableRow& r) {
        Row row;
        row.line = r.line;
        for (const auto& [field, column] : index_)
            if (column < r.cells.size() && r.cells[column].unreadable) row_error(row, r.cells[column].position, *r.cells[column].unreadable);
        if (row.bad) return row;
        // A cell past the header's columns: a delimiter in a field without quotes has shifted the row.
        for (std::size_t i = table_.header.size(); i < r.cells.size(); ++i)
            if (!r.cells[i].text.empty()) {
                // TRANSLATORS: {0} the number of cells in the row, {1} the header's columns.
                if (table_.encoding == "xlsx")
                    row_error(row, r.cells[i].position, say("this cell is under no column of the header, which has {} columns",
                                                            table_.header.size()));
                else
                    row_error(row, r.cells[i].position, say("this cell is under no column of the header, which has {} columns "
                                                            "(a delimiter in a field without quotes?)", table_.header.size()));
                return row;
            }
        // The id: the cell's, or one made.
        if (auto v = value(r, "id")) {
            row.id = v->first;
            if (!valid_project_id(row.id)) {
                row_error(row, v->second, say("\"{}\" is not a project id: it must match [A-Za-z0-9][A-Za-z0-9._-]* "
                                              "(no separators, no \"..\")", row.id));
                return row;
            }
            if (reserved_file_name(row.id)) {
                row_error(row, v->second, say("\"{}\" is a name Windows keeps for a device (CON, NUL, COM1 ...): its file "
                                              "could not be checked out there", row.id));
                return row;
            }
            // Ids that differ only in case would share a file where names do not (Windows, macOS).
            if (auto seen = ids_in_file_.find(ascii_lower(row.id)); seen != ids_in_file_.end()) {
                if (seen->second.first == row.id) row_error(row, v->second, say("id {} is on line {} already", row.id, seen->second.second));
                else row_error(row, v->second, say("id {} is on line {} already as {}; ids that differ only in case would share a file "
                                                   "on Windows and macOS", row.id, seen->second.second, seen->second.first));
                return row;
            }
            if (taken_.count(row.id)) {
                row_error(row, v->second, say("project {} exists already; an import adds new projects only", row.id));
                return row;
            }
            if (auto other = taken_lower_.find(ascii_lower(row.id)); other != taken_lower_.end()) {
                row_error(row, v->second, say("project {} exists already as {}; ids that differ only in case would share a file "
                                              "on Windows and macOS", row.id, other->second));
                return row;
            }
        } else {
            row.id = made_id();
        }
        ids_in_file_.emplace(ascii_lower(row.id), std::make_pair(row.id, r.line));
        take(row.id);
        row.path = request_.folder + row.id + ".yaml";

        const auto target = stage_of(row, r);
        if (!target) return row;
        std::vector<Written> written;
        const RecordSpec& top = project_spec();
        auto put = [&](std::string_view key, Scalar value, Position origin) {
            written.push_back({{top.find(key)}, "", 0, std::move(value), origin});
        };
        put("id", Scalar::string(row.id), index_.count("id") ? *value_position(r, "id") : Position{r.line, 1});
        put("stage", Scalar::string(process_.stages[static_cast<std::size_t>(target->stage)].id),
            index_.count("stage") ? *value_position(r, "stage") : Position{r.line, 1});
        std::optional<Date> closed_on, expected_close;
        const bool closed = target->outcome.has_value();
        row_closed_ = closed;
        row.currency = process_.currency;
        if (auto c = value(r, "currency")) {
            row.currency = c->first;
            if (row.currency.size() == 3)  // codes in any case, as in amounts (usd 500)
                for (char& ch : row.currency) ch = ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
        } else if (auto a = value(r, "amount")) {
            // An amount marked in another currency (US$50,000) makes the project's currency that one.
            auto m = export_amount(a->first, map_.amount_unit);
            if (auto* amount = std::get_if<ExportAmount>(&m); amount && !amount->currency.empty() && amount->currency != row.currency) {
                row.currency = amount->currency;
                put("currency", Scalar::string(row.currency), a->second);
            }
        }
        for (const ColumnMapping& m : map_.columns) written_field(row, r, m.field, m.ref, written, closed_on, expected_close);
        for (const auto& d : map_.defaults)
            if (!map_.column_for(d.first) && default_applies(d.first))
                written_field(row, r, d.first, find_field(d.first, process_), written, closed_on, expected_close);
        if (row.bad) return row;

        std::vector<YamlItem> history;
        const std::string note = fmt::format("导入自 {} 第 {} 行", request_.source_name, r.line);
        auto entry = [&](Date date, std::string to, bool with_note) {
            YamlItem e{{"date", Scalar::plain(date.iso())}, {"to", Scalar::string(std::move(to))}};
            if (!request_.by.empty()) e.push_back({"by", Scalar::string(request_.by)});
            if (with_note) e.push_back({"note", Scalar::string(note)});
            e.push_back({"imported", Scalar::plain(request_.date.iso())});
            history.push_back(std::move(e));
        };
        if (target->outcome) {
            const Date closed = closed_on ? *closed_on : expected_close ? *expected_close : request_.date;
            if (closed > request_.date) {
                const char* field = closed_on ? "closed_on" : "expected_close";
                // TRANSLATORS: {0} won, lost or abandoned; {1} a field (closed_on, expected_close); {2}, {3} dates.
                row_error(row, *value_position(r, field), say("a {} project closes on a day past, but {} is {}, after the import's day {}",
                                                              status_id(*target->outcome), field, closed.iso(), request_.date.iso()));
                return row;
            }
            const int from = *target->outcome == Status::won ? process_.won_stage() : target->stage;
            put("status", Scalar::plain(status_id(*target->outcome)), {r.line, 1});
            if (!closed_on) put("closed_on", Scalar::plain(closed.iso()), {r.line, 1});
            entry(closed, process_.stages[static_cast<std::size_t>(from)].id, true);
            entry(closed, status_id(*target->outcome), false);
            if (target->stage != from) entry(std::max(closed, request_.date), process_.stages[static_cast<std::size_t>(target->stage)].id, false);
        } else {
            if (closed_on) row_error(row, *value_position(r, "closed_on"), say("an open project has no closed_on"));
            entry(request_.date, process_.stages[static_cast<std::size_t>(target->stage)].id, true);
        }
        if (row.bad) return row;
        std::vector<Node> tree;
        for (const Written& w : written) insert(tree, w, 0);
        PlannedText& out = row.planned;
        out.origin.push_back({});
        auto line = [&](const std::string& s, Position origin) {
            out.text += s + "\n";
            out.origin.push_back(origin);
        };
        if (!request_.schema.empty()) line("# yaml-language-server: $schema=" + request_.schema, {});
        // A file name or map name may hold a line break: the comment stays one line.
        line(fmt::format("# 导入自 {} 第 {} 行{}", one_line(request_.source_name), r.line, map_.name.empty() ? "" : "（" + one_line(map_.name) + "）"),
             {r.line, 1});
        emit(tree, "", out);
        line("history:", {r.line, 1});
        for (const YamlItem& e : history) line("  - " + yaml_flow_mapping(e), {r.line, 1});
        return row;
    }

    // Where the row's cell for `field` is, empty or not; the row's start when it has none.
    Position cell_position(const TableRow& r, std::string_view field) const {
        const auto i = index_.find(field);
        if (i != index_.end() && i->second < r.cells.size()) return r.cells[i->second].position;
        // A workbook's cell that is not there still has its column; a CSV row's missing field has none.
        if (i != index_.end() && table_.encoding == "xlsx") return {r.line, static_cast<int>(i->second) + 1};
        return {r.line, 1};
    }

    std::optional<Position> value_position(const TableRow& r, std::string_view field) const {
        if (auto v = value(r, field)) return v->second;
        return Position{r.line, 1};
    }

    void written_field(Row& row, const TableRow& r, const std::string& field, const std::optional<FieldRef>& ref,
                       std::vector<Written>& written, std::optional<Date>& closed_on, std::optional<Date>& expected_close) {
        if (!ref) return;  // id, stage, status: written above
        auto v = value(r, field);
        if (!v) {
            // A field every project needs, its cell empty: said at the cell (check would say it at the row).
            // Top-level fields, and the customer's (a record every project has): customer.name unless
            // the row gives customer.id.
            const bool top = !ref->is_custom() && ref->path.size() == 1;
            const bool of_customer = !ref->is_custom() && ref->path.size() == 2 && ref->path.front()->key == "customer";
            const FieldSpec* f = top || of_customer ? ref->path.back() : nullptr;
            const bool instead = f && of_customer && !f->unless.empty() && value(r, "customer." + std::string(f->unless));
            if (f && !instead && !f->missing_message.empty() &&
                (f->required == Requirement::always || (f->required == Requirement::while_open && !row_closed_)))
                row_error(row, cell_position(r, field), registry_text(f->missing_message));
            return;
        }
        FieldType type;
        Written w;
        if (ref->is_custom()) {
            const CustomField& f = process_.fields[static_cast<std::size_t>(ref->custom)];
            if (f.list) {
                row_error(row, v->second, say("{} is a list; a column fills one value", field));
                return;
            }
            type = f.type;
            w.custom_key = f.key;
            w.custom_order = ref->custom;
        } else {
            type = ref->path.back()->type;
            w.path = ref->path;
        }
        auto scalar = scalar_of(type, v->first, row.currency);
        if (auto* why = std::get_if<Text>(&scalar)) {
            // TRANSLATORS: {0} a field, {1} the cell's text, {2} why it is not a value of the field ("is not a date").
            row_error(row, v->second, say("{} \"{}\" {}", field, v->first, *why));
            return;
        }
        w.value = std::get<Scalar>(scalar);
        if (field == "currency") w.value = Scalar::string(row.currency);  // the code as read, in capitals
        w.origin = v->second;
        if (field == "closed_on") closed_on = Date::parse(w.value.text);
        if (field == "expected_close") expected_close = Date::parse(w.value.text);
        written.push_back(std::move(w));
    }

    // A finding in a planned file, at the cell of the export its line came from.
    void report(Row& row, const Diagnostic& d) {
        Diagnostic at = d;
        at.path = source();
        const auto line = static_cast<std::size_t>(d.position.line);
        at.position = line < row.planned.origin.size() && row.planned.origin[line].line ? row.planned.origin[line]
                                                                                       : Position{row.line, 1};
        at.message = row.id + ": " + d.message;
        if (!d.message_local.empty()) at.message_local = row.id + ": " + d.message_local;
        plan_.problems.add(std::move(at));
        if (d.severity == Severity::error) row.bad = true;
    }

    // Leaves out the bad rows, and with them the rows whose lead.from_project names a project
    // neither the repository nor the good rows have: their files would fail check.
    void drop_bad(std::vector<Row>& rows) {
        std::set<std::string, std::less<>> present = base_ids_;
        std::multimap<std::string, Row*, std::less<>> naming;
        for (Row& r : rows) {
            if (r.bad) continue;
            present.insert(r.id);
            if (r.project && !r.project->lead.from_project.empty()) naming.emplace(r.project->lead.from_project.str(), &r);
        }
        std::vector<Row*> gone;
        auto leave_out = [&](Row& r, const std::string& named) {
            if (r.bad) return;
            const auto line = static_cast<std::size_t>(r.project->lead.from_project_at.line);
            const Position at = line < r.planned.origin.size() && r.planned.origin[line].line ? r.planned.origin[line] : Position{r.line, 1};
            // TRANSLATORS: {0} a project id.
            row_error(r, at, say("lead.from_project names project {}, which neither the repository nor the good rows of the import have",
                                 named));
            present.erase(r.id);
            gone.push_back(&r);
        };
        for (auto& [named, r] : naming)
            if (!present.count(named)) leave_out(*r, named);
        while (!gone.empty()) {
            const std::string id = gone.back()->id;
            gone.pop_back();
            for (auto [it, end] = naming.equal_range(id); it != end; ++it) leave_out(*it->second, id);
        }
        for (const Row& r : rows)
            if (r.bad) plan_.bad_lines.push_back(r.line);
        rows.erase(std::remove_if(rows.begin(), rows.end(), [](const Row& r) { return r.bad; }), rows.end());
    }

    // Loads every planned file.
    void load_rows(std::vector<Row>& rows) {
        for (Row& row : rows) {
            Diagnostics loading;
            if (auto why = refused_text(row.planned.text, process_.rules.max_file_size)) {
                row_error(row, {row.line, 1}, say("the project file would be refused when read: {}", *why));
                continue;
            }
            row.project = load_project(row.planned.text, row.path, process_, loading);
            for (const Diagnostic& d : loading.items()) report(row, d);
            if (!row.project) row.bad = true;
        }
        drop_bad(rows);
    }

    // Checks the planned projects with the repository's, and drops the rows with errors.
    void check_together(std::vector<Row>& rows) {
        std::vector<Project> all = *base_.projects;
        std::map<std::string, Row*, std::less<>> by_path;
        std::vector<std::string> only;
        for (Row& row : rows) {
            all.push_back(*row.project);
            by_path[row.path] = &row;
            only.push_back(row.path);
        }
        std::sort(only.begin(), only.end());
        if (base_.customers) resolve_customers(all, *base_.customers);
        Diagnostics findings;
        CheckOptions options{request_.today};
        options.only_files = &only;
        check_projects(all, process_, options, findings);
        // Without a master the references of leads (lead.from_project, lead.from_customer) are
        // checked here; with one, when the customers are extracted.
        if (!request_.customer_master) {
            static const std::vector<CustomerRecord> none;
            check_customers(base_.customers ? *base_.customers : none, all, process_, request_.today, findings);
        }
        for (const Diagnostic& d : findings.items())
            if (d.severity == Severity::error)
                if (auto it = by_path.find(d.path); it != by_path.end()) report(*it->second, d);
        drop_bad(rows);
    }

    // Moves the rows' customers into the master; false when nothing more is to be done.
    bool extract_customers(std::vector<Row>& rows) {
        std::vector<ProjectText> texts;
        for (Row& r : rows) {
            if (r.embedded.empty()) r.embedded = r.planned.text;
            texts.push_back({r.path, r.embedded});
        }
        ExtractRequest request;
        request.prefix = request_.customer_prefix;
        // Ids made for new customers skip those the repository's projects and the rows name (a
        // row naming an unknown C-0001 must not get the customer made as C-0001).
        for (const Project& p : *base_.projects)
            for (const CompactString* id : {&p.customer.id, &p.lead.from_customer})
                if (!id->empty()) request.ids_in_use.insert(id->str());
        for (const Row& r : rows)
            if (r.project)
                for (const CompactString* id : {&r.project->customer.id, &r.project->lead.from_customer})
                    if (!id->empty()) request.ids_in_use.insert(id->str());
        for (const std::string& f : base_.customer_files) request.ids_in_use.insert(std::filesystem::path(f).stem().string());
        ExtractPlan extracted = plan_customer_extract(texts, *base_.customers, process_, request);
        std::map<std::string, Row*, std::less<>> by_path;
        for (Row& r : rows) by_path[r.path] = &r;
        bool refused = false;
        for (const Diagnostic& d : extracted.problems.items()) {
            if (auto it = by_path.find(d.path); it != by_path.end()) report(*it->second, d);
            else plan_.problems.add(d);  // of the master itself: said as it is
            refused = refused || d.severity == Severity::error;
        }
        for (const std::string& p : extracted.option_problems) {
            plan_.problems.error(source(), {1, 1}, "import", Text(p, p));
            plan_.fatal = true;
            return false;
        }
        if (refused) {
            if (!request_.skip_bad) return false;
            drop_bad(rows);
            return true;  // once more, without them (the loop stops when none was dropped)
        }
        // The rewritten projects and the new customers, checked together with the master.
        std::vector<CustomerRecord> customers = *base_.customers;
        std::vector<ImportedCustomer> made;
        std::map<std::string, std::vector<Row*>> rows_of_customer;
        std::map<std::string_view, Row*> by_id;
        for (Row& r : rows) by_id[r.id] = &r;
        for (const ExtractedCustomer& c : extracted.customers) {
            for (const std::string& id : c.projects)
                if (auto r = by_id.find(id); r != by_id.end()) rows_of_customer[c.path.empty() ? c.id : c.path].push_back(r->second);
            if (c.path.empty()) continue;
            Diagnostics loading;
            if (auto record = load_customer(c.text, c.path, process_, loading)) customers.push_back(std::move(*record));
            made.push_back({c.id, c.name, c.path, c.text});
        }
        for (const ProjectRewrite& w : extracted.projects)
            if (auto it = by_path.find(w.path); it != by_path.end()) {
                Row& row = *it->second;
                // The rewrite changes lines in place: the origins of the lines stay.
                row.planned.text = w.after;
                Diagnostics loading;
                row.project = load_project(row.planned.text, row.path, process_, loading);
                for (const Diagnostic& d : loading.items()) report(row, d);
                if (!row.project) row.bad = true;
            }
        std::vector<Project> all = *base_.projects;
        for (const Row& r : rows)
            if (r.project) all.push_back(*r.project);
        resolve_customers(all, customers);
        Diagnostics findings;
        check_customers(customers, all, process_, request_.today, findings);
        std::vector<std::string> only;
        for (const Row& r : rows) only.push_back(r.path);
        std::sort(only.begin(), only.end());
        CheckOptions options{request_.today};
        options.only_files = &only;
        check_projects(all, process_, options, findings);
        bool more = false;
        std::vector<std::pair<Row*, const Diagnostic*>> warnings;  // a row's customer differing from the master's
        for (const Diagnostic& d : findings.items()) {
            if (d.severity == Severity::warning && d.rule == "customer")
                if (auto it = by_path.find(d.path); it != by_path.end()) warnings.emplace_back(it->second, &d);
            if (d.severity != Severity::error) continue;
            if (auto it = by_path.find(d.path); it != by_path.end()) {
                report(*it->second, d);
                more = true;
            } else if (auto c = rows_of_customer.find(d.path); c != rows_of_customer.end()) {
                for (Row* r : c->second) report(*r, d);
                more = true;
            }
        }
        if (more && request_.skip_bad) {
            drop_bad(rows);
            return true;  // once more, without them
        }
        if (more) return false;
        for (auto [row, d] : warnings) report(*row, *d);
        plan_.customers = std::move(made);
        customers_settled_ = true;
        return false;
    }

    const ReadTable& table_;
    const ImportMap& map_;
    const Process& process_;
    const ImportRequest& request_;
    const ImportBase& base_;
    ImportPlan plan_;
    std::map<std::string, std::size_t, std::less<>> index_;   // field → column
    void take(const std::string& id) {
        taken_.insert(id);
        taken_lower_.emplace(ascii_lower(id), id);
    }

    std::set<std::string, std::less<>> taken_;
    std::map<std::string, std::string, std::less<>> taken_lower_;  // ids taken, in lower case, as taken
    std::set<std::string, std::less<>> base_ids_;  // the repository's projects
    std::set<std::string, std::less<>> named_ids_;  // the ids the export's rows give, in lower case
    std::set<std::string, std::less<>> money_fields_;  // the mapped fields that are amounts
    std::map<std::string, std::pair<std::string, int>, std::less<>> ids_in_file_;  // in lower case: as written, line
    int made_ = 0;
    bool row_closed_ = false;  // the row being planned closes its project
    bool customers_settled_ = false;  // a round of extraction passed: plan_.customers are the rows' customers
};

}  // namespace

ImportPlan plan_import(const ReadTable& table, const ImportMap& map, const Process& process, const ImportRequest& request,
                       const ImportBase& base) {
    return Planner(table, map, process, request, base).run();
}

}  // namespace pipeline
