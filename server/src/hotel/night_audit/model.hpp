// The night audit: closing a property's business date. Its summary (kept as
// a night_audits row), its typed command and its refusal that lists the
// guests still in house past their departure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace keycard::hotel::night_audit {

struct Summary {
  std::string id, tenant_id, property_id, business_date;  // the date closed
  std::int64_t room_charges_posted = 0, amount_posted_minor = 0;
  std::string currency;
  std::int64_t no_shows = 0, cancelled = 0, rooms_available = 0, rooms_sold = 0;
  // Room revenue of the night (the in-house stays' rates), for ADR and RevPAR.
  std::int64_t room_revenue_minor = 0;
  bool forced = false;
  std::optional<std::string> reason, run_by;
  std::string created_at;
};

// POST /api/hotel/properties/{id}/night-audit.
struct RunAudit {
  std::optional<std::string> business_date;  // the current one when absent
  bool force = false;
  std::optional<std::string> reason;  // required with force
};

// The audit's answer: its summary, and whether this call closed the date
// (false: it was closed already, and nothing was done).
struct Outcome {
  Summary summary;
  bool closed_now = false;
};

struct PendingDeparture {
  std::string id, confirmation_number, guest_name, check_out_date;
};

// 409 departures_pending: guests who should have checked out are in house.
struct DeparturesPending : Conflict {
  explicit DeparturesPending(std::vector<PendingDeparture> list)
      : Conflict(std::to_string(list.size()) +
                     " guest(s) should have checked out and are still in house; check them out, or force the audit "
                     "with a reason.",
                 "departures_pending"),
        reservations(std::move(list)) {}
  std::vector<PendingDeparture> reservations;
};

}  // namespace keycard::hotel::night_audit
