// SQL of reservations and their status history; every statement filters
// tenant_id. The database itself refuses two active reservations of one room
// on one night (PostgreSQL exclusion constraint, SQLite triggers), both
// reported as a ConstraintError of "reservations_room_unavailable".
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/reservations/model.hpp"

namespace keycard::hotel::reservations::repo {

struct ListQuery {
  std::optional<std::string> property_id, guest_id, status, from, to, q;
  std::optional<std::string> check_in_date, check_out_date;  // arrivals, departures of one day
  std::int64_t page = 1, limit = 20;
  std::string order_by = "r.check_in_date ASC";  // from a fixed list, never from input
};

std::optional<Reservation> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// Locks the reservation's row until the transaction ends (PostgreSQL; SQLite's
// writers are serialized already); false when there is no such reservation.
bool lock(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
std::pair<std::vector<Reservation>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                       const ListQuery& q);
// The property's stays that hold a room (pending, confirmed, checked in)
// and arrive on or before `date`: what the night audit of `date` looks at.
std::vector<Reservation> open_of_property(db::Transaction& tx, const access::TenantScope& scope,
                                          const std::string& property_id, const std::string& date);
// A property's stays on the room rack: every one overlapping [from, to)
// that is not cancelled or a no-show, as a statement of a batch, and its answer.
db::Statement rack_statement(const access::TenantScope& scope, const std::string& property_id, const std::string& from,
                             const std::string& to);
std::vector<Reservation> read_reservations(const db::Result& result);
std::vector<Reservation> of_guest(db::Transaction& tx, const access::TenantScope& scope, const std::string& guest_id);
// Optimistic update of every mutable field; false when the version did not match.
bool update(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r, std::int64_t version);
// Active stays of a room type overlapping [from, to).
std::vector<Stay> active_of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id,
                                 const std::string& from, const std::string& to);
// The active stays of a property overlapping [from, to), as a statement of a
// batch (Transaction::exec_batch), and its answer.
db::Statement active_of_type_statement(const access::TenantScope& scope, const std::string& room_type_id,
                                       const std::string& from, const std::string& to);
db::Statement active_of_property_statement(const access::TenantScope& scope, const std::string& property_id,
                                           const std::string& from, const std::string& to);
std::vector<Stay> read_stays(const db::Result& result);
bool confirmation_taken(db::Transaction& tx, const access::TenantScope& scope, const std::string& number);
void add_history(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id,
                 const StatusChange& change);
// A new booking, its first status change and the stored row read back, in
// one round trip.
Reservation insert_booked(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r,
                          const StatusChange& first);
// A reservation and its status history, in one round trip.
std::optional<WithHistory> find_with_history(db::Transaction& tx, const access::TenantScope& scope,
                                             const std::string& id);

}  // namespace keycard::hotel::reservations::repo
