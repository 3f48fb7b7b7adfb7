// Pure rules of the night audit: which stays it charges, marks as no-shows,
// cancels or finds overdue when it closes a date; its figures; when it may
// run, and when the scheduler runs it. No database, no JSON: unit-tested as
// tables (server/tests/unit/night_audit_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hotel/reservations/model.hpp"

namespace keycard::hotel::night_audit::rules {

// What closing `date` does to the property's open stays (indexes into them).
struct Plan {
  std::vector<std::size_t> charge;   // in house that night: checked in, check-in <= date < check-out
  std::vector<std::size_t> no_show;  // confirmed, arrival on or before the date, never checked in
  std::vector<std::size_t> cancel;   // pending (never confirmed), arrival on or before the date
  std::vector<std::size_t> overdue;  // checked in, departure on or before the date
};
[[nodiscard]] Plan plan(const std::vector<reservations::Reservation>& stays, std::string_view date);

// Occupancy (rooms sold / available, 4 decimals), ADR (revenue / sold) and
// RevPAR (revenue / available), in minor units rounded half up; 0 when the
// divisor is.
struct Figures {
  double occupancy = 0;
  std::int64_t adr_minor = 0, revpar_minor = 0;
};
[[nodiscard]] Figures figures(std::int64_t rooms_available, std::int64_t rooms_sold, std::int64_t revenue_minor);

// Why closing `date` is refused, or nullopt: "audit_date_mismatch" (not the
// current business date), "audit_too_early" (the property's local date has
// not passed it).
[[nodiscard]] std::optional<std::string_view> refusal(std::string_view date, std::string_view business_date,
                                                      std::string_view local_date);

// Whether the scheduler closes `business_date` now: the local date is past
// it and the local time has reached the audit time, or the local date is
// more than a day past it (an audit missed).
[[nodiscard]] bool due(std::string_view business_date, std::string_view local_date, std::string_view local_time,
                       std::string_view audit_time);

}  // namespace keycard::hotel::night_audit::rules
