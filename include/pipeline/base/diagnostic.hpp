// Findings about input files: errors in the core are values, printed once at the top.
#pragma once

#include <string>
#include <vector>

namespace pipeline {

// A place in a text file, 1-based; line 0 means "the whole file".
struct Position {
    int line = 0;
    int column = 0;
    friend bool operator==(const Position&, const Position&) = default;
};

enum class Severity { error, warning };

struct Diagnostic {
    std::string path;  // relative to the repository root where there is one
    Position position;
    Severity severity = Severity::error;
    std::string message;
    std::string rule;  // short stable id, e.g. "stage" or "history-order"
};

// An append-only list of findings for one or more files.
class Diagnostics {
public:
    void error(std::string path, Position at, std::string rule, std::string message);
    void warning(std::string path, Position at, std::string rule, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t count(Severity s) const;
    bool empty() const { return items_.empty(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic>& items() { return items_; }

    // Orders findings by path, line, column, then severity and message, for stable output.
    void sort();

private:
    std::vector<Diagnostic> items_;
};

const char* severity_name(Severity s);

}  // namespace pipeline
