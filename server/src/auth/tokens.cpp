#include "auth/tokens.hpp"

#include <boost/json.hpp>

#include <chrono>

#include "auth/repository.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"

namespace keycard::auth {
namespace json = boost::json;

std::string TokenIssuer::access_token(const Principal& p, std::optional<int> ttl_override,
                                      const std::optional<std::string>& session) const {
  const auto now = std::chrono::system_clock::now();
  const int ttl = ttl_override.value_or(access_ttl_);
  json::object claims;
  claims["sub"] = p.user_id;
  claims["typ"] = "access";
  claims["user_type"] = p.user_type;
  claims["tenant_id"] = p.tenant ? json::value(p.tenant->id) : json::value(nullptr);
  json::array roles;
  for (const auto& r : p.roles) roles.push_back(json::value(r));
  claims["roles"] = std::move(roles);
  if (p.impersonation) {
    const auto& i = *p.impersonation;
    claims["impersonation"] = json::object{{"session_id", i.session_id},
                                           {"tenant_id", i.tenant_id},
                                           {"tenant_name", i.tenant_name},
                                           {"admin_user_id", i.admin_user_id},
                                           {"started_at", i.started_at}};
    claims["act"] = json::object{{"sub", i.admin_user_id}};  // RFC 8693: the admin acting
  }
  claims["iat"] = unix_seconds(now);
  claims["nbf"] = unix_seconds(now);
  claims["exp"] = unix_seconds(now) + ttl;
  claims["jti"] = new_uuid();
  if (session) claims["sid"] = *session;
  return jwt_.sign(std::move(claims));
}

TokenPair TokenIssuer::issue(db::Transaction& tx, const Principal& p, const std::optional<std::string>& family,
                             const std::string& ip, const std::string& user_agent) const {
  TokenPair pair;
  pair.family_id = family.value_or(new_uuid());
  pair.access_token = access_token(p, std::nullopt, pair.family_id);
  pair.expires_in = access_ttl_;
  pair.refresh_token = random_token(32);
  const auto expires = format_time(std::chrono::system_clock::now() + std::chrono::seconds(refresh_ttl_));
  repo::insert_refresh(tx, new_uuid(), pair.family_id, p.user_id,
                       p.tenant ? std::optional<std::string>(p.tenant->id) : std::nullopt,
                       p.impersonation ? std::optional<std::string>(p.impersonation->session_id) : std::nullopt,
                       sha256_hex(pair.refresh_token), expires, ip, user_agent);
  return pair;
}

}  // namespace keycard::auth
