#include "staff/repository.hpp"

#include <algorithm>
#include <map>

#include "common/clock.hpp"
#include "db/rows.hpp"
#include "platform/users.hpp"

namespace keycard::staff::repo {
namespace {

// --- roles -----------------------------------------------------------------------
// Tenant forms take the tenant as their last parameter (see exec_in), except
// the list queries, which spell out every parameter.

constexpr std::string_view kRoleSelect = R"sql(
SELECT r.id, r.scope, r.name, r.display_name, r.description, r.is_system, r.created_by, r.updated_by,
  r.created_at, r.updated_at, r.version
FROM roles r)sql";

constexpr std::string_view kPlatformRoleById = " WHERE r.tenant_id IS NULL AND r.id = $1";
constexpr std::string_view kTenantRoleById = " WHERE r.tenant_id = $2 AND r.id = $1";
constexpr std::string_view kPlatformRoleByName = " WHERE r.tenant_id IS NULL AND r.name = $1";
constexpr std::string_view kTenantRoleByName = " WHERE r.tenant_id = $2 AND r.name = $1";

constexpr std::string_view kPlatformRolePermissions =
    "SELECT role_id, permission FROM role_permissions WHERE tenant_id IS NULL AND role_id = $1";
constexpr std::string_view kTenantRolePermissions =
    "SELECT role_id, permission FROM role_permissions WHERE tenant_id = $2 AND role_id = $1";
constexpr std::string_view kPlatformAllRolePermissions =
    "SELECT role_id, permission FROM role_permissions WHERE tenant_id IS NULL";
constexpr std::string_view kTenantAllRolePermissions =
    "SELECT role_id, permission FROM role_permissions WHERE tenant_id = $1";

// Deleted platform staff keep their rows but hold nothing any more.
constexpr std::string_view kPlatformRoleUsers = R"sql(
SELECT ur.role_id, count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE ur.tenant_id IS NULL AND ur.role_id = $1 AND u.deleted_at IS NULL GROUP BY ur.role_id)sql";
constexpr std::string_view kTenantRoleUsers = R"sql(
SELECT role_id, count(*) FROM user_roles WHERE tenant_id = $2 AND role_id = $1 GROUP BY role_id)sql";
constexpr std::string_view kPlatformAllRoleUsers = R"sql(
SELECT ur.role_id, count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE ur.tenant_id IS NULL AND u.deleted_at IS NULL GROUP BY ur.role_id)sql";
constexpr std::string_view kTenantAllRoleUsers =
    "SELECT role_id, count(*) FROM user_roles WHERE tenant_id = $1 GROUP BY role_id";

// A NULL parameter disables its filter (the CAST tells PostgreSQL its type).
constexpr std::string_view kPlatformRoleWhere = R"sql(
WHERE r.tenant_id IS NULL
  AND (CAST($1 AS TEXT) IS NULL OR lower(r.name) LIKE $1 ESCAPE '\' OR lower(r.display_name) LIKE $1 ESCAPE '\')
  AND (CAST($2 AS BOOLEAN) IS NULL OR r.is_system = CAST($2 AS BOOLEAN)))sql";
constexpr std::string_view kTenantRoleWhere = R"sql(
WHERE r.tenant_id = $1
  AND (CAST($2 AS TEXT) IS NULL OR lower(r.name) LIKE $2 ESCAPE '\' OR lower(r.display_name) LIKE $2 ESCAPE '\')
  AND (CAST($3 AS BOOLEAN) IS NULL OR r.is_system = CAST($3 AS BOOLEAN)))sql";

constexpr std::string_view kInsertRole = R"sql(
INSERT INTO roles (id, tenant_id, scope, name, display_name, description, is_system, created_by, updated_by,
  created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9, 1))sql";

constexpr std::string_view kPlatformUpdateRole = R"sql(
UPDATE roles SET name = $3, display_name = $4, description = $5, updated_by = $6, updated_at = $7,
  version = version + 1
WHERE tenant_id IS NULL AND id = $1 AND version = $2 AND NOT is_system)sql";
constexpr std::string_view kTenantUpdateRole = R"sql(
UPDATE roles SET name = $3, display_name = $4, description = $5, updated_by = $6, updated_at = $7,
  version = version + 1
WHERE tenant_id = $8 AND id = $1 AND version = $2 AND NOT is_system)sql";

constexpr std::string_view kPlatformClearRolePermissions =
    "DELETE FROM role_permissions WHERE tenant_id IS NULL AND role_id = $1";
constexpr std::string_view kTenantClearRolePermissions =
    "DELETE FROM role_permissions WHERE tenant_id = $2 AND role_id = $1";
constexpr std::string_view kInsertRolePermission =
    "INSERT INTO role_permissions (role_id, tenant_id, permission) VALUES ($1, $2, $3)";

constexpr std::string_view kPlatformClearRoleAssignments =
    "DELETE FROM user_roles WHERE tenant_id IS NULL AND role_id = $1";
constexpr std::string_view kTenantClearRoleAssignments = "DELETE FROM user_roles WHERE tenant_id = $2 AND role_id = $1";
constexpr std::string_view kPlatformDeleteRole =
    "DELETE FROM roles WHERE tenant_id IS NULL AND id = $1 AND NOT is_system";
constexpr std::string_view kTenantDeleteRole = "DELETE FROM roles WHERE tenant_id = $2 AND id = $1 AND NOT is_system";

// --- users -----------------------------------------------------------------------

constexpr std::string_view kPlatformUserSelect = R"sql(
SELECT u.id, u.email, u.first_name, u.last_name, u.user_type, u.is_active, u.last_login_at, u.created_at,
  u.updated_at, u.deleted_at, u.version, NULL
FROM users u)sql";
// A member's is_active is the membership's; the user row is global.
constexpr std::string_view kMemberSelect = R"sql(
SELECT u.id, u.email, u.first_name, u.last_name, u.user_type, tu.is_active, u.last_login_at, u.created_at,
  u.updated_at, NULL, u.version, tu.created_at
FROM tenant_users tu JOIN users u ON u.id = tu.user_id)sql";

constexpr std::string_view kPlatformUserById = " WHERE u.id = $1 AND u.user_type = 'admin'";
constexpr std::string_view kMemberById = " WHERE tu.tenant_id = $2 AND tu.user_id = $1 AND u.deleted_at IS NULL";

constexpr std::string_view kPlatformUserWhere = R"sql(
WHERE u.user_type = 'admin' AND ($1 = 1 OR u.deleted_at IS NULL)
  AND (CAST($2 AS TEXT) IS NULL OR u.email LIKE $2 ESCAPE '\'
       OR lower(u.first_name || ' ' || u.last_name) LIKE $2 ESCAPE '\')
  AND (CAST($3 AS BOOLEAN) IS NULL OR u.is_active = CAST($3 AS BOOLEAN)))sql";
constexpr std::string_view kMemberWhere = R"sql(
WHERE tu.tenant_id = $1 AND u.deleted_at IS NULL
  AND (CAST($2 AS TEXT) IS NULL OR u.email LIKE $2 ESCAPE '\'
       OR lower(u.first_name || ' ' || u.last_name) LIKE $2 ESCAPE '\')
  AND (CAST($3 AS BOOLEAN) IS NULL OR tu.is_active = CAST($3 AS BOOLEAN)))sql";

// Role assignments of several users; the IN list is placeholders only.
constexpr std::string_view kPlatformUserRoles = R"sql(
SELECT ur.user_id, r.id, r.name, r.display_name
FROM user_roles ur JOIN roles r ON r.id = ur.role_id
WHERE ur.tenant_id IS NULL AND r.tenant_id IS NULL AND ur.user_id IN )sql";
constexpr std::string_view kTenantUserRoles = R"sql(
SELECT ur.user_id, r.id, r.name, r.display_name
FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
WHERE ur.tenant_id = $1 AND ur.user_id IN )sql";

// The users table is global on purpose: an email address names one account.
constexpr std::string_view kEmailTaken = "SELECT 1 FROM users WHERE email = $1";

constexpr std::string_view kPlatformUpdateUser = R"sql(
UPDATE users SET first_name = $3, last_name = $4, is_active = $5, updated_by = $6, updated_at = $7,
  version = version + 1
WHERE id = $1 AND version = $2 AND user_type = 'admin' AND deleted_at IS NULL)sql";
constexpr std::string_view kMemberUpdateUser = R"sql(
UPDATE users SET first_name = $3, last_name = $4, updated_by = $5, updated_at = $6, version = version + 1
WHERE id = $1 AND version = $2 AND deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM tenant_users tu WHERE tu.tenant_id = $7 AND tu.user_id = users.id))sql";

constexpr std::string_view kPlatformTouchUser = R"sql(
UPDATE users SET updated_by = $2, updated_at = $3, version = version + 1 WHERE id = $1 AND user_type = 'admin')sql";
constexpr std::string_view kMemberTouchUser = R"sql(
UPDATE users SET updated_by = $2, updated_at = $3, version = version + 1
WHERE id = $1 AND EXISTS (SELECT 1 FROM tenant_users tu WHERE tu.tenant_id = $4 AND tu.user_id = users.id))sql";

constexpr std::string_view kPlatformSetPassword = R"sql(
UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1 AND user_type = 'admin')sql";
constexpr std::string_view kMemberSetPassword = R"sql(
UPDATE users SET password_hash = $2, password_changed_at = $3
WHERE id = $1 AND EXISTS (SELECT 1 FROM tenant_users tu WHERE tu.tenant_id = $4 AND tu.user_id = users.id))sql";

constexpr std::string_view kSetMembershipActive =
    "UPDATE tenant_users SET is_active = $3 WHERE tenant_id = $1 AND user_id = $2";
constexpr std::string_view kSoftDeleteUser = R"sql(
UPDATE users SET deleted_at = $2, is_active = $3, updated_by = $4, updated_at = $2, version = version + 1
WHERE id = $1 AND user_type = 'admin' AND deleted_at IS NULL)sql";

constexpr std::string_view kGrantRole = R"sql(
INSERT INTO user_roles (user_id, role_id, tenant_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5))sql";
constexpr std::string_view kPlatformRevokeRole =
    "DELETE FROM user_roles WHERE tenant_id IS NULL AND user_id = $1 AND role_id = $2";
constexpr std::string_view kTenantRevokeRole =
    "DELETE FROM user_roles WHERE tenant_id = $3 AND user_id = $1 AND role_id = $2";

constexpr std::string_view kPlatformRevokeSessions = R"sql(
UPDATE refresh_sessions SET revoked_at = $2, revoked_reason = $3
WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL)sql";
constexpr std::string_view kTenantRevokeSessions = R"sql(
UPDATE refresh_sessions SET revoked_at = $2, revoked_reason = $3
WHERE tenant_id = $4 AND user_id = $1 AND revoked_at IS NULL AND used_at IS NULL)sql";
// Platform: the sessions the admin opened; hotel: the sessions acting as the member.
constexpr std::string_view kPlatformEndImpersonations = R"sql(
UPDATE impersonation_sessions SET ended_at = $2, end_reason = $3
WHERE admin_user_id = $1 AND ended_at IS NULL)sql";
constexpr std::string_view kTenantEndImpersonations = R"sql(
UPDATE impersonation_sessions SET ended_at = $2, end_reason = $3
WHERE tenant_id = $4 AND target_user_id = $1 AND ended_at IS NULL)sql";

// PostgreSQL: writers that could remove a SuperAdmin queue on this row lock,
// so two of them cannot each see "another one remains".
constexpr std::string_view kLockSuperAdminRole =
    "SELECT id FROM roles WHERE tenant_id IS NULL AND name = 'super-admin' FOR UPDATE";
constexpr std::string_view kOtherActiveSuperAdmins = R"sql(
SELECT count(*) FROM users u
JOIN user_roles ur ON ur.user_id = u.id AND ur.tenant_id IS NULL
JOIN roles r ON r.id = ur.role_id AND r.tenant_id IS NULL
WHERE r.name = 'super-admin' AND u.user_type = 'admin' AND u.is_active = $1 AND u.deleted_at IS NULL
  AND u.id <> $2)sql";

// Runs the platform form, or the tenant form with the tenant appended as its
// last parameter.
db::Result exec_in(db::Transaction& tx, const Panel& panel, std::string_view platform_sql, std::string_view tenant_sql,
                   db::Params params) {
  if (!panel.is_hotel()) return tx.exec(platform_sql, params);
  params.emplace_back(panel.tenant().tenant_id());
  return tx.exec(tenant_sql, params);
}

std::string joined(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}

Role to_role(const db::Row& r) {
  Role role;
  role.id = r.text(0);
  role.scope = r.text(1);
  role.name = r.text(2);
  role.display_name = r.text(3);
  role.description = r.opt_text(4);
  role.is_system = r.boolean(5);
  role.created_by = r.opt_text(6);
  role.updated_by = r.opt_text(7);
  role.created_at = r.text(8);
  role.updated_at = r.text(9);
  role.version = r.int64(10);
  return role;
}

User to_user(const db::Row& r) {
  User u;
  u.id = r.text(0);
  u.email = r.text(1);
  u.first_name = r.text(2);
  u.last_name = r.text(3);
  u.user_type = r.text(4);
  u.is_active = r.boolean(5);
  u.last_login_at = r.opt_text(6);
  u.created_at = r.text(7);
  u.updated_at = r.text(8);
  u.deleted_at = r.opt_text(9);
  u.version = r.int64(10);
  u.joined_at = r.opt_text(11);
  return u;
}

// Fills permissions and user counts from (role_id, permission) and
// (role_id, count) rows.
void attach_role_details(std::vector<Role>& roles, const db::Result& permissions, const db::Result& counts) {
  std::map<std::string, Role*> by_id;
  for (auto& r : roles) by_id[r.id] = &r;
  for (const auto& row : permissions.rows) {
    if (auto it = by_id.find(row.text(0)); it != by_id.end()) it->second->permissions.push_back(row.text(1));
  }
  for (const auto& row : counts.rows) {
    if (auto it = by_id.find(row.text(0)); it != by_id.end()) it->second->user_count = row.int64(1);
  }
  for (auto& r : roles) std::sort(r.permissions.begin(), r.permissions.end());
}

std::optional<Role> find_role_where(db::Transaction& tx, const Panel& panel, std::string_view platform_where,
                                    std::string_view tenant_where, const std::string& key) {
  auto res = exec_in(tx, panel, joined(kRoleSelect, platform_where), joined(kRoleSelect, tenant_where), {key});
  if (res.rows.empty()) return std::nullopt;
  std::vector<Role> one{to_role(res.rows.front())};
  attach_role_details(one, exec_in(tx, panel, kPlatformRolePermissions, kTenantRolePermissions, {one[0].id}),
                      exec_in(tx, panel, kPlatformRoleUsers, kTenantRoleUsers, {one[0].id}));
  return std::move(one[0]);
}

// Attaches role assignments to a page of users in one query.
void attach_user_roles(db::Transaction& tx, const Panel& panel, std::vector<User>& users) {
  if (users.empty()) return;
  db::Params params;
  if (panel.is_hotel()) params.emplace_back(panel.tenant().tenant_id());
  std::string sql(panel.is_hotel() ? kTenantUserRoles : kPlatformUserRoles);
  sql += "(";
  for (std::size_t i = 0; i < users.size(); ++i) {
    params.emplace_back(users[i].id);
    sql += (i ? ", $" : "$") + std::to_string(params.size());
  }
  sql += ") ORDER BY r.name";
  std::map<std::string, User*> by_id;
  for (auto& u : users) by_id[u.id] = &u;
  for (const auto& row : tx.exec(sql, params).rows) {
    if (auto it = by_id.find(row.text(0)); it != by_id.end()) {
      it->second->roles.push_back(RoleRef{row.text(1), row.text(2), row.text(3)});
    }
  }
}

}  // namespace

db::Transaction begin(db::Database& db, const Panel& panel, db::TxMode mode) {
  return panel.is_hotel() ? db.begin(mode, panel.tenant()) : db.begin_platform(mode);
}

// --- roles ---------------------------------------------------------------------------

std::optional<Role> find_role(db::Transaction& tx, const Panel& panel, const std::string& id) {
  return find_role_where(tx, panel, kPlatformRoleById, kTenantRoleById, id);
}

std::optional<Role> find_role_by_name(db::Transaction& tx, const Panel& panel, const std::string& name) {
  return find_role_where(tx, panel, kPlatformRoleByName, kTenantRoleByName, name);
}

std::pair<std::vector<Role>, std::int64_t> list_roles(db::Transaction& tx, const Panel& panel, const RoleQuery& q) {
  db::Params filters;
  if (panel.is_hotel()) filters.emplace_back(panel.tenant().tenant_id());
  filters.push_back(q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr));
  filters.push_back(db::nullable(q.is_system));
  const auto where = panel.is_hotel() ? kTenantRoleWhere : kPlatformRoleWhere;
  const auto total = tx.one("SELECT count(*) FROM roles r" + std::string(where), filters);

  const auto page = db::with_page(std::string(kRoleSelect) + std::string(where) + " ORDER BY " + q.order_by + ", r.id",
                                  filters, q.page, q.limit);
  std::vector<Role> items;
  for (const auto& r : tx.exec(page.sql, page.params).rows) items.push_back(to_role(r));
  if (!items.empty()) {
    db::Params tenant;
    if (panel.is_hotel()) tenant.emplace_back(panel.tenant().tenant_id());
    attach_role_details(items,
                        tx.exec(panel.is_hotel() ? kTenantAllRolePermissions : kPlatformAllRolePermissions, tenant),
                        tx.exec(panel.is_hotel() ? kTenantAllRoleUsers : kPlatformAllRoleUsers, tenant));
  }
  return {std::move(items), total ? total->int64(0) : 0};
}

void insert_role(db::Transaction& tx, const Panel& panel, const Role& role) {
  tx.exec(kInsertRole,
          {role.id, db::nullable(panel.tenant_id()), std::string(panel.scope()), role.name, role.display_name,
           db::nullable(role.description), false, db::nullable(role.created_by), role.created_at});
}

bool update_role(db::Transaction& tx, const Panel& panel, const Role& role, std::int64_t version,
                 const std::string& by) {
  return exec_in(tx, panel, kPlatformUpdateRole, kTenantUpdateRole,
                 {role.id, version, role.name, role.display_name, db::nullable(role.description), by, now_text()})
             .affected == 1;
}

void set_role_permissions(db::Transaction& tx, const Panel& panel, const std::string& role_id,
                          const std::vector<std::string>& permissions) {
  exec_in(tx, panel, kPlatformClearRolePermissions, kTenantClearRolePermissions, {role_id});
  for (const auto& p : permissions) tx.exec(kInsertRolePermission, {role_id, db::nullable(panel.tenant_id()), p});
}

bool delete_role(db::Transaction& tx, const Panel& panel, const std::string& role_id) {
  // Explicit deletes rather than ON DELETE CASCADE, each with the tenant filter.
  exec_in(tx, panel, kPlatformClearRoleAssignments, kTenantClearRoleAssignments, {role_id});
  exec_in(tx, panel, kPlatformClearRolePermissions, kTenantClearRolePermissions, {role_id});
  return exec_in(tx, panel, kPlatformDeleteRole, kTenantDeleteRole, {role_id}).affected == 1;
}

// --- users ---------------------------------------------------------------------------

std::optional<User> find_user(db::Transaction& tx, const Panel& panel, const std::string& id) {
  auto res =
      exec_in(tx, panel, joined(kPlatformUserSelect, kPlatformUserById), joined(kMemberSelect, kMemberById), {id});
  if (res.rows.empty()) return std::nullopt;
  std::vector<User> one{to_user(res.rows.front())};
  attach_user_roles(tx, panel, one);
  return std::move(one[0]);
}

std::pair<std::vector<User>, std::int64_t> list_users(db::Transaction& tx, const Panel& panel, const UserQuery& q) {
  db::Params filters;
  if (panel.is_hotel()) {
    filters.emplace_back(panel.tenant().tenant_id());
  } else {
    filters.emplace_back(static_cast<std::int64_t>(q.include_deleted ? 1 : 0));
  }
  filters.push_back(q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr));
  filters.push_back(db::nullable(q.is_active));
  const auto where = panel.is_hotel() ? kMemberWhere : kPlatformUserWhere;
  const auto from = panel.is_hotel() ? std::string_view(" FROM tenant_users tu JOIN users u ON u.id = tu.user_id")
                                     : std::string_view(" FROM users u");
  const auto total = tx.one("SELECT count(*)" + std::string(from) + std::string(where), filters);

  const auto page = db::with_page(std::string(panel.is_hotel() ? kMemberSelect : kPlatformUserSelect) +
                                      std::string(where) + " ORDER BY " + q.order_by + ", u.id",
                                  filters, q.page, q.limit);
  std::vector<User> items;
  for (const auto& r : tx.exec(page.sql, page.params).rows) items.push_back(to_user(r));
  attach_user_roles(tx, panel, items);
  return {std::move(items), total ? total->int64(0) : 0};
}

bool email_taken(db::Transaction& tx, const std::string& email) { return tx.one(kEmailTaken, {email}).has_value(); }

void insert_user(db::Transaction& tx, const NewUser& u, const std::string& by) { platform::insert_user_row(tx, u, by); }

void insert_membership(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id,
                       const std::string& by) {
  platform::insert_membership_row(tx, scope.tenant_id(), user_id, by);
}

bool update_user(db::Transaction& tx, const Panel& panel, const User& u, std::int64_t version, const std::string& by) {
  if (panel.is_hotel()) {
    return tx.exec(kMemberUpdateUser,
                   {u.id, version, u.first_name, u.last_name, by, now_text(), panel.tenant().tenant_id()})
               .affected == 1;
  }
  return tx.exec(kPlatformUpdateUser, {u.id, version, u.first_name, u.last_name, u.is_active, by, now_text()})
             .affected == 1;
}

void touch_user(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& by) {
  exec_in(tx, panel, kPlatformTouchUser, kMemberTouchUser, {user_id, by, now_text()});
}

void set_password(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& hash) {
  exec_in(tx, panel, kPlatformSetPassword, kMemberSetPassword, {user_id, hash, now_text()});
}

void set_membership_active(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id,
                           bool active) {
  tx.exec(kSetMembershipActive, {scope.tenant_id(), user_id, active});
}

bool soft_delete_user(db::Transaction& tx, const std::string& user_id, const std::string& by) {
  return tx.exec(kSoftDeleteUser, {user_id, now_text(), false, by}).affected == 1;
}

void grant_role(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& role_id,
                const std::string& by) {
  tx.exec(kGrantRole, {user_id, role_id, db::nullable(panel.tenant_id()), by, now_text()});
}

void revoke_role(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& role_id) {
  exec_in(tx, panel, kPlatformRevokeRole, kTenantRevokeRole, {user_id, role_id});
}

void revoke_sessions(db::Transaction& tx, const Panel& panel, const std::string& user_id, const std::string& reason) {
  exec_in(tx, panel, kPlatformRevokeSessions, kTenantRevokeSessions, {user_id, now_text(), reason});
}

void end_impersonations(db::Transaction& tx, const Panel& panel, const std::string& user_id,
                        const std::string& reason) {
  exec_in(tx, panel, kPlatformEndImpersonations, kTenantEndImpersonations, {user_id, now_text(), reason});
}

std::int64_t other_active_super_admins(db::Transaction& tx, const std::string& except_user_id) {
  if (tx.backend() == db::Backend::postgres) tx.exec(kLockSuperAdminRole);
  auto r = tx.one(kOtherActiveSuperAdmins, {true, except_user_id});
  return r ? r->int64(0) : 0;
}

}  // namespace keycard::staff::repo
