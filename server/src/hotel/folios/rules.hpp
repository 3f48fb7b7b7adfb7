// Pure rules of folios: a charge's amount, what a correction may take back,
// and the totals of a folio. No database, no JSON: unit-tested as tables
// (server/tests/unit/folio_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hotel/folios/model.hpp"

namespace keycard::hotel::folios::rules {

constexpr std::int64_t kMaxQuantity = 999;
constexpr std::int64_t kMaxUnitPrice = 100'000'000'000;  // minor units

// quantity x unit price (both within their limits, so it cannot overflow).
[[nodiscard]] std::int64_t charge_amount(std::int64_t quantity, std::int64_t unit_price_minor);

// The line's default description: "Minibar", "Late check-out", ...; a room
// night's is "Room 204, night of 2027-03-01" (room_night_description).
[[nodiscard]] std::string default_description(std::string_view charge_type);
[[nodiscard]] std::string room_night_description(const std::optional<std::string>& room_number, std::string_view night);

// What a correction of `line` may still take back (≥ 0): a charge's amount
// less what its corrections took; 0 for every other kind.
[[nodiscard]] std::int64_t correctable(const Line& line);

// Why `line` cannot be corrected by `amount_minor` (nullopt: what is left),
// or nullopt when it can: "not_correctable" (not a charge),
// "already_corrected" (nothing left), "too_much" (more than is left) or
// "not_positive".
[[nodiscard]] std::optional<std::string_view> correction_refusal(const Line& line,
                                                                 const std::optional<std::int64_t>& amount_minor);

// A folio's totals from its lines and the room nights still to be charged
// (reservations::rules::pending_room_nights) at `rate_minor`:
//   posted_balance = charges + corrections - payments + refunds
//   total = charges + corrections + pending room charges; paid = payments - refunds
//   balance = total - paid
[[nodiscard]] Totals totals(const std::vector<Line>& lines, std::int64_t pending_room_nights, std::int64_t rate_minor);

}  // namespace keycard::hotel::folios::rules
