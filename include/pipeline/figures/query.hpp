// Filters: the one parser of FILTER terms shared by list, forecast, reports and diff.
// Grammar and meaning: pipeline(1), FILTERS.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/base/date.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

enum class QueryField {
    owner, stage, status, customer, industry, customer_grade, size, source, grade, importance, category, id, name, amount, close, custom
};

// "owner", "stage", ...: the name a term is written with.
const char* query_field_name(QueryField f);
// Every field a term may name, in the order of pipeline(1) (the custom fields of `process` last),
// and whether it compares (amount>1000000) rather than matches (owner:zhang.san).
std::vector<std::pair<std::string, bool>> query_field_names(const Process& process);

enum class Comparison { equal, less, less_equal, greater, greater_equal };

// One term, resolved against the process: `owner:zhang.san`, `not:stage:tender`, `amount>=1000000`.
struct QueryTerm {
    std::string text;              // as written, for messages
    QueryField field = QueryField::id;
    bool negated = false;          // not:
    bool substring = false;        // ~VALUE: contains, ignoring ASCII case
    Comparison comparison = Comparison::equal;
    std::string value;             // text fields; owner: the roster id when the value named a person
    int stage = -1;                // stage:
    Status status = Status::open;  // status:
    Category category = Category::pipeline;  // category:
    Money amount;                  // amount
    Date date;                     // close
    int custom = -1;               // custom: index into Process::fields
    std::int64_t number = 0;       // custom fields that compare: the ordered value (as CustomValue::number)
};

// Terms that must all hold (AND). No terms: every project.
struct Query {
    std::vector<QueryTerm> terms;

    bool empty() const { return terms.empty(); }
    // The owner id when the query is a single `owner:ID` term (not negated, not ~): the
    // selection is then everything that owner sells, so the owner's targets apply.
    std::optional<std::string> only_owner() const;
};

// Where and why a term is not understood. `offset` and `length` are bytes into `term`.
struct QueryError {
    std::string term;
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string message;
};

// The error as people read it: `filter "TERM": message`, then the term with a caret line
// under the bad part (aligned by display width), without a final newline.
std::string describe(const QueryError& e);

// Parses every term (one command-line argument each). Stage ids and names, statuses,
// categories, grades and roster names are resolved here, so a typo is an error, not an
// empty result.
std::variant<Query, QueryError> parse_query(const std::vector<std::string>& terms, const Process& process);

bool matches(const QueryTerm& term, const Project& p, const Process& process);
bool matches(const Query& query, const Project& p, const Process& process);

// The projects that match, in their order.
std::vector<Project> filter_projects(const std::vector<Project>& projects, const Query& query, const Process& process);

}  // namespace pipeline
