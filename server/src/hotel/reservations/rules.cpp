#include "hotel/reservations/rules.hpp"

#include <algorithm>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::reservations::rules {

std::vector<std::int64_t> nights_held(const std::vector<Stay>& stays, std::string_view room_type_id,
                                      std::string_view check_in, std::string_view check_out,
                                      const std::optional<std::string>& exclude_id) {
  const auto d0 = days_from_date(check_in), d1 = days_from_date(check_out);
  std::vector<std::int64_t> held(static_cast<std::size_t>(std::max<std::int64_t>(d1 - d0, 0)), 0);
  for (const auto& s : stays) {
    if (s.room_type_id != room_type_id || (exclude_id && s.id == *exclude_id)) continue;
    const auto a = std::max(days_from_date(s.check_in_date), d0), b = std::min(days_from_date(s.check_out_date), d1);
    for (auto d = a; d < b; ++d) ++held[static_cast<std::size_t>(d - d0)];
  }
  return held;
}

std::optional<std::string> first_full_night(const std::vector<std::int64_t>& held, std::string_view check_in,
                                            std::int64_t rooms) {
  const auto d0 = days_from_date(check_in);
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (held[i] + 1 > rooms) return date_from_days(d0 + static_cast<std::int64_t>(i));
  }
  return std::nullopt;
}

}  // namespace keycard::hotel::reservations::rules
