#include "support.hpp"

#include <fstream>
#include <random>
#include <sstream>

#include <unistd.h>

#include "pipeline/model/project_load.hpp"
#include "pipeline/model/registry.hpp"

namespace fs = std::filesystem;
using namespace pipeline;

namespace test {

Date date(std::string_view iso) {
    const auto d = Date::parse(iso);
    REQUIRE_MESSAGE(d, std::string(iso));
    return *d;
}

Process default_process(bool people) {
    std::string text(default_process_text());
    if (people) {
        const auto at = text.find("people: []");
        REQUIRE(at != std::string::npos);
        text.replace(at, 10, "people:\n  - {id: li.si, name: 李四, role: manager}\n  - {id: zhang.san, name: 张三, role: sales, manager: li.si}");
    }
    return process_from(text);
}

Process process_from(std::string_view text) {
    Diagnostics out;
    auto p = load_process(text, "pipeline.yaml", out);
    INFO(findings(out));
    REQUIRE(p);
    return *p;
}

std::string findings(const Diagnostics& out) {
    std::string s;
    for (const Diagnostic& d : out.items())
        s += fmt::format("{}:{}: {}{} [{}]\n", d.position.line, d.position.column,
                         d.severity == Severity::warning ? "warning: " : "", d.message, d.rule);
    return s;
}

Project project_from(std::string_view text, const Process& process, const std::string& path) {
    Diagnostics out;
    auto p = load_project(text, path, process, out);
    INFO(text, "\n", findings(out));
    REQUIRE(p);
    return *p;
}

TempDir::TempDir(std::string_view prefix) {
    std::string name = (fs::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    path = name;
}

TempDir::~TempDir() {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec))
        if (e.is_directory(ec)) fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
}

void write_file(const fs::path& file, std::string_view text) {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    REQUIRE_MESSAGE(out.good(), file.string());
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

namespace {

// Sets every field of a record of `spec` at `record`, each to a value of its type that is
// not the default; `n` counts up so that no two fields hold the same value.
void fill(const RecordSpec& spec, void* record, int& n) {
    auto next = [&n] { return ++n; };
    if (spec.position) *spec.position(record) = Position{next(), next()};
    if (spec.present) *spec.present(record) = true;
    for (const FieldSpec& f : spec.fields) {
        if (f.position) *f.position(record) = Position{next(), next()};
        const Slot& s = f.slot;
        const int k = next();
        switch (s.storage) {
            case Storage::none: break;
            case Storage::text:
                slot_value<CompactString>(s, record) =
                    f.values.empty() ? fmt::format("值·{}·long enough to leave the inline buffer", k)
                                     : std::string(f.values[static_cast<std::size_t>(k) % f.values.size()].id);
                break;
            case Storage::optional_date: slot_value<std::optional<Date>>(s, record) = Date::from_days(19000 + k); break;
            case Storage::optional_bool: slot_value<std::optional<bool>>(s, record) = k % 2 == 0; break;
            case Storage::flag: slot_value<bool>(s, record) = true; break;
            case Storage::optional_int: slot_value<std::optional<int>>(s, record) = -k; break;
            case Storage::integer: slot_value<int>(s, record) = k; break;
            case Storage::money: slot_value<Money>(s, record) = Money{100000 + k}; break;
            case Storage::optional_money: slot_value<std::optional<Money>>(s, record) = Money{200000 + k}; break;
            case Storage::status: slot_value<Status>(s, record) = Status::abandoned; break;
            case Storage::stage:
            case Storage::stage_or_outcome:
                slot_value<CompactString>(s, record) = fmt::format("stage-{}", k);
                *static_cast<int*>(s.index(record)) = k % 7;
                if (s.has_outcome()) *static_cast<std::optional<Status>*>(s.outcome(record)) = Status::won;
                break;
            case Storage::record: fill(*f.record, s.at(record), n); break;
            case Storage::list: {
                void* items = s.at(record);
                s.resize(items, 2);
                for (std::size_t i = 0; i < 2; ++i) fill(*f.record, s.item(items, i), n);
                break;
            }
        }
    }
}

void paths(const RecordSpec& spec, const std::string& prefix, std::vector<std::string>& out) {
    for (const FieldSpec& f : spec.fields) {
        if (f.slot.storage == Storage::none) continue;
        const std::string path = prefix + std::string(f.key);
        if (f.slot.storage == Storage::record) paths(*f.record, path + ".", out);
        else if (f.slot.storage == Storage::list) paths(*f.record, path + "[].", out);
        else out.push_back(path);
    }
}

// Changes the field at `path` under `record` of `spec` to another value of its type.
void change(const RecordSpec& spec, void* record, std::string_view path) {
    const std::size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    const bool list = key.ends_with("[]");
    if (list) key.remove_suffix(2);
    const FieldSpec* f = spec.find(key);
    REQUIRE_MESSAGE(f, std::string(path));
    const Slot& s = f->slot;
    if (f->slot.storage == Storage::record) return change(*f->record, s.at(record), path.substr(dot + 1));
    if (list) {
        void* items = s.at(record);
        REQUIRE(s.size(items) > 0);
        return change(*f->record, s.item(items, s.size(items) - 1), path.substr(dot + 1));
    }
    switch (s.storage) {
        case Storage::text:
            slot_value<CompactString>(s, record) =
                f->values.empty() ? std::string("changed")
                                  : std::string(f->values[f->values[0].id == slot_value<CompactString>(s, record).view() ? 1 : 0].id);
            break;
        case Storage::optional_date: slot_value<std::optional<Date>>(s, record) = Date::from_days(1); break;
        case Storage::optional_bool: slot_value<std::optional<bool>>(s, record).reset(); break;
        case Storage::flag: slot_value<bool>(s, record) = !slot_value<bool>(s, record); break;
        case Storage::optional_int: slot_value<std::optional<int>>(s, record).reset(); break;
        case Storage::integer: slot_value<int>(s, record) += 1; break;
        case Storage::money: slot_value<Money>(s, record) += Money{1}; break;
        case Storage::optional_money: slot_value<std::optional<Money>>(s, record).reset(); break;
        case Storage::status: slot_value<Status>(s, record) = Status::lost; break;
        case Storage::stage:
        case Storage::stage_or_outcome: slot_value<CompactString>(s, record) = "changed"; break;
        case Storage::none:
        case Storage::record:
        case Storage::list: FAIL("not a scalar field: ", std::string(path));
    }
}

}  // namespace

Project every_field_set(int seed) {
    Project p;
    p.path = fmt::format("projects/东区/A-{}.yaml", seed);
    int n = seed * 1000;
    fill(project_spec(), &p, n);
    return p;
}

std::vector<std::string> registered_paths() {
    std::vector<std::string> out;
    paths(project_spec(), "", out);
    return out;
}

Project with_one_field_changed(const Project& p, const std::string& path) {
    Project copy = p;
    change(project_spec(), &copy, path);
    return copy;
}

}  // namespace test
