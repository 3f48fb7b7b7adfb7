#include "db/rows.hpp"

namespace keycard::db {

Columns::Columns(const Result& result) {
  for (std::size_t i = 0; i < result.columns.size(); ++i) index_.emplace(result.columns[i], i);
}

std::size_t Columns::index(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) throw DbError("the query has no column " + std::string(name));
  return it->second;
}

bool NamedRow::is_null(std::string_view column) const { return row_.is_null(columns_.index(column)); }
const std::string& NamedRow::text(std::string_view column) const { return row_.text(columns_.index(column)); }
std::optional<std::string> NamedRow::opt_text(std::string_view column) const {
  return row_.opt_text(columns_.index(column));
}
std::int64_t NamedRow::int64(std::string_view column) const { return row_.int64(columns_.index(column)); }
std::optional<std::int64_t> NamedRow::opt_int64(std::string_view column) const {
  return row_.opt_int64(columns_.index(column));
}
bool NamedRow::boolean(std::string_view column) const { return row_.boolean(columns_.index(column)); }

Paged with_page(std::string sql, Params params, std::int64_t page, std::int64_t limit) {
  sql += " LIMIT $" + std::to_string(params.size() + 1) + " OFFSET $" + std::to_string(params.size() + 2);
  params.emplace_back(limit);
  params.emplace_back((page - 1) * limit);
  return {std::move(sql), std::move(params)};
}

PageRows fetch_page(Transaction& tx, const PageQuery& q) {
  Filter f = q.filter;
  const auto where = f.where();
  const auto count_params = f.params();
  const auto limit = f.bind(q.limit);
  const auto offset = f.bind((q.page - 1) * q.limit);
  // Statement holds a view of its SQL: the texts must outlive the batch.
  const std::string page_sql = q.select + where + " ORDER BY " + q.order_by + " LIMIT " + limit + " OFFSET " + offset;
  const std::string count_sql = q.count_from + where;
  std::vector<Statement> batch;
  batch.push_back({page_sql, f.params()});
  batch.push_back({count_sql, count_params});
  auto results = tx.exec_batch(std::move(batch));
  PageRows out;
  out.total = results[1].rows.empty() ? 0 : results[1].rows.front().int64(0);
  out.rows = std::move(results[0]);
  return out;
}

}  // namespace keycard::db
