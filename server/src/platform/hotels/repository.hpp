// SQL of the hotel registry (platform scope: the tenants table itself).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "platform/hotels/model.hpp"

namespace keycard::platform::hotels::repo {

struct ListQuery {
  std::optional<std::string> status, type, q;
  bool include_deleted = false;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "created_at DESC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const Hotel& h);
std::optional<Hotel> find(db::Transaction& tx, const std::string& id);
std::pair<std::vector<Hotel>, std::int64_t> list(db::Transaction& tx, const ListQuery& q);
// Optimistic update of status; false when the version did not match.
bool set_status(db::Transaction& tx, const std::string& id, std::int64_t version, const std::string& status,
                const std::string& reason, const std::string& by);
// Optimistic update of the editable fields; false when the version did not match.
bool update(db::Transaction& tx, const Hotel& h, std::int64_t version, const std::string& by);
// Soft delete: deleted_at set, status CANCELLED; the data stays.
bool soft_delete(db::Transaction& tx, const std::string& id, std::int64_t version, const std::string& by);
// Ends every refresh session and impersonation session that acts in the tenant.
void revoke_sessions(db::Transaction& tx, const std::string& tenant_id);
struct HotelCounts {
  std::int64_t properties = 0;
  std::int64_t rooms = 0;
  std::int64_t users = 0;
  std::int64_t reservations = 0;
};
HotelCounts counts(db::Transaction& tx, const std::string& tenant_id);

}  // namespace keycard::platform::hotels::repo
