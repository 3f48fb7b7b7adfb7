// SQL of impersonation sessions (platform scope).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace keycard::platform::impersonation::repo {

struct SessionRow {
  std::string id, tenant_id, tenant_name, admin_user_id, admin_email, reason, started_at, expires_at;
  std::optional<std::string> target_user_id, target_email, ended_at, end_reason, ip;
};

struct ListQuery {
  std::optional<std::string> tenant_id, admin_user_id;
  std::optional<bool> active;
  std::int64_t page = 1, limit = 20;
  bool ascending = false;  // by started_at
};

void insert(db::Transaction& tx, const std::string& id, const std::string& tenant_id, const std::string& admin_id,
            const std::optional<std::string>& target_user_id, const std::string& reason, const std::string& started_at,
            const std::string& expires_at, const std::string& ip, const std::string& user_agent);
bool end(db::Transaction& tx, const std::string& id, const std::string& reason);
std::optional<SessionRow> find(db::Transaction& tx, const std::string& id);
std::pair<std::vector<SessionRow>, std::int64_t> list(db::Transaction& tx, const ListQuery& q);
// An active member of the tenant (for a named target user).
bool is_active_member(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id);

}  // namespace keycard::platform::impersonation::repo
