// HS256 JSON Web Tokens (RFC 7519) for access and impersonation tokens.
//
// One algorithm only: the header must say exactly "HS256", whatever else it
// says, so "none", HS512 or RS256 key-confusion tokens are refused. The key is
// picked by `kid` among the current and previous secrets (rotation without
// logging everyone out); `exp` (no leeway), `nbf` and `iat` (5 s of clock
// skew), `iss`, `aud` and the token type claim `typ` are all checked, and so
// is the lifetime: `iat` is required and `exp - iat` may not exceed the
// caller's limit, so a token signed with a far-future `exp` is refused even
// though its signature is good. Every failure is keycard::Unauthorized
// ("invalid_token" or "token_expired") and never repeats the token.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::auth {

struct JwtKey {
  std::string kid;     // empty: derived with JwtCodec::kid_for(secret)
  std::string secret;  // at least 32 bytes (RFC 7518 §3.2), else ConfigError
};

class JwtCodec {
 public:
  static constexpr std::size_t kMaxTokenBytes = 8 * 1024;
  static constexpr std::chrono::seconds kClockSkew{5};

  // Throws keycard::ConfigError for a secret shorter than 32 bytes.
  JwtCodec(JwtKey current, std::vector<JwtKey> previous = {}, std::string issuer = "keycard",
           std::string audience = "keycard-api");

  // Header {"alg":"HS256","typ":"JWT","kid":current.kid}; sets "iss" and "aud"
  // itself. The caller supplies sub, iat, nbf, exp, jti, typ and the rest.
  [[nodiscard]] std::string sign(boost::json::object claims) const;

  // The verified claims, or throws keycard::Unauthorized. `max_lifetime` is
  // the longest `exp - iat` a token of this type may have.
  [[nodiscard]] boost::json::object verify(
      std::string_view token, std::string_view expected_type, std::chrono::seconds max_lifetime,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;

  // First 16 hex characters of SHA-256 of the secret: names a key without revealing it.
  [[nodiscard]] static std::string kid_for(std::string_view secret);

 private:
  [[nodiscard]] const JwtKey* find_key(std::string_view kid) const;

  JwtKey current_;
  std::vector<JwtKey> previous_;
  std::string issuer_;
  std::string audience_;
};

// RFC 4648 §5 base64url without padding (libsodium), as JWTs spell it.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);

}  // namespace keycard::auth
