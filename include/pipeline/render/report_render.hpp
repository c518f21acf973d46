// Reports as tables (text, Markdown, CSV) and as JSON. Columns and schemas: pipeline(1),
// "pipeline report". Headers, titles and captions are in the reader's language (lowercase
// headers in English, as in `forecast`), JSON in English; what the data says (stage names,
// people's names, reasons) is shown as written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/render/forecast_render.hpp"
#include "pipeline/render/table.hpp"

namespace pipeline {

// What a report was asked for, beyond its figures: for captions and the JSON header.
struct ReportContext {
    std::string currency;
    Date today;
    std::optional<Date> as_of;          // --as-of: projects rebuilt from their histories
    DateRange window;
    std::vector<std::string> filter;    // the terms as written
    int width = 0;                      // text tables fit in this many columns (0: no limit)
    MoneyUnit unit = MoneyUnit::yuan;   // how tables, charts and cards show money
};

// One titled table of a report; reports with one table leave the title empty.
struct ReportSection {
    std::string title;
    Table table;
};

// One line saying what the report covers: "Funnel: open projects by stage on 2026-11-23, in CNY".
std::string report_caption(const Report& r, const ReportContext& c);

// The sections people read (text and Markdown) in the given number style.
std::vector<ReportSection> report_sections(const Report& r, const Process& process, NumberStyle style);

// The one table --format csv writes: the most detailed rows of the report, numbers plain.
Table report_data(const Report& r, const Process& process);

// Caption, then each section (its title on a line of its own) — aligned text tables.
std::string render_report_text(const Report& r, const Process& process, const ReportContext& c);
// The same as Markdown: the caption and section titles as headings.
std::string render_report_markdown(const Report& r, const Process& process, const ReportContext& c);
std::string render_report_json(const Report& r, const Process& process, const ReportContext& c);

// Helpers the HTML report shares.
Text owner_label(const Process& process, const std::string& owner);          // the roster name, else the id, "(none)"
std::string stage_label_of(const Process& process, int stage);               // the stage's name, "" if unknown
std::string tenths(std::int64_t v);                                          // 125 → "12.5"

}  // namespace pipeline
