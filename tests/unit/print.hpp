// How test failures show the core's value types.
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"

namespace doctest {

template <>
struct StringMaker<pipeline::Position> {
    static String convert(const pipeline::Position& p) { return fmt::format("{}:{}", p.line, p.column).c_str(); }
};

template <>
struct StringMaker<pipeline::Money> {
    static String convert(const pipeline::Money& m) { return fmt::format("{} cents", m.cents).c_str(); }
};

template <>
struct StringMaker<pipeline::Date> {
    static String convert(const pipeline::Date& d) { return d.iso().c_str(); }
};

}  // namespace doctest
