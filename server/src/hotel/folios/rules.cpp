#include "hotel/folios/rules.hpp"

namespace keycard::hotel::folios::rules {

std::int64_t charge_amount(std::int64_t quantity, std::int64_t unit_price_minor) { return quantity * unit_price_minor; }

std::string default_description(std::string_view charge_type) {
  if (charge_type == "room") return "Room night";
  if (charge_type == "minibar") return "Minibar";
  if (charge_type == "parking") return "Parking";
  if (charge_type == "breakfast") return "Breakfast";
  if (charge_type == "late_checkout") return "Late check-out";
  if (charge_type == "cancellation_fee") return "Cancellation fee";
  return "Other";
}

std::string room_night_description(const std::optional<std::string>& room_number, std::string_view night) {
  return (room_number ? "Room " + *room_number + ", night of " : std::string("Room, night of ")) + std::string(night);
}

std::int64_t correctable(const Line& line) {
  if (line.kind != "charge") return 0;
  const auto left = line.amount_minor - line.corrected_minor;
  return left > 0 ? left : 0;
}

std::optional<std::string_view> correction_refusal(const Line& line, const std::optional<std::int64_t>& amount_minor) {
  if (line.kind != "charge") return "not_correctable";
  const auto left = correctable(line);
  if (left == 0) return "already_corrected";
  if (amount_minor && *amount_minor <= 0) return "not_positive";
  if (amount_minor && *amount_minor > left) return "too_much";
  return std::nullopt;
}

Totals totals(const std::vector<Line>& lines, std::int64_t pending_room_nights, std::int64_t rate_minor) {
  Totals t;
  for (const auto& l : lines) {
    if (l.kind == "charge") t.charges += l.amount_minor;
    if (l.kind == "correction") t.corrections += l.amount_minor;
    if (l.kind == "payment") t.payments -= l.amount_minor;
    if (l.kind == "refund") t.refunds += l.amount_minor;
  }
  t.posted_balance = t.charges + t.corrections - t.payments + t.refunds;
  t.pending_room_nights = pending_room_nights;
  t.pending_room_charges = pending_room_nights * rate_minor;
  t.total = t.charges + t.corrections + t.pending_room_charges;
  t.paid = t.payments - t.refunds;
  t.balance = t.total - t.paid;
  return t;
}

}  // namespace keycard::hotel::folios::rules
