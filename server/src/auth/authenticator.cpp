#include "auth/authenticator.hpp"

#include <boost/json.hpp>

#include "auth/repository.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard::auth {
namespace json = boost::json;
namespace {

// Impersonation never carries credential changes or user deletion.
const std::vector<std::string> kImpersonationDenied = {"hotel:users:delete"};

bool tenant_usable(const repo::MembershipRow& t) {
  return !t.tenant_deleted && (t.status == "TRIAL" || t.status == "ACTIVE");
}

void require_tenant_usable(const repo::MembershipRow& t) {
  if (!tenant_usable(t)) {
    throw Forbidden("The hotel account '" + t.name + "' is " + (t.tenant_deleted ? "deleted" : t.status) + ".",
                    "tenant_inactive");
  }
}

std::optional<std::string> string_claim(const json::object& claims, std::string_view key) {
  auto it = claims.find(key);
  if (it == claims.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

// JwtCodec::verify has checked both are integers.
std::int64_t int_claim(const json::object& claims, std::string_view key) {
  const auto& v = claims.at(key);
  return v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
}

[[noreturn]] void session_ended() { throw Unauthorized("This session has ended. Sign in again.", "session_revoked"); }

}  // namespace

Principal Authenticator::load(db::Transaction& tx, const std::string& user_id,
                              const std::optional<std::string>& tenant_id,
                              const std::optional<std::string>& impersonation_session_id,
                              const std::optional<std::string>& access_session) {
  Principal p;
  if (impersonation_session_id) {
    auto s = repo::impersonation(tx, *impersonation_session_id);
    if (!s || s->ended_at || s->expires_at <= now_text()) {
      throw Unauthorized("The impersonation session has ended.", "impersonation_ended");
    }
    if (access_session && !repo::session_live(tx, *access_session)) session_ended();
    auto admin = repo::find_user(tx, s->admin_user_id);
    if (!admin || admin->deleted || !admin->is_active) throw Unauthorized();
    auto t = repo::tenant(tx, s->tenant_id);
    if (!t) throw Unauthorized();
    require_tenant_usable(*t);
    p.impersonation = Impersonation{s->id,        s->tenant_id,      t->name,       admin->id,
                                    admin->email, s->target_user_id, s->started_at, s->expires_at};
    p.tenant = TenantRef{t->tenant_id, t->name, t->slug, t->status};
    p.denied = kImpersonationDenied;
    if (s->target_user_id) {
      auto target = repo::find_user(tx, *s->target_user_id);
      if (!target || target->deleted) throw Unauthorized();
      p.user_id = target->id;
      p.email = target->email;
      p.first_name = target->first_name;
      p.last_name = target->last_name;
      p.user_type = target->user_type;
      auto g = repo::grants(tx, target->id, s->tenant_id);
      p.roles = std::move(g.roles);
      p.permissions = std::move(g.permissions);
    } else {
      p.user_id = admin->id;
      p.email = admin->email;
      p.first_name = admin->first_name;
      p.last_name = admin->last_name;
      p.user_type = "hotel";
      p.roles = {"hotel-manager"};
      p.permissions = repo::role_permissions(tx, s->tenant_id, "hotel-manager");
    }
    return p;
  }

  std::optional<repo::UserRow> user;
  bool live = true;
  if (access_session) {
    auto found = repo::find_user_in_session(tx, user_id, *access_session);
    user = std::move(found.user);
    live = found.session_live;
  } else {
    user = repo::find_user(tx, user_id);
  }
  if (!user || user->deleted) throw Unauthorized("The user no longer exists.", "invalid_token");
  if (!user->is_active) throw Forbidden("This user account is disabled.", "user_inactive");
  p.user_id = user->id;
  p.email = user->email;
  p.first_name = user->first_name;
  p.last_name = user->last_name;
  p.user_type = user->user_type;
  if (tenant_id) {
    if (user->user_type != "hotel") throw Unauthorized();
    auto m = repo::membership(tx, *tenant_id, user->id);
    if (!m) throw Forbidden("You are not a member of this hotel account.", "not_a_member");
    require_tenant_usable(*m);
    if (!m->membership_active) throw Forbidden("Your access to this hotel account is disabled.", "membership_inactive");
    p.tenant = TenantRef{m->tenant_id, m->name, m->slug, m->status};
  }
  // Deactivating a user or a membership revokes the sessions too; the 403s
  // above say more than "session ended", so they go first.
  if (!live) session_ended();
  if (!tenant_id && user->user_type == "hotel") {
    // A hotel user without a tenant can do nothing but see who they are.
    return p;
  }
  auto g = repo::grants(tx, user->id, tenant_id);
  p.roles = std::move(g.roles);
  p.permissions = std::move(g.permissions);
  return p;
}

namespace {

// A hotel user's principal from what tenant_principal read.
Principal build_tenant_user(repo::TenantPrincipal found) {
  // The same checks, in the same order, as load().
  const auto& user = found.user.user;
  if (!user || user->deleted) throw Unauthorized("The user no longer exists.", "invalid_token");
  if (!user->is_active) throw Forbidden("This user account is disabled.", "user_inactive");
  if (user->user_type != "hotel") throw Unauthorized();
  Principal p;
  p.user_id = user->id;
  p.email = user->email;
  p.first_name = user->first_name;
  p.last_name = user->last_name;
  p.user_type = user->user_type;
  const auto& m = found.membership;
  if (!m) throw Forbidden("You are not a member of this hotel account.", "not_a_member");
  require_tenant_usable(*m);
  if (!m->membership_active) throw Forbidden("Your access to this hotel account is disabled.", "membership_inactive");
  p.tenant = TenantRef{m->tenant_id, m->name, m->slug, m->status};
  if (!found.user.session_live) session_ended();
  p.roles = std::move(found.grants.roles);
  p.permissions = std::move(found.grants.permissions);
  return p;
}

}  // namespace

Principal Authenticator::load_tenant_user(const std::string& user_id, const std::string& tenant_id,
                                          const std::string& access_session, bool cached,
                                          std::shared_ptr<db::RequestCheck>& check) const {
  const auto key = PrincipalCache::key(user_id, tenant_id, access_session);
  if (cached) {
    if (auto hit = cache_.find(key)) {
      check = std::make_shared<db::RequestCheck>();
      check->sql = repo::access_stamp_sql();
      check->params = repo::access_stamp_params(user_id, tenant_id);
      check->holds = [cache = &cache_, key, stamp = hit->stamp](const db::Result& r) {
        return cache->still_valid(key, stamp, repo::access_stamp(r));
      };
      return std::move(hit->principal);
    }
  }
  auto found = repo::tenant_principal(db_, user_id, tenant_id, access_session);
  const auto stamp = found.stamp;
  auto p = build_tenant_user(std::move(found));
  // Only a principal that passed every check is kept.
  cache_.put(key, CachedPrincipal{p, stamp});
  return p;
}

std::optional<access::TenantScope> Authenticator::scope_of(const Principal& p) {
  if (p.tenant) return access::TenantScope(p.tenant->id);
  return std::nullopt;
}

Authenticated Authenticator::authenticate(std::string_view bearer_token, bool cached) const {
  auto invalid = [] { throw Unauthorized("The access token is invalid.", "invalid_token"); };
  const auto claims =
      jwt_.verify(bearer_token, "access", std::chrono::seconds(std::max(access_ttl_, kMaxImpersonationSeconds)));
  const auto sub = string_claim(claims, "sub");
  if (!sub || !is_uuid(*sub)) invalid();
  auto tenant_id = string_claim(claims, "tenant_id");
  std::optional<std::string> session_id;
  if (auto it = claims.find("impersonation"); it != claims.end() && it->value().is_object()) {
    session_id = string_claim(it->value().as_object(), "session_id");
    if (!session_id || !is_uuid(*session_id)) invalid();
  }
  if (tenant_id && !is_uuid(*tenant_id)) invalid();
  std::optional<std::string> access_session;
  if (claims.contains("sid")) {
    access_session = string_claim(claims, "sid");
    if (!access_session || !is_uuid(*access_session)) invalid();
  }
  const std::int64_t iat = int_claim(claims, "iat");
  const std::int64_t exp = int_claim(claims, "exp");
  // Outside impersonation a token lives at most the configured TTL.
  if (!session_id && exp - iat > access_ttl_) invalid();

  Principal principal;
  std::shared_ptr<db::RequestCheck> check;
  if (!session_id && tenant_id && access_session) {
    principal = load_tenant_user(*sub, *tenant_id, *access_session, cached, check);
  } else {
    auto tx = db_.begin_platform(db::TxMode::read);
    principal = load(tx, *sub, tenant_id, session_id, access_session);
    tx.commit();
  }
  if (principal.impersonation && (!tenant_id || *tenant_id != principal.impersonation->tenant_id)) invalid();
  // An impersonation token lives at most as long as its session and is not
  // older than it (load() has refused the token once the session is over).
  if (principal.impersonation) {
    const auto started = parse_time(principal.impersonation->started_at);
    const auto session_life =
        std::chrono::ceil<std::chrono::seconds>(parse_time(principal.impersonation->expires_at) - started).count();
    if (exp - iat > session_life || iat < unix_seconds(started) - 1) invalid();
  }
  principal.token_id = string_claim(claims, "jti").value_or("");
  principal.session_id = access_session;
  auto scope = scope_of(principal);
  return Authenticated{std::move(principal), std::move(scope), std::move(check)};
}

}  // namespace keycard::auth
