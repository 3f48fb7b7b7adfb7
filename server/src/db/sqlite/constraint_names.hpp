// SQLite names a failed UNIQUE or PRIMARY KEY constraint by its columns
// ("rooms.tenant_id, rooms.room_number"); PostgreSQL by the constraint's
// name. This finds the name in the table's schema, so that services match
// one exact name on both backends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keycard::db::sqlite {

// `detail`: what follows "constraint failed: " in SQLite's message, either
// "table.col[, table.col...]" or "index 'name'". `schema_sql`: the CREATE
// TABLE and CREATE INDEX statements of the table (sqlite_schema.sql).
// Returns the named constraint or unique index with exactly those columns,
// else PostgreSQL's default name (`table_pkey`, `table_col_key`).
[[nodiscard]] std::string unique_constraint_name(std::string_view detail, const std::vector<std::string>& schema_sql,
                                                 bool primary_key);

// The table of a "table.col[, ...]" detail (empty for "index '...'").
[[nodiscard]] std::string detail_table(std::string_view detail);

}  // namespace keycard::db::sqlite
