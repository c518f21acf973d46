// Findings about input files: errors in the core are values, printed once at the top.
#pragma once

#include <string>
#include <vector>

#include "pipeline/base/i18n.hpp"

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
    std::string message;        // English: what JSON and the GitHub annotations carry
    std::string rule;           // short stable id, e.g. "stage" or "history-order"
    std::string message_local;  // in the reader's language; empty when the same as `message`

    const std::string& shown_message() const { return message_local.empty() ? message : message_local; }
    void set_message(const Text& text) {
        message = text.english();
        message_local = text.local() == message ? std::string() : text.local();
    }
};

// An append-only list of findings for one or more files.
class Diagnostics {
public:
    void error(std::string path, Position at, std::string rule, const Text& message);
    void warning(std::string path, Position at, std::string rule, const Text& message);
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
