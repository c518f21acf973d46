// Excel workbooks (--format xlsx, report xlsx): sheets of the tables the text formats show,
// written with libxlsxwriter. Numbers are numbers, dates are dates, the header row is frozen
// and filtered, and columns are as wide as their text.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "pipeline/render/table.hpp"

namespace pipeline {

// One sheet: a caption (lines above the table) and the table for machines (plain amounts:
// what CSV writes), its total row last. Right-aligned columns hold numbers: a whole number
// is written as one, a number with two decimals in the money format, one decimal as 0.0;
// a cell YYYY-MM-DD in any column as a date. Everything else is text.
struct Sheet {
    std::string name;                  // at most 31 characters, none of []:*?/\ (shortened and replaced)
    std::vector<std::string> caption;
    Table table;
};

struct Workbook {
    std::vector<Sheet> sheets;
};

// Why a workbook could not be made, in the reader's language.
struct WorkbookError {
    std::string message;
};

// The workbook's bytes. The library writes through a temporary file in `folder` (the one the
// workbook goes to, so that what fits there is all it needs), removed after.
std::variant<std::string, WorkbookError> render_xlsx(const Workbook& book, const std::string& folder);

// A name Excel takes for a sheet: the forbidden characters replaced by "_", 31 characters
// at most, unique in `taken` (a number added), never empty.
std::string sheet_name(std::string_view wanted, const std::vector<std::string>& taken);

}  // namespace pipeline
