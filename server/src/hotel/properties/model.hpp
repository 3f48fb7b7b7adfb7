// A property (one hotel building or site) of a tenant, and the typed
// commands of the property service.
#pragma once

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

// POST /api/hotel/properties: the code already normalised (rules.hpp).
struct CreateProperty {
  std::string name, code, timezone, currency;
  std::optional<std::string> address;
  std::string check_in_time = "15:00", check_out_time = "11:00", status = "active";
};

// PATCH /api/hotel/properties/{id}: only the fields sent; address may be
// cleared (an inner nullopt).
struct PatchProperty {
  std::int64_t version = 0;
  std::optional<std::string> name, code, timezone, currency;
  std::optional<std::optional<std::string>> address;
  std::optional<std::string> check_in_time, check_out_time, status;
};

}  // namespace keycard::hotel::properties
