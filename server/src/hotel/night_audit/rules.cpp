#include "hotel/night_audit/rules.hpp"

#include <cmath>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::night_audit::rules {

using reservations::Status;

Plan plan(const std::vector<reservations::Reservation>& stays, std::string_view date) {
  Plan p;
  for (std::size_t i = 0; i < stays.size(); ++i) {
    const auto& s = stays[i];
    const bool arrived_by = s.check_in_date <= date;
    switch (s.status) {
      case Status::checked_in:
        if (s.check_out_date <= date) {
          p.overdue.push_back(i);
        } else if (arrived_by) {
          p.charge.push_back(i);
        }
        break;
      case Status::confirmed:
        if (arrived_by) p.no_show.push_back(i);
        break;
      case Status::pending:
        if (arrived_by) p.cancel.push_back(i);
        break;
      default:
        break;
    }
  }
  return p;
}

namespace {
std::int64_t divide_rounded(std::int64_t n, std::int64_t d) { return d == 0 ? 0 : (2 * n + d) / (2 * d); }
}  // namespace

Figures figures(std::int64_t rooms_available, std::int64_t rooms_sold, std::int64_t revenue_minor) {
  Figures f;
  if (rooms_available > 0) {
    f.occupancy =
        std::round(static_cast<double>(rooms_sold) * 10000.0 / static_cast<double>(rooms_available)) / 10000.0;
  }
  f.adr_minor = divide_rounded(revenue_minor, rooms_sold);
  f.revpar_minor = divide_rounded(revenue_minor, rooms_available);
  return f;
}

std::optional<std::string_view> refusal(std::string_view date, std::string_view business_date,
                                        std::string_view local_date) {
  if (date != business_date) return "audit_date_mismatch";
  if (local_date <= date) return "audit_too_early";
  return std::nullopt;
}

bool due(std::string_view business_date, std::string_view local_date, std::string_view local_time,
         std::string_view audit_time) {
  if (local_date <= business_date) return false;
  const auto days_past = days_from_date(local_date) - days_from_date(business_date);
  return days_past > 1 || local_time >= audit_time;
}

}  // namespace keycard::hotel::night_audit::rules
