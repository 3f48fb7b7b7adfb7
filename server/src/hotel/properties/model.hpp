// A property (one hotel building or site) of a tenant.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::properties {

inline const std::vector<std::string_view> kStatuses = {"active", "inactive"};

struct Property {
  std::string id, tenant_id, name, code, timezone, currency;
  std::optional<std::string> address;
  std::string check_in_time = "15:00", check_out_time = "11:00", status = "active";
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

[[nodiscard]] boost::json::object to_json(const Property& p);

}  // namespace keycard::hotel::properties
