// The map of an import (pipeline import --map MAP.yaml): which column of a CRM export or a
// spreadsheet holds which field of the project record, what the export's stage names and
// people are in this process, how its dates and amounts are written. Loaded from YAML and
// checked against the process and the field registry; bad entries are findings with positions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline {

// A field of the record a column fills. `id`, `stage` and `status` are not registry fields of
// one value: the import writes them itself.
struct ColumnMapping {
    std::string field;                 // dotted, as in the map
    std::optional<FieldRef> ref;       // the registry's field; nullopt for id, stage, status
    std::vector<std::string> headers;  // the export's header, or its alternatives: the first the export has
    Position at;                       // of the column's name in the map
};

// Where an export's stage puts a project: a stage, or closed with an outcome from a stage.
struct StageTarget {
    int stage = -1;                    // index into Process::stages; for an outcome, the stage closed from
    std::optional<Status> outcome;     // won, lost, abandoned
};

// How a date such as 03/04/2026 reads (ISO dates and 2026年3月4日 read alike in all three).
enum class DateOrder : unsigned char { year_first, month_first, day_first };

struct ImportMap {
    std::string name;                                   // what the map is for ("Salesforce opportunities")
    std::vector<ColumnMapping> columns;                 // in the map's order
    std::map<std::string, StageTarget, std::less<>> stages;  // the export's stage → where it puts a project
    std::map<std::string, std::string, std::less<>> people;  // the export's name → roster id
    // Per field: the export's word → the value written ("Web" → 网络平台).
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> values;
    std::vector<std::pair<std::string, std::string>> defaults;  // field → value, for a row that leaves it empty
    std::vector<Position> default_at;
    DateOrder dates = DateOrder::year_first;
    std::int64_t amount_unit = 1;                       // an export's amounts are in units of this many (10000: 万元)
    std::string id_prefix = "IMP-";                     // ids made for rows without one: IMP-0001, ...
    std::string sheet;                                  // .xlsx: the sheet to read; empty: the first
    TextEncoding encoding = TextEncoding::automatic;    // CSV

    // The mapping of `field`, or nullptr.
    const ColumnMapping* column_for(std::string_view field) const;
};

// Loads a map. Findings: unknown keys, a field the registry does not have (with the nearest),
// a stage or person pipeline.yaml does not have, a column named twice, bad dates, unit or prefix.
std::optional<ImportMap> load_import_map(std::string_view text, const std::string& path, const Process& process,
                                         Diagnostics& out);

}  // namespace pipeline
