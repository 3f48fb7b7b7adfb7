// A reservation: a guest's stay in a room type (and maybe a room) for the
// nights [check_in_date, check_out_date), with its status and money; and the
// typed commands and answers of the reservation service (api.cpp decodes
// and encodes them; the service sees no JSON).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "common/errors.hpp"

namespace keycard::hotel::reservations {

enum class Status { pending, confirmed, checked_in, checked_out, cancelled, no_show };

[[nodiscard]] std::string_view to_string(Status s);
// nullopt for a name that is no status.
[[nodiscard]] std::optional<Status> parse_status(std::string_view name);
// Every status's name, in the order of the enum (query filters, checks).
[[nodiscard]] const std::vector<std::string_view>& status_names();

struct Reservation {
  std::string id, tenant_id, property_id, room_type_id;
  std::optional<std::string> room_id;
  std::string guest_id, confirmation_number;
  Status status = Status::pending;
  std::string check_in_date, check_out_date;
  std::int64_t adults = 1, children = 0, rate_minor = 0;
  std::string currency;
  std::optional<std::string> notes, cancel_reason, checked_in_at, checked_out_at, cancelled_at;
  std::optional<std::string> created_by, updated_by;
  std::string created_at, updated_at;
  std::int64_t version = 1;
  // Read only: payments minus refunds; the folio's posted charges net of
  // corrections, and how many of the stay's nights have a room charge; the
  // guest's name.
  std::int64_t paid_minor = 0, charges_minor = 0, room_nights_posted = 0;
  std::string guest_name;

  [[nodiscard]] std::int64_t nights() const;
  // Nights still to be charged (rules::pending_room_nights).
  [[nodiscard]] std::int64_t pending_room_nights() const;
  // What the stay costs: its posted charges, and its room nights not posted
  // yet at the rate. A stay never audited is rate x nights.
  [[nodiscard]] std::int64_t total_minor() const { return charges_minor + rate_minor * pending_room_nights(); }
  [[nodiscard]] std::int64_t balance_minor() const { return total_minor() - paid_minor; }
};

struct StatusChange {
  std::optional<Status> from_status;
  Status to_status = Status::pending;
  std::optional<std::string> reason, changed_by;
  std::string changed_at;
};

// A reservation and its status history.
struct WithHistory {
  Reservation reservation;
  std::vector<StatusChange> history;
};

// A stay that holds capacity on some nights (for availability).
struct Stay {
  std::string id;
  std::optional<std::string> room_id;
  std::string room_type_id, check_in_date, check_out_date;
};

// --- commands (bodies validated by api.cpp) ------------------------------------

// POST /api/hotel/reservations.
struct CreateReservation {
  std::string property_id, room_type_id, guest_id;
  std::optional<std::string> room_id;
  std::string check_in_date, check_out_date;
  std::int64_t adults = 1, children = 0;
  std::optional<std::int64_t> rate_minor;  // the room type's base rate when absent
  std::optional<std::string> notes;
  Status status = Status::pending;  // pending or confirmed
};

// PATCH /api/hotel/reservations/{id}: the fields sent; `notes` may be
// cleared (an empty inner optional).
struct PatchReservation {
  std::int64_t version = 0;  // the version the change is based on (body or If-Match)
  std::optional<std::string> check_in_date, check_out_date;
  std::optional<std::int64_t> adults, children, rate_minor;
  std::optional<std::optional<std::string>> notes;
};

// POST .../confirm|check-in|check-out|cancel|no-show.
struct StatusCommand {
  std::optional<std::int64_t> version;
  std::optional<std::string> reason;
  std::optional<std::string> room_id;  // check-in only
};

// Who makes a status change: the audit's actor, the user (none for the
// scheduled night audit), and whether they may check a guest out with an
// open balance (hotel:folios:correct).
struct Changer {
  audit::Actor actor;
  std::optional<std::string> user_id;
  bool may_leave_balance = false;
};

// 409 balance_outstanding: check-out with a balance other than zero.
struct BalanceOutstanding : Conflict {
  BalanceOutstanding(std::int64_t balance, std::string currency_code)
      : Conflict("The folio's balance is " + std::to_string(balance) + " " + currency_code +
                     " (minor units); settle it, or give a reason with the right to correct folios.",
                 "balance_outstanding"),
        balance_minor(balance),
        currency(std::move(currency_code)) {}
  std::int64_t balance_minor;
  std::string currency;
};

// POST .../assign-room.
struct AssignRoom {
  std::string room_id;
  std::optional<std::int64_t> version;
};

// GET /api/hotel/availability.
struct AvailabilityQuery {
  std::string property_id, check_in, check_out;
  std::optional<std::string> room_type_id;
};

struct TypeAvailability {
  std::string room_type_id, code, name, currency;
  std::int64_t capacity = 0, base_rate_minor = 0;
  std::int64_t total = 0, booked = 0, available = 0;
  std::vector<std::string> free_room_ids;
};

struct Availability {
  std::string property_id, check_in, check_out;
  std::int64_t nights = 0;
  std::vector<TypeAvailability> room_types;
};

}  // namespace keycard::hotel::reservations
