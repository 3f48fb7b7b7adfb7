// Turns a bearer token into a Principal, checking on every request that the
// user, their membership, the tenant and any impersonation session are still
// live, so a suspension or a role change applies on the very next request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/tenant_scope.hpp"
#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "db/database.hpp"

namespace keycard::auth {

struct Authenticated {
  Principal principal;
  std::optional<access::TenantScope> scope;
};

class Authenticator {
 public:
  Authenticator(db::Database& db, const JwtCodec& jwt) : db_(db), jwt_(jwt) {}

  // Throws Unauthorized (bad or expired token, unknown user) or Forbidden
  // (inactive user, membership or tenant).
  [[nodiscard]] Authenticated authenticate(std::string_view bearer_token) const;

  // Builds the principal of a user acting in a tenant (or on the platform),
  // with the same checks as a request. Used by login, refresh and switch.
  [[nodiscard]] static Principal load(db::Transaction& tx, const std::string& user_id,
                                      const std::optional<std::string>& tenant_id,
                                      const std::optional<std::string>& impersonation_session_id);

  [[nodiscard]] static std::optional<access::TenantScope> scope_of(const Principal& p);

 private:
  db::Database& db_;
  const JwtCodec& jwt_;
};

}  // namespace keycard::auth
