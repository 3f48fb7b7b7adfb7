// A guest of a tenant's hotels: personal data that can be exported and erased.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace keycard::hotel::guests {

struct Guest {
  std::string id, tenant_id, first_name, last_name;
  std::optional<std::string> email, phone, id_type, id_number, nationality, notes, erased_at;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

[[nodiscard]] boost::json::object to_json(const Guest& g);

}  // namespace keycard::hotel::guests
