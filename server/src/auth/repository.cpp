#include "auth/repository.hpp"

#include <chrono>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/utf8.hpp"

namespace keycard::auth::repo {
namespace {

constexpr std::string_view kUserByEmail = R"sql(
SELECT id, email, password_hash, first_name, last_name, user_type, is_active, deleted_at
FROM users WHERE email = $1)sql";
constexpr std::string_view kUserById = R"sql(
SELECT id, email, password_hash, first_name, last_name, user_type, is_active, deleted_at
FROM users WHERE id = $1)sql";
constexpr std::string_view kUserInSession = R"sql(
SELECT id, email, password_hash, first_name, last_name, user_type, is_active, deleted_at,
  EXISTS (SELECT 1 FROM refresh_sessions s
          WHERE s.family_id = $2 AND s.user_id = users.id AND s.used_at IS NULL AND s.revoked_at IS NULL)
FROM users WHERE id = $1)sql";
// One row per (role, permission) of the user in the tenant, or one row with
// NULL grants; NULL membership columns when the user is not a member.
constexpr std::string_view kTenantPrincipal = R"sql(
SELECT u.id, u.email, u.first_name, u.last_name, u.user_type, u.is_active, u.deleted_at,
  EXISTS (SELECT 1 FROM refresh_sessions s
          WHERE s.family_id = $2 AND s.user_id = u.id AND s.used_at IS NULL AND s.revoked_at IS NULL),
  t.id, t.name, t.slug, t.status, t.deleted_at, tu.is_active, r.name, rp.permission,
  u.access_version, COALESCE((SELECT a.version FROM access_versions a WHERE a.tenant_id = $3), 0)
FROM users u
LEFT JOIN tenant_users tu ON tu.tenant_id = $3 AND tu.user_id = u.id
LEFT JOIN tenants t ON t.id = tu.tenant_id
LEFT JOIN user_roles ur ON ur.user_id = u.id AND ur.tenant_id = tu.tenant_id
LEFT JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id AND r.scope = 'hotel'
LEFT JOIN role_permissions rp ON rp.tenant_id = r.tenant_id AND rp.role_id = r.id
WHERE u.id = $1)sql";
// Readable in any scope: users has no row-level security, and a tenant
// transaction sees its own tenant's access_versions row.
constexpr std::string_view kAccessStamp = R"sql(
SELECT u.access_version, COALESCE((SELECT a.version FROM access_versions a WHERE a.tenant_id = $2), 0)
FROM users u WHERE u.id = $1)sql";
constexpr std::string_view kSessionLive = R"sql(
SELECT EXISTS (SELECT 1 FROM refresh_sessions WHERE family_id = $1 AND used_at IS NULL AND revoked_at IS NULL))sql";
constexpr std::string_view kMemberships = R"sql(
SELECT t.id, t.name, t.slug, t.status, t.deleted_at, tu.is_active
FROM tenant_users tu JOIN tenants t ON t.id = tu.tenant_id
WHERE tu.user_id = $1 ORDER BY tu.created_at, t.name)sql";
constexpr std::string_view kMembership = R"sql(
SELECT t.id, t.name, t.slug, t.status, t.deleted_at, tu.is_active
FROM tenant_users tu JOIN tenants t ON t.id = tu.tenant_id
WHERE tu.tenant_id = $1 AND tu.user_id = $2)sql";
constexpr std::string_view kTenant = R"sql(
SELECT id, name, slug, status, deleted_at FROM tenants WHERE id = $1)sql";
constexpr std::string_view kPlatformGrants = R"sql(
SELECT r.name, rp.permission
FROM user_roles ur JOIN roles r ON r.id = ur.role_id
LEFT JOIN role_permissions rp ON rp.role_id = r.id
WHERE ur.user_id = $1 AND ur.tenant_id IS NULL AND r.scope = 'admin')sql";
constexpr std::string_view kTenantGrants = R"sql(
SELECT r.name, rp.permission
FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
LEFT JOIN role_permissions rp ON rp.tenant_id = r.tenant_id AND rp.role_id = r.id
WHERE ur.user_id = $1 AND ur.tenant_id = $2 AND r.scope = 'hotel')sql";
constexpr std::string_view kRolePermissions = R"sql(
SELECT rp.permission FROM roles r JOIN role_permissions rp ON rp.tenant_id = r.tenant_id AND rp.role_id = r.id
WHERE r.tenant_id = $1 AND r.name = $2)sql";

constexpr std::string_view kInsertRefresh = R"sql(
INSERT INTO refresh_sessions (id, family_id, user_id, tenant_id, impersonation_session_id, token_hash,
  created_at, expires_at, ip, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql";
constexpr std::string_view kConsumeRefresh = R"sql(
UPDATE refresh_sessions SET used_at = $2
WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
RETURNING id, family_id, user_id, tenant_id, impersonation_session_id)sql";
constexpr std::string_view kFindRefresh = R"sql(
SELECT id, family_id, user_id, tenant_id, impersonation_session_id, used_at, revoked_at, expires_at
FROM refresh_sessions WHERE token_hash = $1)sql";
constexpr std::string_view kRevokeFamily = R"sql(
UPDATE refresh_sessions SET revoked_at = $2, revoked_reason = $3
WHERE family_id = $1 AND revoked_at IS NULL)sql";
constexpr std::string_view kRevokeUser = R"sql(
UPDATE refresh_sessions SET revoked_at = $3, revoked_reason = $4
WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL AND used_at IS NULL)sql";
constexpr std::string_view kRevokeUserAll = R"sql(
UPDATE refresh_sessions SET revoked_at = $2, revoked_reason = $3
WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL)sql";

constexpr std::string_view kFailuresEmail = R"sql(
SELECT count(*), min(created_at) FROM login_attempts
WHERE email = $1 AND succeeded = $2 AND created_at > $3)sql";
constexpr std::string_view kFailuresIp = R"sql(
SELECT count(*), min(created_at) FROM login_attempts
WHERE ip = $1 AND succeeded = $2 AND created_at > $3)sql";
constexpr std::string_view kFailuresPair = R"sql(
SELECT count(*), min(created_at) FROM login_attempts
WHERE email = $1 AND ip = $2 AND succeeded = $3 AND created_at > $4)sql";
constexpr std::string_view kKnownAddress = R"sql(
SELECT count(*) FROM login_attempts WHERE email = $1 AND ip = $2 AND succeeded = $3 AND created_at > $4)sql";
constexpr std::string_view kForgetPair = R"sql(
DELETE FROM login_attempts WHERE email = $1 AND ip = $2)sql";
constexpr std::string_view kRecordAttempt = R"sql(
INSERT INTO login_attempts (id, email, ip, succeeded, created_at) VALUES ($1, $2, $3, $4, $5))sql";
constexpr std::string_view kTouchLogin = "UPDATE users SET last_login_at = $2 WHERE id = $1";
constexpr std::string_view kSetPassword = R"sql(
UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, updated_by = $1,
  version = version + 1 WHERE id = $1)sql";
constexpr std::string_view kImpersonation = R"sql(
SELECT id, tenant_id, admin_user_id, target_user_id, reason, started_at, expires_at, ended_at
FROM impersonation_sessions WHERE id = $1)sql";

UserRow to_user(const db::Row& r) {
  return UserRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.boolean(6), !r.is_null(7)};
}

MembershipRow to_membership(const db::Row& r, bool with_membership) {
  MembershipRow m{r.text(0), r.text(1), r.text(2), r.text(3), !r.is_null(4), true};
  if (with_membership) m.membership_active = r.boolean(5);
  return m;
}

Grants to_grants(const db::Result& res) {
  Grants g;
  for (const auto& row : res.rows) {
    const auto& role = row.text(0);
    if (std::find(g.roles.begin(), g.roles.end(), role) == g.roles.end()) g.roles.push_back(role);
    if (auto p = row.opt_text(1);
        p && std::find(g.permissions.begin(), g.permissions.end(), *p) == g.permissions.end()) {
      g.permissions.push_back(*p);
    }
  }
  std::sort(g.roles.begin(), g.roles.end());
  std::sort(g.permissions.begin(), g.permissions.end());
  return g;
}

FailureWindow to_window(const std::optional<db::Row>& row) {
  FailureWindow w;
  if (row) {
    w.failures = row->int64(0);
    w.oldest = row->opt_text(1);
  }
  return w;
}

}  // namespace

std::optional<UserRow> find_user_by_email(db::Transaction& tx, const std::string& email) {
  if (auto r = tx.one(kUserByEmail, {email})) return to_user(*r);
  return std::nullopt;
}

std::optional<UserRow> find_user(db::Transaction& tx, const std::string& id) {
  if (auto r = tx.one(kUserById, {id})) return to_user(*r);
  return std::nullopt;
}

UserInSession find_user_in_session(db::Transaction& tx, const std::string& id, const std::string& session) {
  UserInSession out;
  if (auto r = tx.one(kUserInSession, {id, session})) {
    out.user = to_user(*r);
    out.session_live = r->boolean(8);
  }
  return out;
}

TenantPrincipal tenant_principal(db::Database& db, const std::string& user_id, const std::string& tenant_id,
                                 const std::string& session) {
  const auto res = db.read_platform(kTenantPrincipal, {user_id, session, tenant_id});
  TenantPrincipal out;
  if (res.rows.empty()) return out;
  const auto& r = res.rows.front();
  out.user.user =
      UserRow{r.text(0), r.text(1), std::string(), r.text(2), r.text(3), r.text(4), r.boolean(5), !r.is_null(6)};
  out.user.session_live = r.boolean(7);
  out.stamp = AccessStamp{r.int64(16), r.int64(17)};
  if (!r.is_null(8)) {
    out.membership = MembershipRow{r.text(8), r.text(9), r.text(10), r.text(11), !r.is_null(12), r.boolean(13)};
  }
  db::Result grant_rows;
  for (const auto& row : res.rows) {
    if (!row.is_null(14)) grant_rows.rows.push_back(db::Row({row.opt_text(14), row.opt_text(15)}));
  }
  out.grants = to_grants(grant_rows);
  return out;
}

std::string_view access_stamp_sql() { return kAccessStamp; }

db::Params access_stamp_params(const std::string& user_id, const std::string& tenant_id) {
  return {user_id, tenant_id};
}

std::optional<AccessStamp> access_stamp(const db::Result& result) {
  if (result.rows.empty()) return std::nullopt;
  const auto& r = result.rows.front();
  return AccessStamp{r.int64(0), r.int64(1)};
}

bool session_live(db::Transaction& tx, const std::string& session) {
  auto r = tx.one(kSessionLive, {session});
  return r && r->boolean(0);
}

std::vector<MembershipRow> memberships(db::Transaction& tx, const std::string& user_id) {
  std::vector<MembershipRow> out;
  for (const auto& r : tx.exec(kMemberships, {user_id}).rows) out.push_back(to_membership(r, true));
  return out;
}

std::optional<MembershipRow> membership(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id) {
  if (auto r = tx.one(kMembership, {tenant_id, user_id})) return to_membership(*r, true);
  return std::nullopt;
}

std::optional<MembershipRow> tenant(db::Transaction& tx, const std::string& tenant_id) {
  if (auto r = tx.one(kTenant, {tenant_id})) return to_membership(*r, false);
  return std::nullopt;
}

Grants grants(db::Transaction& tx, const std::string& user_id, const std::optional<std::string>& tenant_id) {
  if (tenant_id) return to_grants(tx.exec(kTenantGrants, {user_id, *tenant_id}));
  return to_grants(tx.exec(kPlatformGrants, {user_id}));
}

std::vector<std::string> role_permissions(db::Transaction& tx, const std::string& tenant_id, const std::string& role) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec(kRolePermissions, {tenant_id, role}).rows) out.push_back(r.text(0));
  return out;
}

void insert_refresh(db::Transaction& tx, const std::string& id, const std::string& family_id,
                    const std::string& user_id, const std::optional<std::string>& tenant_id,
                    const std::optional<std::string>& impersonation_session_id, const std::string& token_hash,
                    const std::string& expires_at, const std::string& ip, const std::string& user_agent) {
  tx.exec(kInsertRefresh, {id, family_id, user_id, db::nullable(tenant_id), db::nullable(impersonation_session_id),
                           token_hash, now_text(), expires_at, ip, clean_text(user_agent, 512)});
}

std::optional<RefreshRow> consume_refresh(db::Transaction& tx, const std::string& token_hash) {
  auto r = tx.one(kConsumeRefresh, {token_hash, now_text()});
  if (!r) return std::nullopt;
  return RefreshRow{r->text(0), r->text(1), r->text(2), r->opt_text(3), r->opt_text(4), true, false, false};
}

std::optional<RefreshRow> find_refresh(db::Transaction& tx, const std::string& token_hash) {
  auto r = tx.one(kFindRefresh, {token_hash});
  if (!r) return std::nullopt;
  return RefreshRow{r->text(0),     r->text(1),     r->text(2),     r->opt_text(3),
                    r->opt_text(4), !r->is_null(5), !r->is_null(6), r->text(7) <= now_text()};
}

void revoke_family(db::Transaction& tx, const std::string& family_id, const std::string& reason) {
  tx.exec(kRevokeFamily, {family_id, now_text(), reason});
}

void revoke_user_sessions(db::Transaction& tx, const std::string& user_id, const std::string& keep_family,
                          const std::string& reason) {
  if (keep_family.empty()) {
    tx.exec(kRevokeUserAll, {user_id, now_text(), reason});
  } else {
    tx.exec(kRevokeUser, {user_id, keep_family, now_text(), reason});
  }
}

FailureWindow failures_for_email(db::Transaction& tx, const std::string& email, const std::string& since) {
  return to_window(tx.one(kFailuresEmail, {email, false, since}));
}

FailureWindow failures_for_ip(db::Transaction& tx, const std::string& ip, const std::string& since) {
  return to_window(tx.one(kFailuresIp, {ip, false, since}));
}

FailureWindow failures_for_pair(db::Transaction& tx, const std::string& email, const std::string& ip,
                                const std::string& since) {
  return to_window(tx.one(kFailuresPair, {email, ip, false, since}));
}

bool known_address(db::Transaction& tx, const std::string& email, const std::string& ip, const std::string& since) {
  auto r = tx.one(kKnownAddress, {email, ip, true, since});
  return r && r->int64(0) > 0;
}

void record_success(db::Transaction& tx, const std::string& email, const std::string& ip) {
  tx.exec(kForgetPair, {email, ip});
  record_attempt(tx, email, ip, true);
}

void record_attempt(db::Transaction& tx, const std::string& email, const std::string& ip, bool succeeded) {
  tx.exec(kRecordAttempt, {new_uuid(), clean_text(email, 254), ip, succeeded, now_text()});
}

void touch_login(db::Transaction& tx, const std::string& user_id) { tx.exec(kTouchLogin, {user_id, now_text()}); }

void set_password(db::Transaction& tx, const std::string& user_id, const std::string& hash) {
  tx.exec(kSetPassword, {user_id, hash, now_text()});
}

std::optional<ImpersonationRow> impersonation(db::Transaction& tx, const std::string& session_id) {
  auto r = tx.one(kImpersonation, {session_id});
  if (!r) return std::nullopt;
  return ImpersonationRow{r->text(0), r->text(1), r->text(2),     r->text(4),
                          r->text(5), r->text(6), r->opt_text(3), r->opt_text(7)};
}

}  // namespace keycard::auth::repo
