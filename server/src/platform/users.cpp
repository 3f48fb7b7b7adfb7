#include "platform/users.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include <cstdio>

#include "audit/audit.hpp"
#include "auth/password.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"

namespace keycard::platform {
namespace {

constexpr std::string_view kInsertUser = R"sql(
INSERT INTO users (id, email, password_hash, first_name, last_name, user_type, is_active, password_changed_at,
  created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $8, $8, 1))sql";
constexpr std::string_view kEmailTaken = "SELECT 1 FROM users WHERE email = $1";
constexpr std::string_view kInsertMembership = R"sql(
INSERT INTO tenant_users (tenant_id, user_id, is_active, created_by, created_at) VALUES ($1, $2, $3, $4, $5))sql";
constexpr std::string_view kTenantRoleId = "SELECT id FROM roles WHERE tenant_id = $1 AND name = $2";
constexpr std::string_view kPlatformRoleId = "SELECT id FROM roles WHERE tenant_id IS NULL AND name = $1";
constexpr std::string_view kInsertUserRole = R"sql(
INSERT INTO user_roles (user_id, role_id, tenant_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5))sql";
constexpr std::string_view kAnyAdmin = "SELECT 1 FROM users WHERE user_type = 'admin' LIMIT 1";

}  // namespace

void insert_user_row(db::Transaction& tx, const UserRow& u, const std::optional<std::string>& created_by) {
  tx.exec(kInsertUser, {u.id, u.email, u.password_hash, u.first_name, u.last_name, u.user_type, true, now_text(),
                        db::nullable(created_by)});
}

void insert_membership_row(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id,
                           const std::optional<std::string>& created_by) {
  tx.exec(kInsertMembership, {tenant_id, user_id, true, db::nullable(created_by), now_text()});
}

std::string create_user(db::Transaction& tx, const NewUser& u, const std::optional<std::string>& created_by,
                        const std::string& email_field) {
  if (tx.one(kEmailTaken, {u.email})) {
    throw ValidationError(FieldErrors{{email_field, "is already used by another account"}},
                          "The email address is taken.");
  }
  auto id = new_uuid();
  db::on_constraint(
      {{"users_email_key", ValidationError(FieldErrors{{email_field, "is already used by another account"}},
                                           "The email address is taken.")}},
      [&] {
        insert_user_row(tx, {id, u.email, auth::hash_password(u.password), u.first_name, u.last_name, u.user_type},
                        created_by);
      });
  return id;
}

void add_membership(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id,
                    const std::vector<std::string>& role_names, const std::optional<std::string>& created_by) {
  const auto now = now_text();
  insert_membership_row(tx, tenant_id, user_id, created_by);
  for (const auto& name : role_names) {
    auto role = tx.one(kTenantRoleId, {tenant_id, name});
    if (!role) throw ValidationError(FieldErrors{{"roles", "has no role named '" + name + "'"}});
    tx.exec(kInsertUserRole, {user_id, role->text(0), tenant_id, db::nullable(created_by), now});
  }
}

void grant_platform_roles(db::Transaction& tx, const std::string& user_id, const std::vector<std::string>& role_names,
                          const std::optional<std::string>& created_by) {
  for (const auto& name : role_names) {
    auto role = tx.one(kPlatformRoleId, {name});
    if (!role) throw ValidationError(FieldErrors{{"roles", "has no role named '" + name + "'"}});
    tx.exec(kInsertUserRole, {user_id, role->text(0), nullptr, db::nullable(created_by), now_text()});
  }
}

namespace {

bool create_bootstrap_admin(db::Database& db, const std::optional<std::string>& email,
                            const std::optional<std::string>& password) {
  auto tx = db.begin_platform(db::TxMode::write);
  if (tx.one(kAnyAdmin)) return false;
  const std::string address = email.value_or("admin@keycard.local");
  const std::string secret = password.value_or(random_token(18));
  const auto id = create_user(tx, {address, "Platform", "Admin", secret, "admin"}, std::nullopt);
  grant_platform_roles(tx, id, {"super-admin"}, std::nullopt);
  audit::Actor actor;
  actor.email = "system";
  audit::record(tx, actor,
                {std::nullopt, "platform.bootstrap_admin", "user", id,
                 boost::json::object{{"email", address}, {"roles", boost::json::array{"super-admin"}}}});
  tx.commit();
  log::info({{"event", "bootstrap_admin_created"}, {"email", address}});
  if (!password) {
    // Shown once: nobody can read it back later.
    std::printf(
        "\nKeycard created the first platform admin.\n  email:    %s\n  password: %s\n"
        "Store this password now; it is not shown again.\n\n",
        address.c_str(), secret.c_str());
    std::fflush(stdout);
  }
  return true;
}

}  // namespace

bool bootstrap_admin(db::Database& db, const std::optional<std::string>& email,
                     const std::optional<std::string>& password) {
  try {
    return create_bootstrap_admin(db, email, password);
  } catch (const ValidationError&) {
    // Instances started together on a fresh database race to make the first
    // admin (PostgreSQL, read committed: each finds none, one insert wins the
    // unique email). The loser finds the winner's admin and carries on; any
    // other refusal (the email held by a hotel user) still stops the start.
    auto tx = db.begin_platform(db::TxMode::read);
    const bool made_elsewhere = tx.one(kAnyAdmin).has_value();
    tx.commit();
    if (made_elsewhere) {
      log::info({{"event", "bootstrap_admin_made_by_another_instance"}});
      return false;
    }
    throw;
  }
}

}  // namespace keycard::platform
