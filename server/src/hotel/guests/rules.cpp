#include "hotel/guests/rules.hpp"

namespace keycard::hotel::guests::rules {

Guest erased(Guest guest, const std::string& now) {
  guest.first_name = "Erased";
  guest.last_name = "Guest";
  guest.email = guest.phone = guest.id_type = guest.id_number = guest.nationality = guest.notes = std::nullopt;
  guest.erased_at = now;
  return guest;
}

}  // namespace keycard::hotel::guests::rules
