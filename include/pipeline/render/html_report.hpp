// `pipeline report html`: every report and four charts in one self-contained HTML page —
// inline CSS and inline SVG drawn here, no scripts, no external assets — that reads well in
// a browser and prints on A4. All text from the repository is escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/history.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/render/report_render.hpp"

namespace pipeline {

struct HtmlReport {
    std::string title;                 // the page's heading, e.g. the repository folder's name
    ReportContext context;
    std::vector<Report> reports;       // one of each kind, in report_kinds() order
    Forecast by_month;                 // forecast --by month over the window, for its chart
    std::vector<TrendPoint> trend;     // the open pipeline every week of the window from git; empty without history
    std::string window_rule;           // what the window is and what it holds, said under the heading
    std::vector<TargetInWindow> targets;  // the targets overlapping the window (targets_in_window)
};

std::string render_html_report(const HtmlReport& report, const Process& process);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace pipeline
