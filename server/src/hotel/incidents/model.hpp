// An incident: something that went wrong at a property (maintenance,
// complaint, security), its severity, status and who handles it.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::incidents {

inline const std::vector<std::string_view> kSeverities = {"low", "medium", "high", "critical"};
inline const std::vector<std::string_view> kStatuses = {"open", "in_progress", "resolved", "closed"};

struct Incident {
  std::string id, tenant_id;
  std::optional<std::string> property_id, room_id, guest_id, reservation_id, assigned_to;
  std::string title, category, severity, status = "open";
  std::optional<std::string> description, resolved_at, reported_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

[[nodiscard]] boost::json::object to_json(const Incident& i);

}  // namespace keycard::hotel::incidents
