// The PDFs of the front office, drawn by the reports' PDF writer (cairo +
// pango, so non-Latin names print): an invoice or credit note, and the
// registration card a guest signs at check-in.
#pragma once

#include <optional>
#include <string>

#include "hotel/guests/model.hpp"
#include "hotel/invoices/model.hpp"
#include "hotel/properties/model.hpp"
#include "hotel/reservations/model.hpp"

namespace keycard::hotel::invoices {

// What a registration card shows.
struct Card {
  reservations::Reservation reservation;
  properties::Property property;
  std::optional<guests::Guest> guest;
  std::string room_type;
  std::optional<std::string> room_number;
};

[[nodiscard]] std::string render_invoice(const std::string& data_dir, const Invoice& invoice);
[[nodiscard]] std::string render_registration_card(const std::string& data_dir, const Card& card);

}  // namespace keycard::hotel::invoices
