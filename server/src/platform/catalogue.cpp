#include "platform/catalogue.hpp"

#include "access/permissions.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"

namespace keycard::platform {
namespace {

constexpr std::string_view kUpsertPermission = R"sql(
INSERT INTO permissions (code, scope, resource, action, description) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO UPDATE SET description = excluded.description)sql";
constexpr std::string_view kFindPlatformRole = "SELECT id FROM roles WHERE tenant_id IS NULL AND name = $1";
constexpr std::string_view kFindTenantRole = "SELECT id FROM roles WHERE tenant_id = $1 AND name = $2";
constexpr std::string_view kInsertRole = R"sql(
INSERT INTO roles (id, tenant_id, scope, name, display_name, description, is_system, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8))sql";
constexpr std::string_view kResetSystemRole = R"sql(
UPDATE roles SET display_name = $2, description = $3, is_system = $4 WHERE id = $1)sql";
constexpr std::string_view kDeleteRolePermissions = "DELETE FROM role_permissions WHERE role_id = $1";
constexpr std::string_view kInsertRolePermission = R"sql(
INSERT INTO role_permissions (role_id, tenant_id, permission) VALUES ($1, $2, $3))sql";
constexpr std::string_view kTenants = "SELECT id FROM tenants";

}  // namespace

void ensure_system_roles(db::Transaction& tx, const std::optional<std::string>& tenant_id) {
  const std::string scope = tenant_id ? "hotel" : "admin";
  for (const auto& role : access::system_roles()) {
    if (role.scope != scope) continue;
    const std::string name(role.name);
    auto existing = tenant_id ? tx.one(kFindTenantRole, {*tenant_id, name}) : tx.one(kFindPlatformRole, {name});
    std::string id;
    if (existing) {
      id = existing->text(0);
      tx.exec(kResetSystemRole, {id, std::string(role.display_name), std::string(role.description), true});
      tx.exec(kDeleteRolePermissions, {id});
    } else {
      id = new_uuid();
      tx.exec(kInsertRole, {id, db::nullable(tenant_id), scope, name, std::string(role.display_name),
                            std::string(role.description), true, now_text()});
    }
    for (auto p : role.permissions) tx.exec(kInsertRolePermission, {id, db::nullable(tenant_id), std::string(p)});
  }
}

void sync_catalogue(db::Database& db) {
  auto tx = db.begin_platform(db::TxMode::write);
  for (const auto& p : access::permission_catalogue()) {
    const std::string code(p.code);
    const auto first = code.find(':');
    const auto second = code.find(':', first + 1);
    tx.exec(kUpsertPermission, {code, code.substr(0, first), code.substr(first + 1, second - first - 1),
                                code.substr(second + 1), std::string(p.description)});
  }
  ensure_system_roles(tx, std::nullopt);
  for (const auto& row : tx.exec(kTenants).rows) ensure_system_roles(tx, row.text(0));
  tx.commit();
}

}  // namespace keycard::platform
