// Pure rules of the hotel dashboard: occupancy, ADR and RevPAR arithmetic,
// and the one currency money may be added up in. Unit-tested as tables
// (server/tests/unit/dashboard_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::dashboard::rules {

// a / b in whole units, halves rounded up (a, b >= 0); 0 when b is 0.
[[nodiscard]] std::int64_t ratio(std::int64_t a, std::int64_t b);
// Rooms sold / rooms available, rounded to 4 decimals; 0 when no room is
// available.
[[nodiscard]] double occupancy(std::int64_t rooms_sold, std::int64_t rooms_available);
// Average daily rate: room revenue / rooms sold, in minor units.
[[nodiscard]] std::int64_t adr_minor(std::int64_t room_revenue_minor, std::int64_t rooms_sold);
// Revenue per available room: room revenue / rooms available, in minor units.
[[nodiscard]] std::int64_t revpar_minor(std::int64_t room_revenue_minor, std::int64_t rooms_available);
// The currency of the properties counted when they share one, else nullopt
// (none, or several: money adds up only within one currency).
[[nodiscard]] std::optional<std::string> single_currency(const std::vector<std::string>& currencies);

}  // namespace keycard::hotel::dashboard::rules
