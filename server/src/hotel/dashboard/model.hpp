// The hotel dashboard's figures for one business date, and the answer built
// from them.
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

// GET /api/hotel/dashboard: of one property, or every property (nullopt).
struct Dashboard {
  std::optional<std::string> property_id;
  std::string date;  // the business date, YYYY-MM-DD
  Figures figures;
  double occupancy = 0;  // rooms sold / rooms available
  // Money adds up only within one currency: nullopt when the properties
  // counted have several, and then no revenue, ADR or RevPAR either.
  std::optional<std::string> currency;
  std::int64_t adr_minor = 0, revpar_minor = 0;
};

}  // namespace keycard::hotel::dashboard
