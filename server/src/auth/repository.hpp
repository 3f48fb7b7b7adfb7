// SQL of the auth module: users, memberships, role grants, refresh sessions,
// login attempts and impersonation sessions. Runs in platform-scope
// transactions: authentication happens before there is a tenant scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace keycard::auth::repo {

struct UserRow {
  std::string id, email, password_hash, first_name, last_name, user_type;
  bool is_active = true;
  bool deleted = false;
};

struct MembershipRow {
  std::string tenant_id, name, slug, status;
  bool tenant_deleted = false;
  bool membership_active = true;
};

struct Grants {
  std::vector<std::string> roles;
  std::vector<std::string> permissions;
};

struct RefreshRow {
  std::string id, family_id, user_id;
  std::optional<std::string> tenant_id, impersonation_session_id;
  bool used = false, revoked = false, expired = false;
};

struct ImpersonationRow {
  std::string id, tenant_id, admin_user_id, reason, started_at, expires_at;
  std::optional<std::string> target_user_id, ended_at;
};

std::optional<UserRow> find_user_by_email(db::Transaction& tx, const std::string& email);
std::optional<UserRow> find_user(db::Transaction& tx, const std::string& id);
// The user and, in the same query, whether the refresh family `session` still
// has a live (unused, unrevoked) token: the access-token revocation check
// costs no extra round trip.
struct UserInSession {
  std::optional<UserRow> user;
  bool session_live = false;
};
UserInSession find_user_in_session(db::Transaction& tx, const std::string& id, const std::string& session);
// What a principal was built from: the user's and the tenant's access
// versions (migration 0004: triggers move them on every change to the user,
// their sessions, the tenant, its memberships, roles and grants). Equal
// stamps mean an equal principal.
struct AccessStamp {
  std::int64_t user_version = 0;
  std::int64_t tenant_version = 0;
  bool operator==(const AccessStamp&) const = default;
};
// A hotel user, their session, their membership of a tenant (with the
// tenant), their grants there and the access stamp, read in one statement in
// platform scope.
struct TenantPrincipal {
  UserInSession user;
  std::optional<MembershipRow> membership;
  Grants grants;
  AccessStamp stamp;  // read in the same statement, so of the same snapshot
};
TenantPrincipal tenant_principal(db::Database& db, const std::string& user_id, const std::string& tenant_id,
                                 const std::string& session);
// The stamp alone, in one cheap statement that reads the same in the tenant's
// scope as in the platform's, with its parameters, and read back from its
// result (nullopt: no such user).
std::string_view access_stamp_sql();
db::Params access_stamp_params(const std::string& user_id, const std::string& tenant_id);
std::optional<AccessStamp> access_stamp(const db::Result& result);
bool session_live(db::Transaction& tx, const std::string& session);
std::vector<MembershipRow> memberships(db::Transaction& tx, const std::string& user_id);
std::optional<MembershipRow> membership(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id);
std::optional<MembershipRow> tenant(db::Transaction& tx, const std::string& tenant_id);
// Roles and permission patterns of a user: platform ones when tenant is empty.
Grants grants(db::Transaction& tx, const std::string& user_id, const std::optional<std::string>& tenant_id);
// Permission patterns of a tenant's role, by name (system roles).
std::vector<std::string> role_permissions(db::Transaction& tx, const std::string& tenant_id, const std::string& role);

void insert_refresh(db::Transaction& tx, const std::string& id, const std::string& family_id,
                    const std::string& user_id, const std::optional<std::string>& tenant_id,
                    const std::optional<std::string>& impersonation_session_id, const std::string& token_hash,
                    const std::string& expires_at, const std::string& ip, const std::string& user_agent);
// Marks a live token spent and returns it; nullopt when it was not live.
std::optional<RefreshRow> consume_refresh(db::Transaction& tx, const std::string& token_hash);
std::optional<RefreshRow> find_refresh(db::Transaction& tx, const std::string& token_hash);
void revoke_family(db::Transaction& tx, const std::string& family_id, const std::string& reason);
// Revokes every live session of a user except one family (may be empty).
void revoke_user_sessions(db::Transaction& tx, const std::string& user_id, const std::string& keep_family,
                          const std::string& reason);

struct FailureWindow {
  std::int64_t failures = 0;
  std::optional<std::string> oldest;  // the oldest failure counted
};
FailureWindow failures_for_email(db::Transaction& tx, const std::string& email, const std::string& since);
FailureWindow failures_for_ip(db::Transaction& tx, const std::string& ip, const std::string& since);
FailureWindow failures_for_pair(db::Transaction& tx, const std::string& email, const std::string& ip,
                                const std::string& since);
// Whether the account signed in successfully from this address since `since`.
bool known_address(db::Transaction& tx, const std::string& email, const std::string& ip, const std::string& since);
void record_attempt(db::Transaction& tx, const std::string& email, const std::string& ip, bool succeeded);
// After a successful sign-in: drops the failures from this address and keeps
// one success row per (account, address), the memory of a known address.
void record_success(db::Transaction& tx, const std::string& email, const std::string& ip);
void touch_login(db::Transaction& tx, const std::string& user_id);
void set_password(db::Transaction& tx, const std::string& user_id, const std::string& hash);

std::optional<ImpersonationRow> impersonation(db::Transaction& tx, const std::string& session_id);

}  // namespace keycard::auth::repo
