// The one write path's small pieces, shared by every service that writes:
// optimistic versions (409 stale_version) and constraint names mapped to
// answers (409/422), so no service repeats the try/catch skeleton.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "db/database.hpp"

namespace keycard::db {

// 409 stale_version: "The <what> was changed by someone else; ...".
[[noreturn]] inline void throw_stale(std::string_view what) {
  throw Conflict("The " + std::string(what) + " was changed by someone else; reload it and try again.",
                 "stale_version");
}

// The version a write is based on must be the row's current one.
inline void check_version(std::int64_t based_on, std::int64_t current, std::string_view what) {
  if (based_on != current) throw_stale(what);
}

// An optimistic UPDATE or DELETE (WHERE version = ...) that changed no row:
// someone else changed the row first.
inline void update_or_stale(bool changed, std::string_view what) {
  if (!changed) throw_stale(what);
}

// A constraint, by its exact name, and the answer a client gets when it
// refuses a write. The answer keeps its own type (Conflict, ValidationError,
// ...), so a caller that catches that type still does.
struct OnConstraint {
  template <class Answer>
  OnConstraint(std::string_view name, Answer answer)
      : constraint(name), answer(std::make_exception_ptr(std::move(answer))) {}
  std::string_view constraint;
  std::exception_ptr answer;
};

// Runs `write`; a ConstraintError of a constraint named in `answers` becomes
// that answer, any other propagates (a 500: a constraint nobody expected).
template <class Write>
decltype(auto) on_constraint(const std::vector<OnConstraint>& answers, Write&& write) {
  try {
    return std::forward<Write>(write)();
  } catch (const ConstraintError& e) {
    for (const auto& a : answers) {
      if (e.constraint == a.constraint) std::rethrow_exception(a.answer);
    }
    throw;
  }
}

}  // namespace keycard::db
