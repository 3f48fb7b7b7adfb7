// Wildcard matcher, pattern validity, the escalation guard's coverage test,
// and the catalogue and system roles, as tables of cases.
#include "access/permissions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace keycard::access {
namespace {

struct ValidityCase {
  std::string pattern;
  bool valid;
};

TEST(PermissionPattern, Validity) {
  const std::vector<ValidityCase> cases = {
      {"hotel:*", true},
      {"admin:*", true},
      {"hotel:guests:*", true},
      {"hotel:rooms:read", true},
      {"hotel:room_types:read", true},
      {"hotel:reservations:check_in", true},
      {"admin:hotels:impersonate", true},
      {"hotel:rooms", true},  // two segments are allowed by the grammar
      {"*", false},
      {"*:*", false},
      {"*:rooms:read", false},
      {"hotel:*:read", false},
      {"hotel:*:*", false},
      {"hotel:gu*sts:read", false},
      {"hotel:guests:re*", false},
      {"hotelx:rooms:read", false},
      {"hote:rooms:read", false},
      {"tenant:rooms:read", false},
      {"hotel::read", false},
      {"hotel:rooms:", false},
      {":rooms:read", false},
      {"hotel:", false},
      {"hotel", false},
      {"admin", false},
      {"", false},
      {":", false},
      {"HOTEL:rooms:read", false},
      {"hotel:Rooms:read", false},
      {"hotel:rooms:READ", false},
      {"hotel:rooms:read:extra", false},
      {"hotel:rooms:read:", false},
      {"hotel:rooms-x:read", false},
      {"hotel:rooms1:read", false},
      {"hotel:rooms :read", false},
      {" hotel:rooms:read", false},
      {"hotel:rooms:read ", false},
      {"hotel.rooms.read", false},
      {std::string("hotel:rooms:read\0x", 18), false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_valid_permission_pattern(c.pattern), c.valid) << "pattern '" << c.pattern << "'";
  }
}

struct MatchCase {
  std::string pattern;
  std::string code;
  bool matches;
};

TEST(PermissionMatcher, Table) {
  const std::vector<MatchCase> cases = {
      // exact
      {"hotel:rooms:read", "hotel:rooms:read", true},
      {"hotel:rooms:read", "hotel:rooms:update", false},
      {"hotel:rooms:read", "hotel:rooms", false},
      {"hotel:rooms", "hotel:rooms", true},
      {"hotel:rooms", "hotel:rooms:read", false},
      // scope wildcards
      {"hotel:*", "hotel:rooms:read", true},
      {"hotel:*", "hotel:anything", true},
      {"hotel:*", "hotel:guests:erase", true},
      {"hotel:*", "hotelx:rooms:read", false},
      {"hotel:*", "hotel", false},
      {"hotel:*", "admin:hotels:read", false},
      {"admin:*", "admin:hotels:read", true},
      {"admin:*", "hotel:rooms:read", false},
      {"admin:*", "hotel:anything", false},
      {"admin:*", "adminx:hotels:read", false},
      // resource wildcards
      {"hotel:guests:*", "hotel:guests:read", true},
      {"hotel:guests:*", "hotel:guests:erase", true},
      {"hotel:guests:*", "hotel:guests", false},
      {"hotel:guests:*", "hotel:guestsx:read", false},
      {"hotel:guests:*", "hotel:guest:read", false},
      {"hotel:guests:*", "hotel:rooms:read", false},
      {"hotel:guests:*", "admin:guests:read", false},
      // invalid patterns match nothing
      {"*", "hotel:rooms:read", false},
      {"hotel:*:read", "hotel:rooms:read", false},
      {"hotel:gu*sts:read", "hotel:guests:read", false},
      {"hotel:guests*", "hotel:guests:read", false},
      {"hotel*", "hotel:rooms:read", false},
      {"HOTEL:*", "hotel:rooms:read", false},
      {"", "", false},
      {"hotel:rooms:read:extra", "hotel:rooms:read:extra", false},
      // codes must be concrete
      {"hotel:*", "hotel:*", false},
      {"hotel:*", "hotel:rooms:*", false},
      {"hotel:rooms:*", "hotel:rooms:*", false},
      {"hotel:*", "hotel:Rooms:read", false},
      {"hotel:*", "hotel:rooms:read:extra", false},
      {"hotel:*", "hotel::read", false},
      {"hotel:*", "", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(permission_matches(c.pattern, c.code), c.matches)
        << "pattern '" << c.pattern << "' code '" << c.code << "'";
  }
}

TEST(PermissionMatcher, AnyMatchesDeniesByDefault) {
  EXPECT_FALSE(any_matches({}, "hotel:rooms:read"));
  EXPECT_FALSE(any_matches({"", "*", "hotel:*:read"}, "hotel:rooms:read"));
  EXPECT_TRUE(any_matches({"garbage", "hotel:rooms:*"}, "hotel:rooms:read"));
  EXPECT_TRUE(any_matches({"hotel:guests:read", "hotel:rooms:read"}, "hotel:rooms:read"));
  EXPECT_FALSE(any_matches({"admin:*"}, "hotel:rooms:read"));
  EXPECT_FALSE(any_matches({"hotel:*"}, "admin:hotels:read"));
}

struct CoverCase {
  std::string pattern;
  std::vector<std::string> held;
  bool covered;
};

TEST(PermissionCoveredBy, Table) {
  const std::vector<CoverCase> cases = {
      {"hotel:guests:*", {"hotel:*"}, true},
      {"hotel:rooms:read", {"hotel:*"}, true},
      {"hotel:*", {"hotel:*"}, true},
      {"hotel:guests:read", {"hotel:guests:*"}, true},
      {"hotel:guests:*", {"hotel:guests:*"}, true},
      {"hotel:guests:read", {"hotel:guests:read"}, true},
      {"hotel:guests:*", {"hotel:guests:read"}, false},
      {"hotel:guests:*",
       {"hotel:guests:read", "hotel:guests:create", "hotel:guests:update", "hotel:guests:delete", "hotel:guests:export",
        "hotel:guests:erase"},
       false},  // a future guests code must not become grantable
      {"hotel:*", {"hotel:guests:*"}, false},
      {"hotel:*", {"hotel:guests:*", "hotel:rooms:*"}, false},
      {"hotel:rooms:read", {"hotel:guests:*"}, false},
      {"hotel:rooms:read", {"admin:*"}, false},
      {"admin:hotels:read", {"hotel:*"}, false},
      {"admin:*", {"hotel:*"}, false},
      {"admin:hotels:read", {"admin:*"}, true},
      {"hotel:rooms:read", {}, false},
      {"hotel:rooms:read", {"hotel:rooms:update", "hotel:rooms:*"}, true},
      {"hotel:rooms:read", {"*", "hotel:*:read", ""}, false},  // invalid held grants nothing
      {"*", {"hotel:*", "admin:*"}, false},                    // invalid wanted is never covered
      {"hotel:*:read", {"hotel:*"}, false},
      {"hotelx:rooms:read", {"hotel:*"}, false},
  };
  for (const auto& c : cases) {
    std::string held;
    for (const auto& h : c.held) held += h + " ";
    EXPECT_EQ(pattern_covered_by(c.pattern, c.held), c.covered)
        << "pattern '" << c.pattern << "' held {" << held << "}";
  }
}

TEST(PermissionCatalogue, CodesAreUniqueConcreteAndDescribed) {
  const auto& catalogue = permission_catalogue();
  std::set<std::string_view> seen;
  for (const auto& info : catalogue) {
    EXPECT_TRUE(is_valid_permission_pattern(info.code)) << info.code;
    EXPECT_EQ(info.code.find('*'), std::string_view::npos) << info.code;
    EXPECT_EQ(std::count(info.code.begin(), info.code.end(), ':'), 2) << info.code;
    EXPECT_FALSE(info.description.empty()) << info.code;
    EXPECT_TRUE(seen.insert(info.code).second) << "duplicate " << info.code;
  }
  EXPECT_EQ(catalogue.size(), 70U);
  for (const char* code :
       {"admin:hotels:impersonate", "admin:reports:export", "hotel:guests:erase", "hotel:reservations:check_out",
        "hotel:room_types:delete", "hotel:rooms:status", "hotel:events:read"}) {
    EXPECT_TRUE(seen.contains(code)) << code;
  }
}

TEST(PermissionCatalogue, SystemRolesAreSound) {
  const auto& roles = system_roles();
  ASSERT_EQ(roles.size(), 7U);
  for (const auto& role : roles) {
    ASSERT_TRUE(role.scope == "admin" || role.scope == "hotel") << role.name;
    EXPECT_FALSE(role.display_name.empty());
    EXPECT_FALSE(role.description.empty());
    EXPECT_FALSE(role.permissions.empty());
    for (const auto p : role.permissions) {
      EXPECT_TRUE(is_valid_permission_pattern(p)) << role.name << ": " << p;
      const bool matches_some =
          std::any_of(permission_catalogue().begin(), permission_catalogue().end(),
                      [&](const PermissionInfo& info) { return permission_matches(p, info.code); });
      EXPECT_TRUE(matches_some) << role.name << ": " << p;
      // A role's codes stay in its own scope; in particular no hotel role holds an admin code.
      EXPECT_TRUE(p.starts_with(std::string(role.scope) + ":")) << role.name << ": " << p;
    }
    EXPECT_EQ(find_system_role(role.scope, role.name), &role);
  }
  for (const auto& role : roles) {
    if (role.scope != "hotel") continue;
    std::vector<std::string> held(role.permissions.begin(), role.permissions.end());
    for (const auto& info : permission_catalogue()) {
      if (info.code.starts_with("admin:")) {
        EXPECT_FALSE(any_matches(held, info.code)) << role.name << " " << info.code;
      }
    }
  }
}

TEST(PermissionCatalogue, FindSystemRole) {
  ASSERT_NE(find_system_role("admin", "super-admin"), nullptr);
  EXPECT_EQ(find_system_role("admin", "super-admin")->display_name, "SuperAdmin");
  ASSERT_NE(find_system_role("hotel", "front-desk"), nullptr);
  EXPECT_EQ(find_system_role("hotel", "front-desk")->display_name, "Front Desk");
  EXPECT_EQ(find_system_role("hotel", "super-admin"), nullptr);
  EXPECT_EQ(find_system_role("admin", "hotel-manager"), nullptr);
  EXPECT_EQ(find_system_role("hotel", "nope"), nullptr);
}

TEST(PermissionCatalogue, ExpandToCatalogue) {
  const auto all_hotel = expand_to_catalogue({"hotel:*"});
  EXPECT_EQ(all_hotel.size(), 52U);
  EXPECT_TRUE(std::is_sorted(all_hotel.begin(), all_hotel.end()));
  EXPECT_TRUE(
      std::all_of(all_hotel.begin(), all_hotel.end(), [](const std::string& c) { return c.starts_with("hotel:"); }));

  EXPECT_EQ(expand_to_catalogue({"admin:*"}).size(), 18U);
  EXPECT_EQ(expand_to_catalogue({"admin:*", "hotel:*"}).size(), permission_catalogue().size());

  const std::vector<std::string> housekeeping = {"hotel:incidents:create", "hotel:incidents:read", "hotel:rooms:read",
                                                 "hotel:rooms:status"};
  EXPECT_EQ(expand_to_catalogue({"hotel:rooms:status", "hotel:incidents:create", "hotel:rooms:read",
                                 "hotel:incidents:read", "hotel:rooms:read"}),
            housekeeping);
  EXPECT_EQ(expand_to_catalogue({"hotel:guests:*"}),
            (std::vector<std::string>{"hotel:guests:create", "hotel:guests:delete", "hotel:guests:erase",
                                      "hotel:guests:export", "hotel:guests:read", "hotel:guests:update"}));
  EXPECT_TRUE(expand_to_catalogue({}).empty());
  EXPECT_TRUE(expand_to_catalogue({"*", "hotel:*:read"}).empty());
}

}  // namespace
}  // namespace keycard::access
