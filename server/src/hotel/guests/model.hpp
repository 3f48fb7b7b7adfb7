// A guest of a tenant's hotels: personal data that can be exported and
// erased; and the typed commands and answers of the guest service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hotel/incidents/model.hpp"
#include "hotel/payments/model.hpp"
#include "hotel/reservations/model.hpp"

namespace keycard::hotel::guests {

struct Guest {
  std::string id, tenant_id, first_name, last_name;
  std::optional<std::string> email, phone, id_type, id_number, nationality, notes, erased_at;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
};

// POST /api/hotel/guests. The email is lower-case.
struct CreateGuest {
  std::string first_name, last_name;
  std::optional<std::string> email, phone, id_type, id_number, nationality, notes;
};

// PATCH /api/hotel/guests/{id}: only the fields sent; the optional ones may
// be cleared with null or "" (an inner nullopt).
struct PatchGuest {
  std::int64_t version = 0;  // the version the change is based on (body or If-Match)
  std::optional<std::string> first_name, last_name;
  std::optional<std::optional<std::string>> email, phone, id_type, id_number, nationality, notes;
};

// POST /api/hotel/guests/{id}/erase: the version, when sent, must be current.
struct EraseGuest {
  std::optional<std::int64_t> version;
};

// GET /api/hotel/guests/{id}/export: everything held on a guest.
struct Export {
  std::string exported_at;
  Guest guest;
  std::vector<reservations::Reservation> reservations;
  std::vector<payments::Payment> payments;  // of those reservations
  std::vector<incidents::Incident> incidents;
};

}  // namespace keycard::hotel::guests
