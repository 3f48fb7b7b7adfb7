// SQL of incidents; every statement filters tenant_id.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/incidents/model.hpp"

namespace keycard::hotel::incidents::repo {

struct ListQuery {
  std::optional<std::string> status, severity, property_id, q;
  bool open_only = false;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "created_at DESC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const Incident& i);
std::optional<Incident> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
std::pair<std::vector<Incident>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q);
bool update(db::Transaction& tx, const access::TenantScope& scope, const Incident& i, std::int64_t version);
bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version);
// Incidents linked to a guest (for the guest's data export).
std::vector<Incident> of_guest(db::Transaction& tx, const access::TenantScope& scope, const std::string& guest_id);
// Whether a user is a member of this tenant (an incident's assignee).
bool is_member(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id);
// Open or in-progress incidents, of one property or all.
std::int64_t count_open(db::Transaction& tx, const access::TenantScope& scope,
                        const std::optional<std::string>& property_id);

}  // namespace keycard::hotel::incidents::repo
