// Migrations carried inside the binary (generated from server/migrations/).
#pragma once

#include <string_view>
#include <vector>

namespace keycard::db {

struct EmbeddedMigration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<EmbeddedMigration>& embedded_migrations_sqlite();
const std::vector<EmbeddedMigration>& embedded_migrations_postgres();

}  // namespace keycard::db
