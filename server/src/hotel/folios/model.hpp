// A reservation's folio: the charges posted to it (room nights and extras),
// the corrections of those charges, and its payments and refunds, as one
// list of immutable lines with their totals; and the typed commands of the
// folio service. Amounts are in minor units, signed as their effect on the
// balance: charges +, corrections -, payments -, refunds +.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::folios {

inline const std::vector<std::string_view> kKinds = {"charge", "payment", "refund", "correction"};
inline const std::vector<std::string_view> kChargeTypes = {"room",          "minibar",          "parking", "breakfast",
                                                           "late_checkout", "cancellation_fee", "other"};
// What staff may post by hand: every type but the room night, which the
// night audit and check-out post.
inline const std::vector<std::string_view> kExtraTypes = {"minibar",       "parking",          "breakfast",
                                                          "late_checkout", "cancellation_fee", "other"};

struct Line {
  std::string id, tenant_id, reservation_id, kind;
  std::optional<std::string> charge_type;  // charges and corrections
  std::string business_date;
  std::optional<std::string> room_night;  // a room charge's night
  std::string description;
  std::int64_t quantity = 1, unit_price_minor = 0, amount_minor = 0;
  std::string currency;
  std::optional<std::string> corrects, reason, method, posted_by;
  std::string created_at;
  std::int64_t corrected_minor = 0;  // read only: how much of a charge its corrections took back (≥ 0)
};

// The money of a folio (rules::totals).
struct Totals {
  std::int64_t charges = 0, corrections = 0, payments = 0, refunds = 0;
  std::int64_t posted_balance = 0;
  std::int64_t pending_room_nights = 0, pending_room_charges = 0;
  std::int64_t total = 0, paid = 0, balance = 0;
};

struct Folio {
  std::string reservation_id, currency, business_date;
  std::vector<Line> lines;
  Totals totals;
};

// A line just posted, with the folio's totals after it.
struct Posted {
  Line line;
  Totals totals;
};

// POST /api/hotel/reservations/{id}/folio/charges.
struct PostCharge {
  std::string charge_type;
  std::optional<std::string> description;
  std::int64_t quantity = 1, unit_price_minor = 0;
};

// POST /api/hotel/reservations/{id}/folio/lines/{line_id}/correct.
struct CorrectLine {
  std::string reason;
  std::optional<std::int64_t> amount_minor;  // what is left of the charge when absent
};

}  // namespace keycard::hotel::folios
