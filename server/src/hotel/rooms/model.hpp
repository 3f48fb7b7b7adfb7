// A room: its number in a property, its type and its housekeeping status;
// and the typed commands of the room service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::rooms {

inline const std::vector<std::string_view> kStatuses = {"clean", "dirty", "inspected", "out_of_order",
                                                        "out_of_service"};

struct Room {
  std::string id, tenant_id, property_id, room_type_id, room_number;
  std::optional<std::int64_t> floor;
  std::string status = "clean";
  bool occupied = false;
  std::optional<std::string> notes;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

// POST /api/hotel/rooms.
struct CreateRoom {
  std::string property_id, room_type_id, room_number;
  std::optional<std::int64_t> floor;
  std::string status = "clean";
  std::optional<std::string> notes;
};

// PATCH /api/hotel/rooms/{id}: only the fields sent; floor and notes may be
// cleared (an inner nullopt). property_id cannot change: when sent, the
// service refuses any other than the room's own.
struct PatchRoom {
  std::int64_t version = 0;
  std::optional<std::string> property_id, room_type_id, room_number;
  std::optional<std::optional<std::int64_t>> floor;
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> notes;
};

// POST /api/hotel/rooms/{id}/status: the version (body or If-Match) is
// optional here; without one the status is set over any version.
struct ChangeStatus {
  std::string status;
  std::optional<std::int64_t> version;
};

}  // namespace keycard::hotel::rooms
