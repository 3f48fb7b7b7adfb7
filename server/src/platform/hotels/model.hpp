// The hotel registry's tenant record.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::platform::hotels {

inline const std::vector<std::string_view> kTypes = {"CHAIN", "INDEPENDENT", "FRANCHISE", "MANAGEMENT_COMPANY",
                                                     "VACATION_RENTAL"};
inline const std::vector<std::string_view> kStatuses = {"TRIAL", "ACTIVE", "SUSPENDED", "EXPIRED", "CANCELLED"};

struct Hotel {
  std::string id, name, slug, type, status;
  std::optional<std::string> status_reason;
  std::string email;
  std::optional<std::string> phone;
  std::string address, config, subscription, metadata;  // JSON text
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::optional<std::string> deleted_at;
  std::int64_t version = 1;
};

[[nodiscard]] boost::json::object to_json(const Hotel& h);

}  // namespace keycard::platform::hotels
