// A room: its number in a property, its type and its housekeeping status.
#pragma once

#include <boost/json/object.hpp>

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

[[nodiscard]] boost::json::object to_json(const Room& r);

}  // namespace keycard::hotel::rooms
