// What the unit tests share: how failures show the core's value types, the default process,
// loading a project from text, findings as comparable text, scratch folders and files, and a
// project with every registered field set (so that no job can skip a field unnoticed).
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

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

namespace test {

// The date the tests compute against.
inline const pipeline::Date kToday = *pipeline::Date::parse("2026-11-23");

// A date from "YYYY-MM-DD" (the test fails on anything else).
pipeline::Date date(std::string_view iso);

// The default process of `pipeline init`; with `people`, the roster replaced by
// li.si (李四) and zhang.san (张三, managed by li.si).
pipeline::Process default_process(bool people = false);

// pipeline.yaml text loaded; the test fails on findings.
pipeline::Process process_from(std::string_view text);

// "line:col: message [rule]" per finding ("warning: " before warnings), for exact comparisons.
std::string findings(const pipeline::Diagnostics& out);

// A project file loaded; the test fails when it does not load.
pipeline::Project project_from(std::string_view text, const pipeline::Process& process,
                               const std::string& path = "projects/P-1.yaml");

// A scratch folder under the system's temporary folder, removed with everything in it.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(std::string_view prefix = "pipeline-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// Writes `text` to `file` exactly, creating its folders.
void write_file(const std::filesystem::path& file, std::string_view text);
std::string read_file(const std::filesystem::path& file);

// A project in which every field the registry declares holds a value other than its default
// (lists hold two items), `seed` making the values differ between calls; custom values are
// left empty.
pipeline::Project every_field_set(int seed = 1);

// The dotted path of every field the registry declares ("lead.bant.need", "risks[].owner").
std::vector<std::string> registered_paths();

// `p` with only the field at `path` (as registered_paths names it) changed.
pipeline::Project with_one_field_changed(const pipeline::Project& p, const std::string& path);

}  // namespace test
