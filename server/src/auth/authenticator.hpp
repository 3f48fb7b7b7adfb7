// Turns a bearer token into a Principal, checking on every request that the
// user, their membership, the tenant, the session the token was issued in
// and any impersonation session are still live, so a suspension, a role
// change, a logout or a password change applies on the very next request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "access/tenant_scope.hpp"
#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "auth/principal_cache.hpp"
#include "db/database.hpp"

namespace keycard::auth {

struct Authenticated {
  Principal principal;
  std::optional<access::TenantScope> scope;
  // Set when the principal came from this instance's cache: the request must
  // run this check (the principal's access stamp) with its first statement,
  // or on its own before answering, and start over with a fresh principal
  // when it does not hold (App::dispatch).
  std::shared_ptr<db::RequestCheck> check;
};

// The longest an impersonation session, and so its token, may last
// (platform/impersonation's kMaxMinutes; the session row bounds each token
// more tightly).
inline constexpr int kMaxImpersonationSeconds = 60 * 60;

class Authenticator {
 public:
  // `access_ttl_seconds`: the configured access-token life, the longest a
  // token outside impersonation may live (exp - iat).
  Authenticator(db::Database& db, const JwtCodec& jwt, int access_ttl_seconds)
      : db_(db), jwt_(jwt), access_ttl_(access_ttl_seconds) {}

  // Throws Unauthorized (bad or expired token, unknown user) or Forbidden
  // (inactive user, membership or tenant).
  // `cached`: whether a principal from the cache may serve (with a check).
  [[nodiscard]] Authenticated authenticate(std::string_view bearer_token, bool cached = true) const;

  // Builds the principal of a user acting in a tenant (or on the platform),
  // with the same checks as a request. Used by login, refresh and switch.
  // `access_session`: the refresh family an access token names ("sid"),
  // which must still be live.
  [[nodiscard]] static Principal load(db::Transaction& tx, const std::string& user_id,
                                      const std::optional<std::string>& tenant_id,
                                      const std::optional<std::string>& impersonation_session_id,
                                      const std::optional<std::string>& access_session = std::nullopt);

  [[nodiscard]] static std::optional<access::TenantScope> scope_of(const Principal& p);

 private:
  // The common case, a hotel user's session token in a tenant. From the
  // cache: the principal and the check of its stamp, no statement yet.
  // Otherwise the user, session, membership, tenant, grants and stamp in
  // one statement (one round trip), and the principal is cached.
  [[nodiscard]] Principal load_tenant_user(const std::string& user_id, const std::string& tenant_id,
                                           const std::string& access_session, bool cached,
                                           std::shared_ptr<db::RequestCheck>& check) const;
  db::Database& db_;
  mutable PrincipalCache cache_;  // thread-safe; holds no state a request can see

  const JwtCodec& jwt_;
  int access_ttl_;
};

}  // namespace keycard::auth
