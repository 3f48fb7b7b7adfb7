// Builds the WHERE clause of a list query from fixed SQL fragments, one per
// filter the client actually sent, numbering the $n parameters. Input only
// ever travels as parameters; the fragments are constants of the repository.
#pragma once

#include <string>
#include <string_view>

#include "db/database.hpp"

namespace keycard::db {

class Filter {
 public:
  // `clause` uses "?" for this filter's value (possibly several times), e.g.
  // "(name LIKE ? OR email LIKE ?)"; every "?" binds the same value.
  Filter& add(std::string_view clause, Param value);
  Filter& add_fixed(std::string_view clause);  // no parameter
  [[nodiscard]] std::string where() const;     // "" or " WHERE a AND b"
  // The next placeholder, for LIMIT/OFFSET after the filters.
  [[nodiscard]] std::string bind(Param value);
  [[nodiscard]] const Params& params() const { return params_; }

 private:
  std::string clauses_;
  Params params_;
};

}  // namespace keycard::db
