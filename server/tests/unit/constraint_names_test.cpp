// SQLite's "table.col, ..." text of a failed unique constraint resolved to
// the constraint's name, as PostgreSQL reports it.
#include "db/sqlite/constraint_names.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keycard::db::sqlite {
namespace {

const std::vector<std::string> kRooms = {
    "CREATE TABLE rooms (\n  tenant_id TEXT NOT NULL, property_id TEXT NOT NULL, id TEXT NOT NULL,\n"
    "  room_number TEXT NOT NULL,\n  PRIMARY KEY (tenant_id, id),\n"
    "  CONSTRAINT rooms_property_id_key UNIQUE (tenant_id, property_id, id),\n"
    "  CONSTRAINT rooms_number_key UNIQUE (tenant_id, property_id, room_number)\n)",
    "CREATE UNIQUE INDEX IF NOT EXISTS rooms_code_idx ON rooms (tenant_id, \"code\")",
};

struct Case {
  const char* detail;
  bool primary_key;
  const char* name;
};

TEST(ConstraintNames, ResolvesColumnsToTheNamedConstraint) {
  const Case cases[] = {
      {"rooms.tenant_id, rooms.property_id, rooms.room_number", false, "rooms_number_key"},
      {"rooms.tenant_id, rooms.property_id, rooms.id", false, "rooms_property_id_key"},
      // Same columns in another order are another constraint.
      {"rooms.property_id, rooms.tenant_id, rooms.room_number", false, "rooms_property_id_tenant_id_room_number_key"},
      {"rooms.tenant_id, rooms.code", false, "rooms_code_idx"},
      {"rooms.tenant_id, rooms.id", true, "rooms_pkey"},
      // An unnamed column constraint: PostgreSQL's default name.
      {"rooms.token", false, "rooms_token_key"},
      {"index 'roles_tenant_name_key'", false, "roles_tenant_name_key"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(unique_constraint_name(c.detail, kRooms, c.primary_key), c.name) << c.detail;
  }
}

TEST(ConstraintNames, TableOfTheDetail) {
  EXPECT_EQ(detail_table("rooms.tenant_id, rooms.id"), "rooms");
  EXPECT_EQ(detail_table("index 'x'"), "");
  EXPECT_EQ(detail_table("garbage"), "");
}

}  // namespace
}  // namespace keycard::db::sqlite
