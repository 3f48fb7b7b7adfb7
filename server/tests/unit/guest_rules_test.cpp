// What a guest's erasure clears and what it keeps, as a table of fields.
#include "hotel/guests/rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::guests::rules {
namespace {

Guest full_guest() {
  Guest g;
  g.id = "0190a0b0-0000-7000-8000-000000000001";
  g.tenant_id = "0190a0b0-0000-7000-8000-0000000000aa";
  g.first_name = "Ada";
  g.last_name = "Lovelace";
  g.email = "ada@example.org";
  g.phone = "+44 20 7946 0000";
  g.id_type = "passport";
  g.id_number = "X1234567";
  g.nationality = "GB";
  g.notes = "Prefers a quiet room";
  g.created_by = "0190a0b0-0000-7000-8000-0000000000bb";
  g.updated_by = "0190a0b0-0000-7000-8000-0000000000cc";
  g.created_at = "2026-11-01T10:00:00.000Z";
  g.updated_at = "2026-11-02T10:00:00.000Z";
  g.version = 4;
  return g;
}

TEST(GuestRules, ErasureClearsEveryPersonalFieldAndKeepsTheRecord) {
  const std::string now = "2026-12-03T19:30:00.000Z";
  const auto before = full_guest();
  const auto after = erased(before, now);
  using Text = std::function<std::optional<std::string>(const Guest&)>;
  struct Case {
    const char* field;
    Text read;
    std::optional<std::string> expected;  // after the erasure
  };
  const std::vector<Case> cases = {
      {"first_name", [](const Guest& g) { return g.first_name; }, "Erased"},
      {"last_name", [](const Guest& g) { return g.last_name; }, "Guest"},
      {"email", [](const Guest& g) { return g.email; }, std::nullopt},
      {"phone", [](const Guest& g) { return g.phone; }, std::nullopt},
      {"id_type", [](const Guest& g) { return g.id_type; }, std::nullopt},
      {"id_number", [](const Guest& g) { return g.id_number; }, std::nullopt},
      {"nationality", [](const Guest& g) { return g.nationality; }, std::nullopt},
      {"notes", [](const Guest& g) { return g.notes; }, std::nullopt},
      {"erased_at", [](const Guest& g) { return g.erased_at; }, now},
      // kept as they were
      {"id", [](const Guest& g) { return g.id; }, before.id},
      {"tenant_id", [](const Guest& g) { return g.tenant_id; }, before.tenant_id},
      {"created_by", [](const Guest& g) { return g.created_by; }, before.created_by},
      {"updated_by", [](const Guest& g) { return g.updated_by; }, before.updated_by},
      {"created_at", [](const Guest& g) { return g.created_at; }, before.created_at},
      {"updated_at", [](const Guest& g) { return g.updated_at; }, before.updated_at},
  };
  for (const auto& c : cases) EXPECT_EQ(c.read(after), c.expected) << c.field;
  EXPECT_EQ(after.version, before.version);
}

TEST(GuestRules, ErasureOfAGuestWithoutOptionalDataStillNamesNoOne) {
  Guest g;
  g.first_name = "Bo";
  g.last_name = "Li";
  const auto after = erased(g, "2026-12-03T00:00:00.000Z");
  EXPECT_EQ(after.first_name + " " + after.last_name, "Erased Guest");
  EXPECT_FALSE(after.email || after.phone || after.id_type || after.id_number || after.nationality || after.notes);
  EXPECT_EQ(after.erased_at, "2026-12-03T00:00:00.000Z");
}

}  // namespace
}  // namespace keycard::hotel::guests::rules
