// Who is asking: the verified user, the tenant they act in, their
// permission patterns, and the admin behind an impersonation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::auth {

struct TenantRef {
  std::string id;
  std::string name;
  std::string slug;
  std::string status;
};

struct Impersonation {
  std::string session_id;
  std::string tenant_id;
  std::string tenant_name;
  std::string admin_user_id;
  std::string admin_email;
  std::optional<std::string> target_user_id;
  std::string started_at;
  std::string expires_at;
};

struct Principal {
  std::string user_id;  // during impersonation: the target user, or the admin when none
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string user_type;  // "admin" or "hotel"
  std::optional<TenantRef> tenant;
  std::vector<std::string> roles;        // role names
  std::vector<std::string> permissions;  // patterns, may hold wildcards
  std::vector<std::string> denied;       // patterns taken away (impersonation)
  std::optional<Impersonation> impersonation;
  std::string token_id;                   // jti of the access token
  std::optional<std::string> session_id;  // its refresh family ("sid"), when it has one

  [[nodiscard]] bool can(std::string_view code) const;
  [[nodiscard]] bool is_platform() const { return user_type == "admin" && !impersonation; }
  // The person to hold accountable: the admin when impersonating.
  [[nodiscard]] const std::string& actor_id() const { return impersonation ? impersonation->admin_user_id : user_id; }
};

}  // namespace keycard::auth
