// The hotel dashboard's figures for one business date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace keycard::hotel::dashboard {

struct Figures {
  std::int64_t arrivals = 0, departures = 0, in_house = 0;
  std::int64_t rooms_available = 0;  // rooms not out of order
  std::int64_t rooms_sold = 0;       // nights sold for the date
  std::int64_t room_revenue_minor = 0;
  std::int64_t open_incidents = 0;
};

}  // namespace keycard::hotel::dashboard
