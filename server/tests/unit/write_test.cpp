// The write path's helpers: a constraint answer keeps its own type, others
// propagate, and the stale-version 409s.
#include "db/write.hpp"

#include <gtest/gtest.h>

namespace keycard::db {
namespace {

ConstraintError refused(std::string name) {
  return ConstraintError(ConstraintError::Kind::unique, std::move(name), "duplicate key");
}

TEST(Write, AConstraintsAnswerKeepsItsType) {
  const std::vector<OnConstraint> answers = {
      {"users_email_key", ValidationError(FieldErrors{{"email", "is already used by another account"}})},
      {"tenants_slug_key", Conflict("A hotel with this slug already exists.", "slug_taken")}};
  try {
    on_constraint(answers, [] { throw refused("users_email_key"); });
    FAIL() << "no answer";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.field_errors().at("email"), "is already used by another account");
  }
  try {
    on_constraint(answers, [] { throw refused("tenants_slug_key"); });
    FAIL() << "no answer";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "slug_taken");
  }
  // Another constraint, even one whose name contains a known one, is not theirs.
  EXPECT_THROW(on_constraint(answers, [] { throw refused("users_email_key_2"); }), ConstraintError);
  EXPECT_EQ(on_constraint(answers, [] { return 7; }), 7);
}

TEST(Write, StaleVersions) {
  EXPECT_NO_THROW(check_version(3, 3, "room"));
  try {
    check_version(2, 3, "room type");
    FAIL();
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "stale_version");
    EXPECT_EQ(e.detail(), "The room type was changed by someone else; reload it and try again.");
  }
  EXPECT_NO_THROW(update_or_stale(true, "guest"));
  EXPECT_THROW(update_or_stale(false, "guest"), Conflict);
}

}  // namespace
}  // namespace keycard::db
