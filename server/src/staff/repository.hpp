// SQL of staff and roles. Every statement exists in a platform form (rows
// whose tenant_id IS NULL) and a tenant form (tenant_id = the scope's tenant);
// the Panel picks one. Users are a global table: on the hotel side they are
// only reached through tenant_users filtered by the tenant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "platform/users.hpp"
#include "staff/model.hpp"

namespace keycard::staff::repo {

struct UserQuery {
  std::optional<std::string> q;  // lower-case text, searched in email and names
  std::optional<bool> is_active;
  bool include_deleted = false;  // platform staff only
  std::int64_t page = 1, limit = 20;
  std::string order_by = "u.created_at DESC";  // from a fixed list, never from input
};

struct RoleQuery {
  std::optional<std::string> q;  // lower-case text, searched in name and display name
  std::optional<bool> is_system;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "r.name ASC";  // from a fixed list, never from input
};

// Opens a transaction in the panel's scope: the tenant's, or the platform's.
[[nodiscard]] db::Transaction begin(db::Database& db, const Panel& panel, db::TxMode mode);

// --- roles ---------------------------------------------------------------------

std::optional<Role> find_role(db::Transaction& tx, const Panel& panel, const std::string& id);
std::optional<Role> find_role_by_name(db::Transaction& tx, const Panel& panel, const std::string& name);
std::pair<std::vector<Role>, std::int64_t> list_roles(db::Transaction& tx, const Panel& panel, const RoleQuery& q);
void insert_role(db::Transaction& tx, const Panel& panel, const Role& role);
// Optimistic update of a custom role's fields; false when the version did not match.
bool update_role(db::Transaction& tx, const Panel& panel, const Role& role, std::int64_t version,
                 const std::string& by);
void set_role_permissions(db::Transaction& tx, const Panel& panel, const std::string& role_id,
                          const std::vector<std::string>& permissions);
// Deletes a custom role with its grants and assignments; returns whether it existed.
bool delete_role(db::Transaction& tx, const Panel& panel, const std::string& role_id);

// --- users ---------------------------------------------------------------------

// Platform staff (user_type admin, deleted ones too), or a member of the tenant.
std::optional<User> find_user(db::Transaction& tx, const Panel& panel, const std::string& id);
std::pair<std::vector<User>, std::int64_t> list_users(db::Transaction& tx, const Panel& panel, const UserQuery& q);
[[nodiscard]] bool email_taken(db::Transaction& tx, const std::string& email);

using NewUser = platform::UserRow;
void insert_user(db::Transaction& tx, const NewUser& user, const std::string& by);
void insert_membership(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id,
                       const std::string& by);

// Optimistic update of the names (and, on the platform, the account's
// is_active); bumps the version. False when the version did not match.
bool update_user(db::Transaction& tx, const Panel& panel, const User& user, std::int64_t version,
                 const std::string& by);
// Bumps the version of a member after a change of the membership alone.
void touch_user(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& by);
void set_password(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& hash);
void set_membership_active(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id,
                           bool active);
// Soft delete of platform staff: deleted_at set, account disabled.
bool soft_delete_user(db::Transaction& tx, const std::string& user_id, const std::string& by);

void grant_role(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& role_id,
                const std::string& by);
void revoke_role(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& role_id);
// Ends the user's live refresh sessions: all of them on the platform, those of
// the tenant on the hotel side.
void revoke_sessions(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& reason);
// Ends the open impersonation sessions the user takes part in: on the platform
// those an admin opened, on the hotel side those acting as the member.
void end_impersonations(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& reason);

// Platform only: serialises changes that could remove the last SuperAdmin
// (a row lock on PostgreSQL; SQLite write transactions are serial already),
// then counts the active SuperAdmins other than `except_user_id`.
std::int64_t other_active_super_admins(db::Transaction& tx, const std::string& except_user_id);

}  // namespace keycard::staff::repo
