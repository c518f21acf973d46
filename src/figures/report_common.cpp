#include "report_common.hpp"

#include <algorithm>

#include "pipeline/base/collate.hpp"

namespace pipeline {

DayStats day_stats(std::vector<int> days) {
    DayStats s;
    s.count = days.size();
    if (days.empty()) return s;
    std::sort(days.begin(), days.end());
    const std::size_t mid = days.size() / 2;
    // Tenths of a day: an even count's median is the exact mean of the two middle values.
    s.median = days.size() % 2 ? std::int64_t{days[mid]} * 10 : (std::int64_t{days[mid - 1]} + days[mid]) * 5;
    std::int64_t sum = 0;
    for (int d : days) sum += d;
    // sum ÷ count in tenths = sum × 100 ÷ (count × 10), rounded half away from zero.
    s.mean = ratio_hundredths(sum, static_cast<std::int64_t>(days.size()) * 10);
    return s;
}

ProjectRef project_ref(const Project& p) { return {p.id, p.name, p.owner, p.stage, p.status}; }

namespace report_detail {

bool owner_before(const Process& process, const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return a.empty() && !b.empty();
    if (const int c = collate(process.display_name(a), process.display_name(b))) return c < 0;
    return a < b;
}

std::vector<const Project*> select(const std::vector<Project>& projects, const Process& process, const Query& filter) {
    std::vector<const Project*> out;
    for (const Project& p : projects)
        if (matches(filter, p, process)) out.push_back(&p);
    return out;
}

std::optional<Date> reached_on(const Project& p, int stage, const Process& process) {
    std::optional<Date> first;
    const auto consider = [&first](const std::optional<Date>& d) {
        if (d && (!first || *d < *first)) first = d;
    };
    // Winning reaches every stage up to the win; a stage after it (delivery, acceptance)
    // only by a move into it or past it.
    const bool by_win = stage <= process.won_stage();
    for (const HistoryEntry& h : p.history)
        if ((h.to >= 0 && h.to >= stage) || (by_win && h.to_outcome == Status::won)) consider(h.date);
    if (by_win && p.status == Status::won) consider(p.closed_on);
    return first;
}

bool won_before(const Project& p, const std::optional<Date>& end) {
    return p.status == Status::won && p.closed_on && (!end || *p.closed_on < *end);
}

bool closed_in(const Project& p, const DateRange& window) {
    return p.status != Status::open && p.closed_on && window.contains(*p.closed_on);
}

std::optional<int> sales_cycle(const Project& p) {
    const auto first = p.created();
    if (!first || !p.closed_on) return std::nullopt;
    return *p.closed_on - *first;
}

Money per(Money total, std::size_t count) {
    // cents ÷ count = cents × 100 ÷ (count × 100): ratio_hundredths rounds it.
    return Money{ratio_hundredths(total.cents, static_cast<std::int64_t>(count) * 100)};
}

std::optional<std::int64_t> share(std::int64_t numerator, std::int64_t denominator) {
    if (denominator == 0) return std::nullopt;
    return ratio_permille(numerator, denominator);
}

}  // namespace report_detail
}  // namespace pipeline

namespace pipeline {

namespace {

struct KindInfo {
    ReportKind kind;
    const char* name;
    const char* title;
};

// TRANSLATORS: the titles name the reports (a workbook's sheets); keep them short.
constexpr KindInfo kKinds[] = {
    {ReportKind::funnel, "funnel", N_("Funnel")},
    {ReportKind::conversion, "conversion", N_("Conversion")},
    {ReportKind::stale, "stale", N_("Stale projects")},
    {ReportKind::risks, "risks", N_("Risks")},
    {ReportKind::payments, "payments", N_("Payments")},
    {ReportKind::scorecard, "scorecard", N_("Scorecard")},
    {ReportKind::sources, "sources", N_("Lead sources")},
    {ReportKind::losses, "losses", N_("Losses")},
    {ReportKind::calibration, "calibration", N_("Calibration")},
    {ReportKind::budget, "budget", N_("Presales budgets")},
    {ReportKind::progress, "progress", N_("Progress")},
    {ReportKind::customers, "customers", N_("Customers")},
    {ReportKind::service, "service", N_("Service")},
};

}  // namespace

const char* report_kind_name(ReportKind k) {
    for (const KindInfo& info : kKinds)
        if (info.kind == k) return info.name;
    return "?";
}

const char* report_kind_title(ReportKind k) {
    for (const KindInfo& info : kKinds)
        if (info.kind == k) return info.title;
    return "?";
}

std::optional<ReportKind> parse_report_kind(std::string_view text) {
    for (const KindInfo& info : kKinds)
        if (text == info.name) return info.kind;
    return std::nullopt;
}

const std::vector<ReportKind>& report_kinds() {
    static const std::vector<ReportKind> all = [] {
        std::vector<ReportKind> v;
        for (const KindInfo& info : kKinds) v.push_back(info.kind);
        return v;
    }();
    return all;
}

static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(ReportKind::service), Report>, ServiceReport>,
              "Report's alternatives follow ReportKind");

ReportKind report_kind(const Report& r) { return static_cast<ReportKind>(r.index()); }

Report compute_report(ReportKind kind, const std::vector<Project>& projects, const Process& process,
                  const ReportRequest& request) {
    switch (kind) {
        case ReportKind::funnel: return funnel_report(projects, process, request);
        case ReportKind::conversion: return conversion_report(projects, process, request);
        case ReportKind::stale: return stale_report(projects, process, request);
        case ReportKind::risks: return risk_report(projects, process, request);
        case ReportKind::payments: return payment_report(projects, process, request);
        case ReportKind::scorecard: return scorecard_report(projects, process, request);
        case ReportKind::sources: return source_report(projects, process, request);
        case ReportKind::losses: return loss_report(projects, process, request);
        case ReportKind::calibration: return calibration_report(projects, process, request);
        case ReportKind::budget: return budget_report(projects, process, request);
        case ReportKind::progress: return progress_report(projects, process, request);
        case ReportKind::customers: return customer_report(projects, process, request);
        case ReportKind::service: return service_report(projects, process, request);
    }
    return funnel_report(projects, process, request);
}

}  // namespace pipeline
