// SQLite backend: one sqlite3 handle per pooled connection, prepared
// statements cached by SQL text, $n parameters bound by name.
#pragma once

#include <memory>
#include <string>

#include "db/pool.hpp"

namespace keycard::db::sqlite {

struct Target {
  std::string filename;  // a path, or a memdb URI for an in-memory database
  bool memory = false;
};

// Parses what follows "sqlite:" in a database URL. ":memory:" becomes a
// private in-memory database shared by every connection of one pool.
[[nodiscard]] Target target_from_url(std::string_view rest);

// A factory for the pool. Creates the parent directory of a file database.
// For an in-memory database the factory keeps one extra handle open so the
// data lives as long as the pool. Throws UnavailableError if the database
// cannot be opened.
[[nodiscard]] Pool::Factory make_factory(const Target& target);

}  // namespace keycard::db::sqlite
