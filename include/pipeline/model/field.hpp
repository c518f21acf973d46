// The vocabulary of the field registry: what a declared field is, and how the generic jobs
// (loading, the record cache, comparing, JSON, the JSON Schema) reach its value in a record
// without knowing the record's C++ type. A record type is a RecordSpec: its fields in file
// order, each a FieldSpec with its key, meaning and a Slot that locates the member.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

// What a field holds, as people, the checks and the JSON Schema see it.
enum class FieldType : unsigned char {
    text,              // a scalar read as text
    value,             // any scalar, kept as written (a number, a date, a word)
    integer,           // a whole number between FieldSpec::min and ::max
    number,            // a decimal number, at most six decimals
    percent,           // a percentage from 0 to 100, at most two decimals
    money,             // an exact amount, not negative (base/money.hpp)
    date,              // YYYY-MM-DD, a real calendar date
    boolean,           // true or false
    enumeration,       // one of FieldSpec::values
    person,            // a roster id of pipeline.yaml (checked by `pipeline check`)
    currency,          // a three-letter code known to pipeline.yaml
    stage,             // a stage id or display name
    stage_or_outcome,  // a stage, or won / lost / abandoned (history entries)
    record,            // a mapping with fields of its own (FieldSpec::record)
    list,              // a list of records (FieldSpec::record)
    ignored,           // any YAML, kept and not read (notes)
};

// "text", "money", ...: for docs and messages.
const char* field_type_name(FieldType t);

// How the value is kept in its record: the C++ type of the member.
enum class Storage : unsigned char {
    none,              // not kept (FieldType::ignored)
    text,              // CompactString, empty when absent
    optional_date,     // std::optional<Date>
    optional_bool,     // std::optional<bool>
    flag,              // bool, false when absent
    optional_int,      // std::optional<int>
    integer,           // int, 0 when absent
    money,             // Money, 0 when absent
    optional_money,    // std::optional<Money>
    status,            // Status
    stage,             // CompactString as written, with the stage index beside it
    stage_or_outcome,  // CompactString as written, stage index and outcome beside it
    record,            // a nested record
    list,              // std::vector of a record
};

// One allowed value of an enumeration: the id files and scripts use, and the Chinese names a
// file may write instead (大型 for large). Loading keeps the id; edits write a name when the
// file writes names.
struct EnumValue {
    std::string_view id;
    std::string_view meaning;          // for docs and hover text (Chinese term, English gloss)
    std::string_view names = {};       // '|' between them; the first is the one edits write

    std::string_view name() const { return names.empty() ? id : names.substr(0, names.find('|')); }
    bool matches(std::string_view text) const { return text == id || is_one_of_names(names, text); }
};

// The value `text` (an id or a name) stands for, or nullptr.
inline const EnumValue* find_enum_value(std::span<const EnumValue> values, std::string_view text) {
    for (const EnumValue& v : values)
        if (v.matches(text)) return &v;
    return nullptr;
}

// When a field must have a value.
enum class Requirement : unsigned char {
    optional,
    always,            // the record is incomplete without it
    while_open,        // a top-level field an open project needs (expected_close)
};

// Where a member is, for any record of its type: its offset in the record (the stage kinds
// keep the stage index and outcome beside the text). Offsets, not functions, because the
// record cache and the loader walk every field of every project.
struct Slot {
    Storage storage = Storage::none;
    std::ptrdiff_t offset = -1, index_offset = -1, outcome_offset = -1;
    // Lists: the vector at `offset`, of items `item_size` bytes apart.
    std::size_t item_size = 0;
    std::size_t (*list_size)(const void* list) = nullptr;
    void* (*list_data)(void* list) = nullptr;
    void (*list_resize)(void* list, std::size_t n) = nullptr;
    void (*list_shrink)(void* list) = nullptr;

    void* at(void* record) const { return static_cast<char*>(record) + offset; }
    void* index(void* record) const { return static_cast<char*>(record) + index_offset; }
    void* outcome(void* record) const { return static_cast<char*>(record) + outcome_offset; }
    bool has_outcome() const { return outcome_offset >= 0; }
    std::size_t size(const void* list) const { return list_size(list); }
    void* item(void* list, std::size_t i) const { return static_cast<char*>(list_data(list)) + i * item_size; }
    void resize(void* list, std::size_t n) const { list_resize(list, n); }
    void shrink(void* list) const { list_shrink(list); }
};

// Where a member of type T is in any record of its type: its offset, or none.
template <class T>
struct MemberAt {
    std::ptrdiff_t offset = -1;
    explicit operator bool() const { return offset >= 0; }
    T* operator()(void* record) const { return reinterpret_cast<T*>(static_cast<char*>(record) + offset); }
};

struct RecordSpec;

struct FieldSpec {
    std::string_view key;              // as in the file
    FieldType type = FieldType::text;
    std::string_view description;      // one line, for pipeline-project(5) and the JSON Schema
    Slot slot;
    std::span<const EnumValue> values = {};   // enumeration
    // enumeration: pipeline.yaml declares further values (the approval kinds of `approvals:`).
    bool process_values = false;
    int min = 0, max = 0;                     // integer bounds
    Requirement required = Requirement::optional;
    std::string_view unless = {};             // required, but not in a record that has this key
    // The three texts for people are message ids (N_() in registry.cpp), English here and
    // translated where a message shows them (registry_text(), field_name() of registry.hpp).
    // They are string literals: tr() is given their .data().
    std::string_view missing_message = {};    // what a required field without a value reports
    std::string_view null_message = {};       // what `key:` with no value reports, when that is an error
    std::string_view label = {};              // how messages name it; empty: "<record noun> <key>"
    const RecordSpec* record = nullptr;       // record and list
    MemberAt<Position> position = {};         // where the position of its value is kept, if anywhere
    // Set once the registry is built: how messages name the field in English ("customer size"),
    // its dotted path from the top of the file ("customer.size"), the noun of the record that
    // holds it ("customer"; empty at the top level) and its place among all the registry's
    // fields. field_name() translates the name from them when it is first asked in a language:
    // the registry may be built before the language is chosen.
    std::string name = {};
    std::string path = {};
    std::string_view noun = {};
    std::size_t index = 0;
};

struct RecordSpec {
    std::string_view noun;             // "contact", "risk": what messages call one record (N_(), a literal)
    std::vector<FieldSpec> fields;     // in the usual file order
    // A record that may be written as one scalar stands for the field of this key.
    std::string_view shorthand = {};
    // Where the record's own position (its first character) is kept, if anywhere.
    MemberAt<Position> position = {};
    // Set when the record is written at all (a review of a closed project).
    MemberAt<bool> present = {};

    const FieldSpec* find(std::string_view key) const;
};

// ---- Building slots from member pointers ----

namespace field_slot {

template <class M> struct member;
template <class C, class T> struct member<T C::*> {
    using owner = C;
    using type = T;
};

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {
    using item = T;
};

template <class T>
constexpr Storage storage_of() {
    if constexpr (std::is_same_v<T, CompactString>) return Storage::text;
    else if constexpr (std::is_same_v<T, std::optional<Date>>) return Storage::optional_date;
    else if constexpr (std::is_same_v<T, std::optional<bool>>) return Storage::optional_bool;
    else if constexpr (std::is_same_v<T, bool>) return Storage::flag;
    else if constexpr (std::is_same_v<T, std::optional<int>>) return Storage::optional_int;
    else if constexpr (std::is_same_v<T, int>) return Storage::integer;
    else if constexpr (std::is_same_v<T, Money>) return Storage::money;
    else if constexpr (std::is_same_v<T, std::optional<Money>>) return Storage::optional_money;
    else if constexpr (std::is_same_v<T, Status>) return Storage::status;
    else if constexpr (is_vector<T>::value) return Storage::list;
    else return Storage::record;
}

// The offset of a member in its record, measured on a default-constructed record.
template <auto Member>
std::ptrdiff_t offset_of() {
    using M = member<decltype(Member)>;
    static const typename M::owner probe{};
    return reinterpret_cast<const char*>(&(probe.*Member)) - reinterpret_cast<const char*>(&probe);
}

template <class Item> std::size_t size(const void* v) { return static_cast<const std::vector<Item>*>(v)->size(); }
template <class Item> void* data(void* v) { return static_cast<std::vector<Item>*>(v)->data(); }
template <class Item> void resize(void* v, std::size_t n) { static_cast<std::vector<Item>*>(v)->resize(n); }
template <class Item> void shrink(void* v) { static_cast<std::vector<Item>*>(v)->shrink_to_fit(); }

}  // namespace field_slot

// Where a member is, as MemberAt: member_at<&Risk::owner_at>(), and a member of a member,
// member_at<&Project::at, &FieldPositions::id>().
template <auto Member>
MemberAt<typename field_slot::member<decltype(Member)>::type> member_at() {
    return {field_slot::offset_of<Member>()};
}

template <auto Outer, auto Inner>
MemberAt<typename field_slot::member<decltype(Inner)>::type> member_at() {
    return {field_slot::offset_of<Outer>() + field_slot::offset_of<Inner>()};
}


// The slot of a member: its storage follows from the member's type.
template <auto Member>
Slot slot() {
    using T = typename field_slot::member<decltype(Member)>::type;
    Slot s;
    s.storage = field_slot::storage_of<T>();
    s.offset = field_slot::offset_of<Member>();
    if constexpr (field_slot::is_vector<T>::value) {
        using Item = typename field_slot::is_vector<T>::item;
        s.item_size = sizeof(Item);
        s.list_size = &field_slot::size<Item>;
        s.list_data = &field_slot::data<Item>;
        s.list_resize = &field_slot::resize<Item>;
        s.list_shrink = &field_slot::shrink<Item>;
    }
    return s;
}

// The slot of a stage written as text, with its resolved index (and outcome) beside it.
template <auto Text, auto Index>
Slot stage_slot() {
    Slot s;
    s.storage = Storage::stage;
    s.offset = field_slot::offset_of<Text>();
    s.index_offset = field_slot::offset_of<Index>();
    return s;
}

template <auto Text, auto Index, auto Outcome>
Slot stage_or_outcome_slot() {
    Slot s = stage_slot<Text, Index>();
    s.storage = Storage::stage_or_outcome;
    s.outcome_offset = field_slot::offset_of<Outcome>();
    return s;
}

// ---- Typed access through a slot (const is cast away only to share the accessors) ----

template <class T>
T& slot_value(const Slot& s, void* record) {
    return *static_cast<T*>(s.at(record));
}

template <class T>
const T& slot_value(const Slot& s, const void* record) {
    return *static_cast<const T*>(s.at(const_cast<void*>(record)));
}

}  // namespace pipeline
