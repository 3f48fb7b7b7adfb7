// A room type of a property: capacity and base nightly rate, and the typed
// commands of the room type service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace keycard::hotel::room_types {

struct RoomType {
  std::string id, tenant_id, property_id, code, name;
  std::optional<std::string> description;
  std::int64_t capacity = 1;
  std::int64_t base_rate_minor = 0;
  std::string currency;  // the property's
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

// POST /api/hotel/room-types.
struct CreateRoomType {
  std::string property_id, code, name;
  std::optional<std::string> description;
  std::int64_t capacity = 1;
  std::int64_t base_rate_minor = 0;
};

// PATCH /api/hotel/room-types/{id}: only the fields sent; description may be
// cleared (an inner nullopt). property_id cannot change: when sent, the
// service refuses any other than the type's own.
struct PatchRoomType {
  std::int64_t version = 0;
  std::optional<std::string> property_id, code, name;
  std::optional<std::optional<std::string>> description;
  std::optional<std::int64_t> capacity, base_rate_minor;
};

}  // namespace keycard::hotel::room_types
