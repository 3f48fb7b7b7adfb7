// Permission codes, the wildcard matcher, the escalation guard's coverage test,
// the fixed catalogue of codes and the seeded system roles.
//
// Codes are `{scope}:{resource}:{action}`. A pattern may end in `*`, which
// stands for one or more whole segments: `hotel:*` matches `hotel:rooms:read`,
// never `hotelx:rooms:read`; `admin:*` never matches a `hotel:` code. Anything
// that is not a valid pattern matches nothing (deny by default).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keycard::access {

// 2 or 3 ':'-separated segments; the first is "admin" or "hotel"; the others are
// [a-z_]+ or a '*' that may only be the last segment.
[[nodiscard]] bool is_valid_permission_pattern(std::string_view pattern);

// Whether `pattern` grants the concrete `code` (a valid pattern without '*').
[[nodiscard]] bool permission_matches(std::string_view pattern, std::string_view code);
[[nodiscard]] bool any_matches(const std::vector<std::string>& patterns, std::string_view code);

// True when every code `pattern` could ever match is matched by something in
// `held` — judged on the patterns themselves, not on today's catalogue, so a
// code added later cannot widen a grant. The escalation guard: nobody grants
// what they do not hold.
[[nodiscard]] bool pattern_covered_by(std::string_view pattern, const std::vector<std::string>& held);

struct PermissionInfo {
  std::string_view code;
  std::string_view description;
};

// Every concrete code the server checks, in a stable order.
[[nodiscard]] const std::vector<PermissionInfo>& permission_catalogue();

struct SystemRole {
  std::string_view name;
  std::string_view display_name;
  std::string_view scope;  // "admin" or "hotel"
  std::string_view description;
  std::vector<std::string_view> permissions;
};

// Seeded roles that cannot be changed or deleted.
[[nodiscard]] const std::vector<SystemRole>& system_roles();
[[nodiscard]] const SystemRole* find_system_role(std::string_view scope, std::string_view name);

// Sorted catalogue codes matched by any of `patterns` (what /api/auth/me shows).
[[nodiscard]] std::vector<std::string> expand_to_catalogue(const std::vector<std::string>& patterns);

}  // namespace keycard::access
