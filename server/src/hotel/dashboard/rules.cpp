#include "hotel/dashboard/rules.hpp"

#include <cmath>

namespace keycard::hotel::dashboard::rules {

std::int64_t ratio(std::int64_t a, std::int64_t b) {
  if (b == 0) return 0;
  return (2 * a + b) / (2 * b);
}

double occupancy(std::int64_t rooms_sold, std::int64_t rooms_available) {
  if (rooms_available == 0) return 0.0;
  return std::round(10000.0 * static_cast<double>(rooms_sold) / static_cast<double>(rooms_available)) / 10000.0;
}

std::int64_t adr_minor(std::int64_t room_revenue_minor, std::int64_t rooms_sold) {
  return ratio(room_revenue_minor, rooms_sold);
}

std::int64_t revpar_minor(std::int64_t room_revenue_minor, std::int64_t rooms_available) {
  return ratio(room_revenue_minor, rooms_available);
}

std::optional<std::string> single_currency(const std::vector<std::string>& currencies) {
  if (currencies.size() != 1) return std::nullopt;
  return currencies.front();
}

}  // namespace keycard::hotel::dashboard::rules
