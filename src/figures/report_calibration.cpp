// calibration: the win probability each stage is given beside the share of its projects won.
#include <algorithm>
#include <cmath>

#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

namespace {

// The 90 % Wilson score interval of `won` of `n` (z = 1.6449), permille: unlike the normal
// approximation it stays inside 0–100 % and means something for a handful of projects.
std::pair<std::int64_t, std::int64_t> wilson_interval(std::size_t won, std::size_t n) {
    constexpr double z = 1.6448536269514722;
    const double count = static_cast<double>(n);
    const double p = static_cast<double>(won) / count;
    const double denominator = 1 + z * z / count;
    const double centre = (p + z * z / (2 * count)) / denominator;
    const double half = z * std::sqrt(p * (1 - p) / count + z * z / (4 * count * count)) / denominator;
    const auto permille = [](double x) { return static_cast<std::int64_t>(std::llround(std::clamp(x, 0.0, 1.0) * 1000)); };
    return {permille(centre - half), permille(centre + half)};
}

}  // namespace

Calibration calibration_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Calibration out;
    // Stages after the win have no chance of winning to compare: a project there is won.
    const auto stages = static_cast<std::size_t>(process.won_stage()) + 1;
    for (std::size_t s = 0; s < stages; ++s)
        out.stages.push_back({static_cast<int>(s), process.stages[s].probability, 0, 0, {}, {}, {}});
    for (const Project* p : select(projects, process, request.filter)) {
        if (!closed_in(*p, request.window)) continue;
        ++out.closed;
        const bool won = p->status == Status::won;
        if (won) ++out.won;
        for (CalibrationRow& row : out.stages) {
            if (!reached_on(*p, row.stage, process)) continue;
            ++row.reached;
            if (won) ++row.won;
        }
    }
    for (CalibrationRow& row : out.stages) {
        if (row.reached == 0) continue;
        row.rate = share(static_cast<std::int64_t>(row.won), static_cast<std::int64_t>(row.reached));
        const auto [low, high] = wilson_interval(row.won, row.reached);
        row.low = low;
        row.high = high;
    }
    return out;
}

Process with_realised_probabilities(const Process& process, const Calibration& calibration) {
    Process out = process;
    for (const CalibrationRow& row : calibration.stages) {
        if (row.reached < kCalibrationMinimum || row.stage < 0 || row.stage >= static_cast<int>(out.stages.size())) continue;
        // won ÷ reached to the nearest whole percent, halves up, from the counts themselves.
        out.stages[static_cast<std::size_t>(row.stage)].probability =
            static_cast<int>((200 * row.won + row.reached) / (2 * row.reached));
    }
    return out;
}

}  // namespace pipeline
