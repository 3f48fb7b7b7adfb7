// Issues access tokens (JWT, minutes) and refresh tokens (random, days,
// stored hashed, rotated within a family).
#pragma once

#include <optional>
#include <string>

#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "db/database.hpp"

namespace keycard::auth {

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  int expires_in = 0;
  std::string family_id;
};

class TokenIssuer {
 public:
  TokenIssuer(const JwtCodec& jwt, int access_ttl_seconds, int refresh_ttl_seconds)
      : jwt_(jwt), access_ttl_(access_ttl_seconds), refresh_ttl_(refresh_ttl_seconds) {}

  // An access token for the principal; `ttl` overrides the configured life
  // (impersonation tokens live as long as their session). `session` is the
  // refresh family the token belongs to (claim "sid"): the authenticator
  // refuses the token once that session is revoked (logout, password change,
  // refresh-token reuse). issue() always sets it.
  [[nodiscard]] std::string access_token(const Principal& p, std::optional<int> ttl = std::nullopt,
                                         const std::optional<std::string>& session = std::nullopt) const;
  // A new pair; `family` continues a rotation, nullopt starts a new one.
  [[nodiscard]] TokenPair issue(db::Transaction& tx, const Principal& p, const std::optional<std::string>& family,
                                const std::string& ip, const std::string& user_agent) const;
  [[nodiscard]] int access_ttl() const { return access_ttl_; }
  [[nodiscard]] int refresh_ttl() const { return refresh_ttl_; }

 private:
  const JwtCodec& jwt_;
  int access_ttl_;
  int refresh_ttl_;
};

}  // namespace keycard::auth
