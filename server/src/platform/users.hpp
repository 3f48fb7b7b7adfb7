// Creating users, shared by bootstrap, the hotel registry and staff admin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace keycard::platform {

struct NewUser {
  std::string email;  // lower-case
  std::string first_name;
  std::string last_name;
  std::string password;
  std::string user_type;  // "admin" or "hotel"
};

// The one INSERT of a user and of a membership, for every place that makes
// them (here, and staff admin of both panels). The caller maps a taken
// email (constraint users_email_key) to its own answer.
struct UserRow {
  std::string id, email, password_hash, first_name, last_name, user_type;
};
void insert_user_row(db::Transaction& tx, const UserRow& user, const std::optional<std::string>& created_by);
void insert_membership_row(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id,
                           const std::optional<std::string>& created_by);

// Inserts the user (hashing the password) and returns its id. A taken email
// throws Conflict with a field error on `email_field`.
std::string create_user(db::Transaction& tx, const NewUser& user, const std::optional<std::string>& created_by,
                        const std::string& email_field = "email");
// Adds the user to a tenant and gives them the named roles of that tenant.
void add_membership(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id,
                    const std::vector<std::string>& role_names, const std::optional<std::string>& created_by);
// Gives a platform user the named platform roles.
void grant_platform_roles(db::Transaction& tx, const std::string& user_id, const std::vector<std::string>& role_names,
                          const std::optional<std::string>& created_by);

// An empty database gets its first SuperAdmin: from the configured email and
// password, or with a generated password printed once. Returns true when it
// created one.
bool bootstrap_admin(db::Database& db, const std::optional<std::string>& email,
                     const std::optional<std::string>& password);

}  // namespace keycard::platform
