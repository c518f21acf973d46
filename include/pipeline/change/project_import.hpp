// pipeline import: the rows of an export (store/table_read.hpp) through a map
// (model/import_map.hpp) into new project files — and new customer files when the repository
// keeps a customer master — planned as text without touching a file. Every row is loaded back
// and checked with the repository as `pipeline check` would; a finding in a planned file is
// reported at the row and cell of the export it came from.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/import_map.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/store/table_read.hpp"

namespace pipeline {

struct ImportRequest {
    std::string source;             // the export as messages name it (its path as given)
    std::string source_name;        // its file name, for each project's history note
    std::string map_source;         // the map as messages name it (its defaults' findings are there)
    std::string folder = "projects/";  // where the new files go, from the repository root, ending in '/'
    Date date;                      // the import's day: `imported` of every entry, the date of open projects' entry
    Date today;                     // for the checks
    std::string by;                 // who records the import; empty: no `by`
    std::string schema;             // the JSON Schema reference for editors (relative to a file in `folder`), or empty
    bool customer_master = false;   // customers/ exists: new customers get files, projects name them by id
    std::string customer_prefix = "C-";  // of the ids made for new customers
    bool skip_bad = false;          // plan the good rows when some are bad
};

// The repository as it is: what an import adds to and must not collide with.
struct ImportBase {
    const std::vector<Project>* projects = nullptr;
    const std::vector<CustomerRecord>* customers = nullptr;
    std::set<std::string, std::less<>> files;   // every project file path, loaded or not
    std::set<std::string, std::less<>> customer_files;  // every customer file path, loaded or not
};

struct ImportedProject {
    int line = 0;                   // the row's line in the export
    std::string id, path, text;
};

struct ImportedCustomer {
    std::string id, name, path, text;
};

struct ImportPlan {
    std::size_t rows = 0;                       // rows read (not blank)
    std::vector<ImportedProject> projects;      // the rows to write, in export order
    std::vector<ImportedCustomer> customers;    // new customer files
    std::vector<int> bad_lines;                 // rows left out or refused, in export order
    Diagnostics problems;                       // on the export (and on the map): errors make rows bad
    bool fatal = false;                         // the export as a whole does not fit the map: no row counts
    // Whether the plan may be written: no fatal problem, and every row good or --skip-bad.
    bool writable(bool skip_bad) const { return !fatal && !projects.empty() && (skip_bad || bad_lines.empty()); }
};

ImportPlan plan_import(const ReadTable& table, const ImportMap& map, const Process& process, const ImportRequest& request,
                       const ImportBase& base);

}  // namespace pipeline
