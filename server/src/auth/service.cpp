#include "auth/service.hpp"

#include <boost/json.hpp>

#include <chrono>

#include "access/permissions.hpp"
#include "audit/audit.hpp"
#include "auth/authenticator.hpp"
#include "auth/password.hpp"
#include "auth/repository.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "request/context.hpp"

namespace keycard::auth {
namespace json = boost::json;
namespace {

constexpr std::string_view kBadCredentials = "The email or password is incorrect.";

void log_login(const request::Context& ctx, const std::string& email, std::string_view outcome) {
  metrics::count_login(outcome);
  log::info({{"event", "login_attempt"},
             {"request_id", ctx.request_id},
             {"email", email.substr(0, 254)},
             {"ip", ctx.ip},
             {"outcome", outcome}});
}

long seconds_until_window_frees(const std::optional<std::string>& oldest) {
  if (!oldest) return 1;
  const auto frees = parse_time(*oldest) + std::chrono::seconds(kThrottleWindowSeconds);
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(frees - std::chrono::system_clock::now()).count();
  return std::max<long>(1, static_cast<long>(left) + 1);
}

audit::Actor actor_for(const request::Context& ctx, const Principal& p) {
  auto a = ctx.actor();
  a.user_id = p.user_id;
  a.email = p.email;
  return a;
}

std::optional<std::string> tenant_of(const Principal& p) {
  return p.tenant ? std::optional<std::string>(p.tenant->id) : std::nullopt;
}

Session open_session(request::Context& ctx, const Principal& p, const std::optional<std::string>& family,
                     std::string_view action) {
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  Session s;
  s.tokens = ctx.services.tokens.issue(tx, p, family, ctx.ip, ctx.user_agent);
  s.user = describe(tx, p);
  if (!action.empty()) {
    audit::record(tx, actor_for(ctx, p),
                  {tenant_of(p), std::string(action), "user", p.user_id, json::object{{"ip", ctx.ip}}});
  }
  tx.commit();
  return s;
}

}  // namespace

bool lists_memberships(const Principal& p) { return p.user_type == "hotel" && !p.impersonation; }

json::object describe(const Principal& p) {
  json::object o;
  o["id"] = p.user_id;
  o["email"] = p.email;
  o["first_name"] = p.first_name;
  o["last_name"] = p.last_name;
  o["user_type"] = p.user_type;
  if (p.tenant) {
    o["tenant"] = json::object{
        {"id", p.tenant->id}, {"name", p.tenant->name}, {"slug", p.tenant->slug}, {"status", p.tenant->status}};
  } else {
    o["tenant"] = nullptr;
  }
  json::array roles;
  for (const auto& r : p.roles) roles.push_back(json::value(r));
  o["roles"] = std::move(roles);
  json::array perms;
  for (const auto& code : access::expand_to_catalogue(p.permissions)) {
    if (p.can(code)) perms.push_back(json::value(code));
  }
  o["permissions"] = std::move(perms);
  if (p.impersonation) {
    const auto& i = *p.impersonation;
    o["impersonation"] =
        json::object{{"session_id", i.session_id},       {"tenant_id", i.tenant_id},     {"tenant_name", i.tenant_name},
                     {"admin_user_id", i.admin_user_id}, {"admin_email", i.admin_email}, {"started_at", i.started_at},
                     {"expires_at", i.expires_at}};
  } else {
    o["impersonation"] = nullptr;
  }
  o["tenants"] = json::array();
  return o;
}

json::array member_tenants(db::Transaction& tx, const Principal& p) {
  json::array tenants;
  if (!lists_memberships(p)) return tenants;
  for (const auto& m : repo::memberships(tx, p.user_id)) {
    if (m.tenant_deleted || !m.membership_active) continue;
    tenants.push_back(json::object{{"id", m.tenant_id}, {"name", m.name}, {"slug", m.slug}, {"status", m.status}});
  }
  return tenants;
}

json::object describe(db::Transaction& tx, const Principal& p) {
  auto o = describe(p);
  o["tenants"] = member_tenants(tx, p);
  return o;
}

Session login(request::Context& ctx, const std::string& email, const std::string& password,
              const std::optional<std::string>& tenant_id) {
  auto& db = ctx.db();
  const auto now = std::chrono::system_clock::now();
  const auto since = format_time(now - std::chrono::seconds(kThrottleWindowSeconds));
  std::optional<repo::UserRow> user;
  {
    auto tx = db.begin_platform(db::TxMode::read);
    // An address this account signed in from before is judged on its own
    // failures only, so a stranger's guessing cannot lock the owner out there.
    if (repo::known_address(tx, email, ctx.ip, format_time(now - std::chrono::hours(24 * kKnownAddressDays)))) {
      const auto by_pair = repo::failures_for_pair(tx, email, ctx.ip, since);
      if (by_pair.failures >= kMaxFailuresPerAccount) {
        log_login(ctx, email, "throttled_known_address");
        throw TooManyRequests("Too many failed sign-in attempts for this account. Try again later.",
                              seconds_until_window_frees(by_pair.oldest));
      }
    } else {
      const auto by_email = repo::failures_for_email(tx, email, since);
      if (by_email.failures >= kMaxFailuresPerAccount) {
        log_login(ctx, email, "throttled_account");
        throw TooManyRequests("Too many failed sign-in attempts for this account. Try again later.",
                              seconds_until_window_frees(by_email.oldest));
      }
      const auto by_ip = repo::failures_for_ip(tx, ctx.ip, since);
      if (by_ip.failures >= kMaxFailuresPerAddress) {
        log_login(ctx, email, "throttled_address");
        throw TooManyRequests("Too many failed sign-in attempts from this address. Try again later.",
                              seconds_until_window_frees(by_ip.oldest));
      }
    }
    user = repo::find_user_by_email(tx, email);
    tx.commit();
  }

  // The password check runs outside any transaction: it is slow on purpose.
  bool ok = false;
  if (user && !user->deleted) {
    ok = verify_password(user->password_hash, password);
  } else {
    burn_password_check(password);
  }
  if (!ok) {
    auto tx = db.begin_platform(db::TxMode::write);
    repo::record_attempt(tx, email, ctx.ip, false);
    tx.commit();
    log_login(ctx, email, "invalid_credentials");
    throw Unauthorized(std::string(kBadCredentials), "invalid_credentials");
  }
  if (!user->is_active) {
    log_login(ctx, email, "user_inactive");
    throw Forbidden("This user account is disabled.", "user_inactive");
  }

  std::optional<std::string> tenant;
  if (user->user_type == "hotel") {
    auto tx = db.begin_platform(db::TxMode::read);
    const auto ms = repo::memberships(tx, user->id);
    tx.commit();
    if (tenant_id) {
      tenant = tenant_id;  // Authenticator::load refuses a tenant the user is not a member of
    } else {
      for (const auto& m : ms) {
        if (!m.tenant_deleted && m.membership_active && (m.status == "TRIAL" || m.status == "ACTIVE")) {
          tenant = m.tenant_id;
          break;
        }
      }
      if (!tenant) {
        log_login(ctx, email, "tenant_inactive");
        if (ms.empty()) throw Forbidden("This user belongs to no hotel account.", "no_tenant");
        throw Forbidden("The hotel account of this user is not active.", "tenant_inactive");
      }
    }
  }

  Principal p;
  {
    auto tx = db.begin_platform(db::TxMode::read);
    try {
      p = Authenticator::load(tx, user->id, tenant, std::nullopt);
    } catch (const ApiError& e) {
      log_login(ctx, email, e.code());
      throw;
    }
    tx.commit();
  }
  {
    auto tx = db.begin_platform(db::TxMode::write);
    // Clears this address's failures on the account (not those of other
    // addresses: one sign-in must not hand a guesser elsewhere a fresh budget)
    // and remembers the address as known.
    repo::record_success(tx, email, ctx.ip);
    repo::touch_login(tx, user->id);
    tx.commit();
  }
  if (password_needs_rehash(user->password_hash)) {
    auto tx = db.begin_platform(db::TxMode::write);
    repo::set_password(tx, user->id, hash_password(password));
    tx.commit();
  }
  log_login(ctx, email, "success");
  return open_session(ctx, p, std::nullopt, "auth.login");
}

Session refresh(request::Context& ctx, const std::string& refresh_token) {
  auto& db = ctx.db();
  const auto hash = sha256_hex(refresh_token);
  auto tx = db.begin_platform(db::TxMode::write);
  auto row = repo::consume_refresh(tx, hash);
  if (!row) {
    auto existing = repo::find_refresh(tx, hash);
    if (existing && existing->revoked && !existing->used) {
      throw Unauthorized("This session has ended. Sign in again.", "session_revoked");
    }
    if (existing && existing->used) {
      repo::revoke_family(tx, existing->family_id, "reuse_detected");
      tx.commit();
      log::warn({{"event", "refresh_token_reuse"},
                 {"request_id", ctx.request_id},
                 {"user_id", existing->user_id},
                 {"family_id", existing->family_id},
                 {"ip", ctx.ip}});
      throw Unauthorized("This refresh token was already used; the session has been ended. Sign in again.",
                         "refresh_token_reused");
    }
    throw Unauthorized("The refresh token is invalid or expired. Sign in again.", "invalid_refresh_token");
  }
  auto p = Authenticator::load(tx, row->user_id, row->tenant_id, row->impersonation_session_id);
  Session s;
  s.tokens = ctx.services.tokens.issue(tx, p, row->family_id, ctx.ip, ctx.user_agent);
  s.user = describe(tx, p);
  tx.commit();
  return s;
}

void logout(request::Context& ctx, const std::string& refresh_token) {
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  if (auto row = repo::find_refresh(tx, sha256_hex(refresh_token))) {
    repo::revoke_family(tx, row->family_id, "logout");
    audit::Actor actor = ctx.actor();
    actor.user_id = row->user_id;
    audit::record(tx, actor, {row->tenant_id, "auth.logout", "user", row->user_id, json::object{}});
  }
  tx.commit();
}

Session switch_tenant(request::Context& ctx, const std::string& tenant_id) {
  const auto& me = ctx.user();
  if (me.impersonation) {
    throw Forbidden("End the impersonation session before switching hotels.", "impersonation_forbidden");
  }
  if (me.user_type != "hotel") throw Forbidden("Platform users do not belong to hotels.", "not_a_member");
  Principal p;
  {
    auto tx = ctx.db().begin_platform(db::TxMode::read);
    p = Authenticator::load(tx, me.user_id, tenant_id, std::nullopt);
    tx.commit();
  }
  return open_session(ctx, p, std::nullopt, "auth.tenant_switched");
}

void change_password(request::Context& ctx, const std::string& current, const std::string& next,
                     const std::optional<std::string>& refresh_token) {
  const auto& me = ctx.user();
  if (me.impersonation) {
    throw Forbidden("Credentials cannot be changed while impersonating.", "impersonation_forbidden");
  }
  auto& db = ctx.db();
  std::optional<repo::UserRow> user;
  std::string keep_family;
  {
    auto tx = db.begin_platform(db::TxMode::read);
    user = repo::find_user(tx, me.user_id);
    if (refresh_token) {
      if (auto row = repo::find_refresh(tx, sha256_hex(*refresh_token)); row && row->user_id == me.user_id) {
        keep_family = row->family_id;
      }
    }
    // Without a refresh token, the session of the access token that asked is the one kept.
    if (keep_family.empty() && me.session_id) keep_family = *me.session_id;
    tx.commit();
  }
  if (!user) throw Unauthorized();
  auto problems = password_problems(next, "new_password");
  if (!verify_password(user->password_hash, current)) problems["current_password"] = "is incorrect";
  if (problems.empty() && current == next) problems["new_password"] = "must differ from the current password";
  if (!problems.empty()) throw ValidationError(problems);
  const auto hash = hash_password(next);
  auto tx = db.begin_platform(db::TxMode::write);
  repo::set_password(tx, me.user_id, hash);
  repo::revoke_user_sessions(tx, me.user_id, keep_family, "password_changed");
  audit::record(tx, ctx.actor(),
                {tenant_of(me), "auth.password_changed", "user", me.user_id, json::object{{"password", "changed"}}});
  tx.commit();
}

}  // namespace keycard::auth
