// Whole-segment wildcard matching over permission codes, plus the catalogue and
// system roles that migrations and the role services seed from.
#include "access/permissions.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace keycard::access {
namespace {

constexpr std::size_t kMaxSegments = 3;
constexpr std::string_view kWildcard = "*";

struct Segments {
  std::array<std::string_view, kMaxSegments> items{};
  std::size_t size = 0;

  [[nodiscard]] bool ends_with_wildcard() const { return size > 0 && items[size - 1] == kWildcard; }
};

bool is_name_segment(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// Splits and validates; nullopt for anything that is not a valid pattern.
std::optional<Segments> parse_pattern(std::string_view text) {
  Segments out;
  std::size_t start = 0;
  while (true) {
    if (out.size == kMaxSegments) return std::nullopt;  // a 4th segment
    const auto colon = text.find(':', start);
    const auto end = colon == std::string_view::npos ? text.size() : colon;
    out.items[out.size++] = text.substr(start, end - start);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (out.size < 2) return std::nullopt;
  if (out.items[0] != "admin" && out.items[0] != "hotel") return std::nullopt;
  for (std::size_t i = 1; i < out.size; ++i) {
    const bool last = i + 1 == out.size;
    if (out.items[i] == kWildcard) {
      if (!last) return std::nullopt;
    } else if (!is_name_segment(out.items[i])) {
      return std::nullopt;
    }
  }
  return out;
}

// A concrete code: a valid pattern without a wildcard.
std::optional<Segments> parse_code(std::string_view text) {
  auto parsed = parse_pattern(text);
  if (!parsed || parsed->ends_with_wildcard()) return std::nullopt;
  return parsed;
}

bool same_prefix(const Segments& a, const Segments& b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (a.items[i] != b.items[i]) return false;
  }
  return true;
}

bool matches(const Segments& pattern, const Segments& code) {
  if (!pattern.ends_with_wildcard()) {
    return pattern.size == code.size && same_prefix(pattern, code, code.size);
  }
  // `*` stands for one or more whole segments after the fixed prefix.
  const std::size_t fixed = pattern.size - 1;
  return code.size > fixed && same_prefix(pattern, code, fixed);
}

}  // namespace

bool is_valid_permission_pattern(std::string_view pattern) { return parse_pattern(pattern).has_value(); }

bool permission_matches(std::string_view pattern, std::string_view code) {
  const auto p = parse_pattern(pattern);
  if (!p) return false;
  const auto c = parse_code(code);
  if (!c) return false;
  return matches(*p, *c);
}

bool any_matches(const std::vector<std::string>& patterns, std::string_view code) {
  const auto c = parse_code(code);
  if (!c) return false;
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    const auto p = parse_pattern(pattern);
    return p && matches(*p, *c);
  });
}

bool pattern_covered_by(std::string_view pattern, const std::vector<std::string>& held) {
  const auto wanted = parse_pattern(pattern);
  if (!wanted) return false;
  for (const auto& h : held) {
    const auto have = parse_pattern(h);
    if (!have) continue;
    if (!wanted->ends_with_wildcard()) {
      if (matches(*have, *wanted)) return true;
      continue;
    }
    // A wildcard matches infinitely many codes, so only a wildcard whose fixed
    // prefix is a prefix of ours covers it; no finite set of codes can.
    if (!have->ends_with_wildcard()) continue;
    const std::size_t have_fixed = have->size - 1;
    const std::size_t wanted_fixed = wanted->size - 1;
    if (have_fixed <= wanted_fixed && same_prefix(*have, *wanted, have_fixed)) return true;
  }
  return false;
}

const std::vector<PermissionInfo>& permission_catalogue() {
  static const std::vector<PermissionInfo> catalogue = {
      {"admin:hotels:read", "View hotels (tenants) on the platform"},
      {"admin:hotels:create", "Register new hotels"},
      {"admin:hotels:update", "Edit hotels and change their status"},
      {"admin:hotels:delete", "Delete (cancel) hotels"},
      {"admin:hotels:impersonate", "Act inside a hotel for support"},
      {"admin:users:read", "View platform staff"},
      {"admin:users:create", "Add platform staff"},
      {"admin:users:update", "Edit platform staff"},
      {"admin:users:delete", "Remove platform staff"},
      {"admin:roles:read", "View platform roles"},
      {"admin:roles:create", "Create platform roles"},
      {"admin:roles:update", "Edit platform roles"},
      {"admin:roles:delete", "Delete platform roles"},
      {"admin:impersonation:read", "View impersonation sessions"},
      {"admin:audit:read", "View the audit log of every hotel"},
      {"admin:dashboard:read", "View the platform dashboard"},
      {"admin:reports:read", "View platform reports"},
      {"admin:reports:export", "Export platform reports"},
      {"hotel:properties:read", "View properties"},
      {"hotel:properties:create", "Add properties"},
      {"hotel:properties:update", "Edit properties"},
      {"hotel:properties:delete", "Delete properties"},
      {"hotel:room_types:read", "View room types"},
      {"hotel:room_types:create", "Add room types"},
      {"hotel:room_types:update", "Edit room types and rates"},
      {"hotel:room_types:delete", "Delete room types"},
      {"hotel:rooms:read", "View rooms"},
      {"hotel:rooms:create", "Add rooms"},
      {"hotel:rooms:update", "Edit rooms"},
      {"hotel:rooms:delete", "Delete rooms"},
      {"hotel:rooms:status", "Change housekeeping status of rooms"},
      {"hotel:guests:read", "View guests"},
      {"hotel:guests:create", "Add guests"},
      {"hotel:guests:update", "Edit guests"},
      {"hotel:guests:delete", "Delete guests"},
      {"hotel:guests:export", "Export all data held on a guest"},
      {"hotel:guests:erase", "Anonymise a guest's personal data"},
      {"hotel:reservations:read", "View reservations and availability"},
      {"hotel:reservations:create", "Create reservations"},
      {"hotel:reservations:update", "Edit, confirm and assign rooms to reservations"},
      {"hotel:reservations:cancel", "Cancel reservations and mark no-shows"},
      {"hotel:reservations:check_in", "Check guests in"},
      {"hotel:reservations:check_out", "Check guests out"},
      {"hotel:payments:read", "View payments"},
      {"hotel:payments:create", "Record payments"},
      {"hotel:payments:refund", "Refund payments"},
      {"hotel:folios:read", "View guest folios"},
      {"hotel:folios:post", "Post charges to guest folios"},
      {"hotel:folios:correct", "Correct folio charges and check out with an open balance"},
      {"hotel:night_audit:read", "View night audits"},
      {"hotel:invoices:read", "View invoices"},
      {"hotel:invoices:create", "Issue invoices and credit notes"},
      {"hotel:night_audit:run", "Run the night audit (close the business date)"},
      {"hotel:incidents:read", "View incidents"},
      {"hotel:incidents:create", "Report incidents"},
      {"hotel:incidents:update", "Edit and resolve incidents"},
      {"hotel:incidents:delete", "Delete incidents"},
      {"hotel:users:read", "View hotel staff"},
      {"hotel:users:create", "Add hotel staff"},
      {"hotel:users:update", "Edit hotel staff"},
      {"hotel:users:delete", "Remove hotel staff"},
      {"hotel:roles:read", "View hotel roles"},
      {"hotel:roles:create", "Create hotel roles"},
      {"hotel:roles:update", "Edit hotel roles"},
      {"hotel:roles:delete", "Delete hotel roles"},
      {"hotel:audit:read", "View this hotel's audit log"},
      {"hotel:dashboard:read", "View the hotel dashboard"},
      {"hotel:reports:read", "View hotel reports"},
      {"hotel:reports:export", "Export hotel reports"},
      {"hotel:events:read", "Follow live updates of what the other permissions show"},
  };
  return catalogue;
}

const std::vector<SystemRole>& system_roles() {
  static const std::vector<SystemRole> roles = {
      {"super-admin", "SuperAdmin", "admin", "Full control of the platform", {"admin:*"}},
      {"support",
       "Support",
       "admin",
       "Looks up hotels and impersonates them to help",
       {"admin:hotels:read", "admin:hotels:impersonate", "admin:audit:read", "admin:impersonation:read",
        "admin:dashboard:read"}},
      {"auditor",
       "Auditor",
       "admin",
       "Reads audit trails and reports",
       {"admin:audit:read", "admin:reports:*", "admin:hotels:read", "admin:impersonation:read",
        "admin:dashboard:read"}},
      {"hotel-manager", "Hotel Manager", "hotel", "Full control of the hotel", {"hotel:*"}},
      {"front-desk",
       "Front Desk",
       "hotel",
       "Guests, reservations, payments and room status",
       {"hotel:guests:read", "hotel:guests:create", "hotel:guests:update", "hotel:reservations:*",
        "hotel:payments:read", "hotel:payments:create", "hotel:folios:read", "hotel:folios:post",
        "hotel:night_audit:read", "hotel:invoices:read", "hotel:invoices:create", "hotel:rooms:read",
        "hotel:rooms:status", "hotel:dashboard:read", "hotel:events:read"}},
      {"housekeeping",
       "Housekeeping",
       "hotel",
       "Room status and incidents",
       {"hotel:rooms:read", "hotel:rooms:status", "hotel:incidents:read", "hotel:incidents:create",
        "hotel:events:read"}},
      {"accountant",
       "Accountant",
       "hotel",
       "Payments and reports",
       {"hotel:payments:*", "hotel:folios:*", "hotel:invoices:*", "hotel:night_audit:read", "hotel:reports:*",
        "hotel:reservations:read", "hotel:dashboard:read", "hotel:events:read"}},
  };
  return roles;
}

const SystemRole* find_system_role(std::string_view scope, std::string_view name) {
  for (const auto& role : system_roles()) {
    if (role.scope == scope && role.name == name) return &role;
  }
  return nullptr;
}

std::vector<std::string> expand_to_catalogue(const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const auto& info : permission_catalogue()) {
    if (any_matches(patterns, info.code)) out.emplace_back(info.code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace keycard::access
