// Staff and roles of either panel: the platform's own staff (users of type
// admin) and roles (no tenant), or one tenant's members and roles. A Panel
// says which one a call serves; the tenant side can only be named through the
// TenantScope that authentication made.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/tenant_scope.hpp"

namespace keycard::staff {

class Panel {
 public:
  [[nodiscard]] static Panel platform() { return Panel(nullptr); }
  [[nodiscard]] static Panel hotel(const access::TenantScope& scope) { return Panel(&scope); }

  [[nodiscard]] bool is_hotel() const { return tenant_ != nullptr; }
  // The permission scope of the panel's roles: "admin" or "hotel".
  [[nodiscard]] std::string_view scope() const { return is_hotel() ? "hotel" : "admin"; }
  // Only for a hotel panel (checked by the caller with is_hotel()).
  [[nodiscard]] const access::TenantScope& tenant() const { return *tenant_; }
  // The audit chain and the tenant_id column value: nullopt for the platform.
  [[nodiscard]] std::optional<std::string> tenant_id() const {
    return tenant_ ? std::optional<std::string>(tenant_->tenant_id()) : std::nullopt;
  }

 private:
  explicit Panel(const access::TenantScope* tenant) : tenant_(tenant) {}
  const access::TenantScope* tenant_;
};

struct RoleRef {
  std::string id, name, display_name;
};

struct Role {
  std::string id, scope, name, display_name;
  std::optional<std::string> description;
  bool is_system = false;
  std::vector<std::string> permissions;  // patterns, sorted
  std::int64_t user_count = 0;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

struct User {
  std::string id, email, first_name, last_name, user_type;
  bool is_active = true;  // platform: the account; hotel: the membership in this tenant
  std::vector<RoleRef> roles;
  std::optional<std::string> last_login_at;
  std::string created_at, updated_at;
  std::optional<std::string> deleted_at;  // platform staff only
  std::optional<std::string> joined_at;   // hotel staff: when the membership began
  std::int64_t version = 1;
};

[[nodiscard]] boost::json::object to_json(const Role& role);
[[nodiscard]] boost::json::object to_json(const User& user);

}  // namespace keycard::staff
