// A small streaming JSON writer: stable key order (the order written), UTF-8 passed through.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/money.hpp"

namespace pipeline {

class JsonWriter {
public:
    explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(const CompactString& s) { return value(s.view()); }
    JsonWriter& value(std::int64_t n);
    JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& value(std::size_t n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& value(bool b);
    JsonWriter& money(Money m);          // a number with two decimals: 1280000.50
    // A fixed-point number: decimal(1234, 1) writes 123.4, decimal(-5, 2) writes -0.05.
    JsonWriter& decimal(std::int64_t scaled, int decimals);
    JsonWriter& null();

    // The document, ending in a newline.
    std::string str() const { return out_ + "\n"; }

private:
    void before_value();
    void newline();
    std::string out_;
    std::vector<bool> first_;  // per open container: nothing written yet
    bool pretty_;
    bool after_key_ = false;
};

std::string json_escape(std::string_view s);

}  // namespace pipeline
