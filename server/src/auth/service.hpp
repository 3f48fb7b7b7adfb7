// Login, refresh rotation with reuse detection, logout, switch tenant and
// change password: the rules of API.md's Auth section.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "auth/tokens.hpp"
#include "request/context.hpp"

namespace keycard::auth {

struct Session {
  TokenPair tokens;
  boost::json::object user;  // the /me answer
};

// Login throttling over a 15-minute window: 5 failures per account, 20 per
// client address. An address that signed in to the account within
// kKnownAddressDays is exempt from both and gets its own 5 failures instead.
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerAddress = 20;
inline constexpr int kThrottleWindowSeconds = 15 * 60;
inline constexpr int kKnownAddressDays = 30;

Session login(request::Context& ctx, const std::string& email, const std::string& password,
              const std::optional<std::string>& tenant_id);
Session refresh(request::Context& ctx, const std::string& refresh_token);
void logout(request::Context& ctx, const std::string& refresh_token);
Session switch_tenant(request::Context& ctx, const std::string& tenant_id);
void change_password(request::Context& ctx, const std::string& current, const std::string& next,
                     const std::optional<std::string>& refresh_token);

// The /api/auth/me answer for a principal. Only a hotel user's own answer
// lists tenants (those they may switch to) and needs the database;
// describe(p) alone answers `tenants: []`.
boost::json::object describe(db::Transaction& tx, const Principal& p);
[[nodiscard]] boost::json::object describe(const Principal& p);
[[nodiscard]] bool lists_memberships(const Principal& p);

}  // namespace keycard::auth
