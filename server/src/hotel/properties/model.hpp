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
  // The front office's day (night_audit): the date being traded, the last
  // one closed, and the local time the scheduler closes it at.
  std::string business_date;
  std::optional<std::string> last_audit_date;
  std::string night_audit_time = "03:00";
  std::int64_t vat_rate_bp = 0;  // VAT included in prices, in basis points (1000 = 10 %)
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

// POST /api/hotel/properties: the code already normalised (rules.hpp).
struct CreateProperty {
  std::string name, code, timezone, currency;
  std::optional<std::string> address;
  std::string check_in_time = "15:00", check_out_time = "11:00", status = "active";
  std::optional<std::string> business_date;  // the local date when absent; never later
  std::string night_audit_time = "03:00";
  std::int64_t vat_rate_bp = 0;
};

// PATCH /api/hotel/properties/{id}: only the fields sent; address may be
// cleared (an inner nullopt).
struct PatchProperty {
  std::int64_t version = 0;
  std::optional<std::string> name, code, timezone, currency;
  std::optional<std::optional<std::string>> address;
  std::optional<std::string> check_in_time, check_out_time, status, night_audit_time;
  std::optional<std::int64_t> vat_rate_bp;
};

}  // namespace keycard::hotel::properties
