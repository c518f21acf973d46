// The record cache's encoding of a project, walked along the field registry: a field added
// to the registry is cached without a line here, and the format changes with it.
#include "pipeline/store/record_codec.hpp"

#include "pipeline/model/registry.hpp"
#include "record_bytes.hpp"

namespace pipeline {
namespace {

using cache_bytes::Reader;
using cache_bytes::Writer;

// Bump when the encoding below changes; registry changes are covered by its fingerprint.
constexpr std::uint64_t kEncoding = 5;

void write_record(Writer& w, const RecordSpec& spec, const void* record);

void write_field(Writer& w, const FieldSpec& f, const void* record) {
    void* r = const_cast<void*>(record);  // the accessors are shared with the reader; nothing is changed
    if (f.position) w(*f.position(r));
    const Slot& s = f.slot;
    switch (s.storage) {
        case Storage::none: return;
        case Storage::text: w(slot_value<CompactString>(s, record)); return;
        case Storage::optional_date: w(slot_value<std::optional<Date>>(s, record)); return;
        case Storage::optional_bool: w(slot_value<std::optional<bool>>(s, record)); return;
        case Storage::flag: w(slot_value<bool>(s, record)); return;
        case Storage::optional_int: w(slot_value<std::optional<int>>(s, record)); return;
        case Storage::integer: w(slot_value<int>(s, record)); return;
        case Storage::money: w(slot_value<Money>(s, record)); return;
        case Storage::optional_money: w(slot_value<std::optional<Money>>(s, record)); return;
        case Storage::status: w(slot_value<Status>(s, record)); return;
        case Storage::stage:
            w(slot_value<CompactString>(s, record));
            w(*static_cast<const int*>(s.index(r)));
            return;
        case Storage::stage_or_outcome:
            w(slot_value<CompactString>(s, record));
            w(*static_cast<const int*>(s.index(r)));
            w(*static_cast<const std::optional<Status>*>(s.outcome(r)));
            return;
        case Storage::record: write_record(w, *f.record, s.at(r)); return;
        case Storage::list: {
            const void* items = s.at(r);
            const std::size_t n = s.size(items);
            w.u64(n);
            for (std::size_t i = 0; i < n; ++i) write_record(w, *f.record, s.item(const_cast<void*>(items), i));
            return;
        }
    }
}

void write_record(Writer& w, const RecordSpec& spec, const void* record) {
    void* r = const_cast<void*>(record);
    if (spec.position) w(*spec.position(r));
    if (spec.present) w(*spec.present(r));
    for (const FieldSpec& f : spec.fields) write_field(w, f, record);
}

void read_record(Reader& in, const RecordSpec& spec, void* record);

void read_field(Reader& in, const FieldSpec& f, void* record) {
    if (f.position) in(*f.position(record));
    const Slot& s = f.slot;
    switch (s.storage) {
        case Storage::none: return;
        case Storage::text: in(slot_value<CompactString>(s, record)); return;
        case Storage::optional_date: in(slot_value<std::optional<Date>>(s, record)); return;
        case Storage::optional_bool: in(slot_value<std::optional<bool>>(s, record)); return;
        case Storage::flag: in(slot_value<bool>(s, record)); return;
        case Storage::optional_int: in(slot_value<std::optional<int>>(s, record)); return;
        case Storage::integer: in(slot_value<int>(s, record)); return;
        case Storage::money: in(slot_value<Money>(s, record)); return;
        case Storage::optional_money: in(slot_value<std::optional<Money>>(s, record)); return;
        case Storage::status: in(slot_value<Status>(s, record)); return;
        case Storage::stage:
            in(slot_value<CompactString>(s, record));
            in(*static_cast<int*>(s.index(record)));
            return;
        case Storage::stage_or_outcome:
            in(slot_value<CompactString>(s, record));
            in(*static_cast<int*>(s.index(record)));
            in(*static_cast<std::optional<Status>*>(s.outcome(record)));
            return;
        case Storage::record: read_record(in, *f.record, s.at(record)); return;
        case Storage::list: {
            const std::uint64_t n = in.u64();
            if (!in.ok() || n > in.remaining()) {  // every item takes at least a byte
                in.fail_now();
                return;
            }
            void* items = s.at(record);
            s.resize(items, n);
            for (std::size_t i = 0; i < n; ++i) read_record(in, *f.record, s.item(items, i));
            return;
        }
    }
}

void read_record(Reader& in, const RecordSpec& spec, void* record) {
    if (spec.position) in(*spec.position(record));
    if (spec.present) in(*spec.present(record));
    // A damaged record makes the reader fail and every later read return nothing: ok() is
    // asked once, at the end (decode_project), and where a count sizes a list.
    for (const FieldSpec& f : spec.fields) read_field(in, f, record);
}

void write_custom(Writer& w, const std::vector<CustomValue>& values) {
    w.u64(values.size());
    for (const CustomValue& v : values) {
        w.u64(v.field);
        w(v.text);
        w.i64(v.number);
        w(v.items);
        w(v.position);
        w(v.refused);
    }
}

void read_custom(Reader& in, std::vector<CustomValue>& values) {
    const std::uint64_t n = in.u64();
    if (!in.ok() || n > in.remaining()) {
        in.fail_now();
        return;
    }
    values.resize(n);
    for (CustomValue& v : values) {
        const std::uint64_t field = in.u64();
        if (field > UINT32_MAX) in.fail_now();
        v.field = static_cast<std::uint32_t>(field);
        in(v.text);
        v.number = in.i64();
        in(v.items);
        in(v.position);
        in(v.refused);
    }
}

}  // namespace

std::uint64_t record_format() { return registry_fingerprint() ^ kEncoding; }

void write_project(Writer& w, const Project& p) {
    w(p.path);
    write_record(w, project_spec(), &p);
    write_custom(w, p.custom);
    w(p.writes_names);
    w(p.writes_person_names);
}

void read_project(Reader& in, Project& p) {
    in(p.path);
    read_record(in, project_spec(), &p);
    read_custom(in, p.custom);
    in(p.writes_names);
    in(p.writes_person_names);
}

std::string encode_project(const Project& p) {
    std::string out;
    Writer w(out);
    write_project(w, p);
    return out;
}

std::optional<Project> decode_project(std::string_view bytes) {
    Project p;
    Reader in(bytes);
    read_project(in, p);
    if (!in.ok() || !in.at_end()) return std::nullopt;
    return p;
}

}  // namespace pipeline
