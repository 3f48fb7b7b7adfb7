// A reservation: a guest's stay in a room type (and maybe a room) for the
// nights [check_in_date, check_out_date), with its status and money.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::reservations {

inline const std::vector<std::string_view> kStatuses = {"pending",     "confirmed", "checked_in",
                                                        "checked_out", "cancelled", "no_show"};
// Statuses that hold a room (and count against a room type's capacity).
inline const std::vector<std::string_view> kActive = {"pending", "confirmed", "checked_in"};

struct Reservation {
  std::string id, tenant_id, property_id, room_type_id;
  std::optional<std::string> room_id;
  std::string guest_id, confirmation_number, status, check_in_date, check_out_date;
  std::int64_t adults = 1, children = 0, rate_minor = 0;
  std::string currency;
  std::optional<std::string> notes, cancel_reason, checked_in_at, checked_out_at, cancelled_at;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
  // Read only: payments minus refunds, and the guest's name.
  std::int64_t paid_minor = 0;
  std::string guest_name;

  [[nodiscard]] std::int64_t nights() const;
  [[nodiscard]] std::int64_t total_minor() const { return rate_minor * nights(); }
};

struct StatusChange {
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> reason, changed_by;
  std::string changed_at;
};

// A stay that holds capacity on some nights (for availability).
struct Stay {
  std::string id;
  std::optional<std::string> room_id;
  std::string room_type_id, check_in_date, check_out_date;
};

[[nodiscard]] boost::json::object to_json(const Reservation& r);

}  // namespace keycard::hotel::reservations
