#include "db/filter.hpp"

namespace keycard::db {

Filter& Filter::add(std::string_view clause, Param value) {
  params_.push_back(std::move(value));
  const std::string placeholder = "$" + std::to_string(params_.size());
  std::string sql;
  for (char c : clause) {
    if (c == '?') {
      sql += placeholder;
    } else {
      sql += c;
    }
  }
  return add_fixed(sql);
}

Filter& Filter::add_fixed(std::string_view clause) {
  clauses_ += clauses_.empty() ? " WHERE " : " AND ";
  clauses_ += clause;
  return *this;
}

std::string Filter::where() const { return clauses_; }

std::string Filter::bind(Param value) {
  params_.push_back(std::move(value));
  return "$" + std::to_string(params_.size());
}

}  // namespace keycard::db
