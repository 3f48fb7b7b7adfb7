// Reading rows by column name and lists page by page: repositories map a
// result onto their structs by the SELECT list's names (not by position),
// and a list's page and total come from one builder that numbers the
// parameters (db::Filter), in one round trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"
#include "db/filter.hpp"

namespace keycard::db {

class Columns;

// One row of a result, read by column name.
class NamedRow {
 public:
  NamedRow(const Row& row, const Columns& columns) : row_(row), columns_(columns) {}
  [[nodiscard]] bool is_null(std::string_view column) const;
  [[nodiscard]] const std::string& text(std::string_view column) const;  // throws on NULL
  [[nodiscard]] std::optional<std::string> opt_text(std::string_view column) const;
  [[nodiscard]] std::int64_t int64(std::string_view column) const;
  [[nodiscard]] std::optional<std::int64_t> opt_int64(std::string_view column) const;
  [[nodiscard]] bool boolean(std::string_view column) const;

 private:
  const Row& row_;
  const Columns& columns_;
};

// The column names of a result, looked up once per result.
class Columns {
 public:
  explicit Columns(const Result& result);
  // The position of a column; throws DbError when the SELECT has no such name.
  [[nodiscard]] std::size_t index(std::string_view name) const;
  [[nodiscard]] NamedRow operator()(const Row& row) const { return {row, *this}; }

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

// Every row of `result` mapped by `to` (a function of NamedRow).
template <class To>
auto map_rows(const Result& result, To&& to) {
  const Columns columns(result);
  std::vector<decltype(to(columns(std::declval<const Row&>())))> out;
  out.reserve(result.rows.size());
  for (const auto& row : result.rows) out.push_back(to(columns(row)));
  return out;
}

// The first row of `result` mapped by `to`, or nullopt when there is none.
template <class To>
auto map_first(const Result& result, To&& to) -> std::optional<decltype(to(std::declval<NamedRow>()))> {
  if (result.rows.empty()) return std::nullopt;
  const Columns columns(result);
  return to(columns(result.rows.front()));
}

// A page of `sql` (which ends in its ORDER BY and uses $1..$n of `params`):
// LIMIT and OFFSET appended as the next two parameters, numbered here.
struct Paged {
  std::string sql;
  Params params;
};
[[nodiscard]] Paged with_page(std::string sql, Params params, std::int64_t page, std::int64_t limit);

// A list query: the SELECT and count(*) over the same filters. `select` and
// `count_from` end before WHERE ("SELECT ... FROM rooms r", "SELECT count(*)
// FROM rooms r"); `order_by` comes from a whitelist and breaks ties itself.
struct PageQuery {
  std::string select;
  std::string count_from;
  Filter filter;
  std::string order_by;
  std::int64_t page = 1;
  std::int64_t limit = 20;
};

// The page's rows and the total, in one round trip.
struct PageRows {
  Result rows;
  std::int64_t total = 0;
};
[[nodiscard]] PageRows fetch_page(Transaction& tx, const PageQuery& q);

}  // namespace keycard::db
