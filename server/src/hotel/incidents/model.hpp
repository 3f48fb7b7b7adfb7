// An incident: something that went wrong at a property (maintenance,
// complaint, security), its severity, status and who handles it; and the
// typed commands of the incident service.
#pragma once

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

// POST /api/hotel/incidents.
struct CreateIncident {
  std::string title, category, severity, status = "open";
  std::optional<std::string> description, property_id, room_id, guest_id, reservation_id, assigned_to;
};

// PATCH /api/hotel/incidents/{id}: only the fields sent; the text and the
// links may be cleared with null (an inner nullopt).
struct PatchIncident {
  std::int64_t version = 0;  // the version the change is based on (body or If-Match)
  std::optional<std::string> title, category, severity, status;
  std::optional<std::optional<std::string>> description, property_id, room_id, guest_id, reservation_id, assigned_to;
};

}  // namespace keycard::hotel::incidents
