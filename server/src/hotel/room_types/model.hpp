// A room type of a property: capacity and base nightly rate.
#pragma once

#include <boost/json/object.hpp>

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

[[nodiscard]] boost::json::object to_json(const RoomType& t);

}  // namespace keycard::hotel::room_types
