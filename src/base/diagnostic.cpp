#include "pipeline/base/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace pipeline {

void Diagnostics::error(std::string path, Position at, std::string rule, const Text& message) {
    Diagnostic& d = items_.emplace_back(Diagnostic{std::move(path), at, Severity::error, {}, std::move(rule), {}});
    d.set_message(message);
}

void Diagnostics::warning(std::string path, Position at, std::string rule, const Text& message) {
    Diagnostic& d = items_.emplace_back(Diagnostic{std::move(path), at, Severity::warning, {}, std::move(rule), {}});
    d.set_message(message);
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

std::size_t Diagnostics::count(Severity s) const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.position.line, a.position.column, a.severity, a.message) <
               std::tie(b.path, b.position.line, b.position.column, b.severity, b.message);
    });
}

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

}  // namespace pipeline
