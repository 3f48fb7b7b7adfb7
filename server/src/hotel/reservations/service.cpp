#include "hotel/reservations/service.hpp"

#include <sodium.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/folios/service.hpp"
#include "hotel/guests/repository.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/properties/service.hpp"
#include "hotel/reservations/codec.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/rooms/rules.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"

namespace keycard::hotel::reservations {
namespace {

// Readable and unambiguous: no 0/O, 1/I/L, U.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

// The constraints a reservation write may meet, and their answers.
const std::vector<db::OnConstraint>& constraints() {
  static const std::vector<db::OnConstraint> kAnswers = {
      {"reservations_room_unavailable",
       Conflict("The room is already held by another reservation on one of these nights.", "room_unavailable")},
      {"reservations_confirmation_key", Conflict("Please try again.", "confirmation_number_clash")}};
  return kAnswers;
}

// An optimistic update of the reservation (409 when it changed meanwhile).
void save(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r, std::int64_t version) {
  db::update_or_stale(db::on_constraint(constraints(), [&] { return repo::update(tx, scope, r, version); }),
                      "reservation");
}

std::string new_confirmation_number(db::Transaction& tx, const access::TenantScope& scope, const std::string& code) {
  std::string prefix;
  for (char c : code) {
    if (prefix.size() == 3) break;
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) prefix.push_back(c);
  }
  while (prefix.size() < 3) prefix.push_back('X');
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::string n = prefix + "-";
    for (int i = 0; i < 6; ++i)
      n.push_back(kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))]);
    if (!repo::confirmation_taken(tx, scope, n)) return n;
  }
  throw Conflict("Please try again.", "confirmation_number_clash");
}

// Every night of [check_in, check_out) keeps at least one room of the type
// that is not out of order for this stay, counting every other active stay
// of the type (with or without a room).
// `rooms`: the type's rooms (rooms::repo::read_inventory); `stays`: its
// active stays overlapping the dates.
void require_capacity(const std::vector<rooms::repo::Slot>& rooms, const std::vector<Stay>& stays,
                      const std::string& room_type_id, const std::string& check_in, const std::string& check_out,
                      const std::optional<std::string>& exclude_id) {
  const auto total = std::count_if(rooms.begin(), rooms.end(), [](const rooms::repo::Slot& room) {
    return rooms::counts_for_capacity(room.status);
  });
  const auto held = rules::nights_held(stays, room_type_id, check_in, check_out, exclude_id);
  if (const auto night = rules::first_full_night(held, check_in, total)) {
    throw Conflict("No room of this type is free on the night of " + *night + ".", "no_availability");
  }
}

// The type's rooms and stays as two statements of a batch (results in that order).
void add_capacity_statements(std::vector<db::Statement>& batch, const access::TenantScope& scope,
                             const std::string& room_type_id, const std::string& check_in,
                             const std::string& check_out) {
  batch.push_back(rooms::repo::type_inventory_statement(scope, room_type_id));
  batch.push_back(repo::active_of_type_statement(scope, room_type_id, check_in, check_out));
}

void check_capacity(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id,
                    const std::string& check_in, const std::string& check_out,
                    const std::optional<std::string>& exclude_id) {
  std::vector<db::Statement> batch;
  add_capacity_statements(batch, scope, room_type_id, check_in, check_out);
  const auto results = tx.exec_batch(std::move(batch));
  require_capacity(rooms::repo::read_inventory(results[0]), repo::read_stays(results[1]), room_type_id, check_in,
                   check_out, exclude_id);
}

// A room named in a body: of this tenant (422 otherwise), of the
// reservation's property and room type, and in service.
rooms::Room check_room(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r,
                       const std::string& room_id) {
  auto room = rooms::repo::find(tx, scope, room_id);
  if (!room) field_error("room_id", "does not name a room of this hotel");
  if (room->property_id != r.property_id) field_error("room_id", "belongs to another property");
  if (room->room_type_id != r.room_type_id) {
    field_error("room_id", "is not of the reservation's room type");
  }
  if (!rooms::assignable(room->status)) throw Conflict("The room is out of order.", "room_out_of_order");
  return *room;
}

// A free room of the reservation's type for its nights, for check-in.
std::optional<rooms::Room> pick_room(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r) {
  const auto stays = repo::active_of_type(tx, scope, r.room_type_id, r.check_in_date, r.check_out_date);
  for (const auto& room : rooms::repo::of_type(tx, scope, r.room_type_id)) {
    if (!rooms::ready_for_arrival(room.status, room.occupied)) continue;
    const bool held =
        std::any_of(stays.begin(), stays.end(), [&](const Stay& s) { return s.id != r.id && s.room_id == room.id; });
    if (!held) return room;
  }
  return std::nullopt;
}

// Adults and children together fit the room type (its capacity in guests).
void check_occupancy(const Reservation& r, const room_types::RoomType& type) {
  if (!rules::guests_fit(r.adults, r.children, type.capacity)) {
    field_error("adults",
                "with children, more guests than the room type sleeps (" + std::to_string(type.capacity) + ")");
  }
}

[[noreturn]] void closed(const Reservation& r, std::string_view what) {
  throw Conflict("A reservation that is " + std::string(to_string(r.status)) + " cannot " + std::string(what) + ".",
                 "reservation_closed");
}

}  // namespace

Reservation require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = repo::find(tx, scope, id);
  if (!r) throw NotFound("There is no reservation with this id.");
  return *r;
}

idempotency::Created<Reservation> create(request::Context& ctx, const CreateReservation& cmd,
                                         const std::optional<idempotency::Replay<Reservation>>& replay) {
  const auto& scope = ctx.scope();
  Reservation r;
  r.id = new_uuid();
  r.tenant_id = scope.tenant_id();
  r.property_id = cmd.property_id;
  r.room_type_id = cmd.room_type_id;
  r.guest_id = cmd.guest_id;
  r.room_id = cmd.room_id;
  r.check_in_date = cmd.check_in_date;
  r.check_out_date = cmd.check_out_date;
  r.adults = cmd.adults;
  r.children = cmd.children;
  r.notes = cmd.notes;
  r.status = cmd.status;

  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // Locking the room type serializes bookings of it (PostgreSQL), so the
  // capacity check below cannot be raced, and a request repeating an
  // Idempotency-Key finds the first one's answer once it committed. The
  // statements after the lock run once it is held, in the same round trip.
  std::vector<db::Statement> batch;
  batch.push_back(room_types::repo::lock_statement(tx.backend(), scope, r.room_type_id));
  batch.push_back(room_types::repo::find_statement(scope, r.room_type_id));
  batch.push_back(properties::repo::find_statement(scope, r.property_id));
  batch.push_back(guests::repo::find_statement(scope, r.guest_id));
  add_capacity_statements(batch, scope, r.room_type_id, r.check_in_date, r.check_out_date);
  const auto found = tx.exec_batch(std::move(batch));
  auto out = idempotency::once<Reservation>(tx, scope, replay, ctx.user().user_id, [&] {
    const auto types = room_types::repo::read_types(found[1]);
    const auto type = types.empty() ? std::nullopt : std::optional<room_types::RoomType>(types.front());
    const auto property = properties::repo::read_found(found[2]);
    const auto guest = guests::repo::read_found(found[3]);
    FieldErrors errors;
    if (!property) errors["property_id"] = "does not name a property of this hotel";
    if (!type) {
      errors["room_type_id"] = "does not name a room type of this hotel";
    } else if (property && type->property_id != r.property_id) {
      errors["room_type_id"] = "belongs to another property";
    }
    if (!guest) errors["guest_id"] = "does not name a guest of this hotel";
    if (!errors.empty()) throw ValidationError(errors);
    check_occupancy(r, *type);
    if (r.room_id) check_room(tx, scope, r, *r.room_id);
    require_capacity(rooms::repo::read_inventory(found[4]), repo::read_stays(found[5]), r.room_type_id, r.check_in_date,
                     r.check_out_date, std::nullopt);

    r.rate_minor = cmd.rate_minor.value_or(type->base_rate_minor);
    r.currency = property->currency;
    r.confirmation_number = new_confirmation_number(tx, scope, property->code);
    r.created_by = r.updated_by = ctx.user().user_id;
    r.created_at = r.updated_at = now_text();
    auto stored = db::on_constraint(constraints(), [&] {
      return repo::insert_booked(tx, scope, r, {std::nullopt, r.status, std::nullopt, r.created_by, r.created_at});
    });
    audit::record(tx, ctx.actor(),
                  {r.tenant_id, "reservation.created", "reservation", r.id, audit_changes(std::nullopt, stored)});
    return stored;
  });
  tx.commit();
  return out;
}

WithHistory get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    auto found = repo::find_with_history(tx, scope, id);
    if (!found) throw NotFound("There is no reservation with this id.");
    return std::move(*found);
  });
}

ListPage<Reservation> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Reservation>(ctx, query, repo::list);
}

Reservation update(request::Context& ctx, const std::string& id, const PatchReservation& patch) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // Under the posting locks: the night audit sees the stay before or after the change.
  const auto before = lock_for_posting(tx, scope, id).reservation;
  Reservation r = before;
  if (patch.check_in_date) r.check_in_date = *patch.check_in_date;
  if (patch.check_out_date) r.check_out_date = *patch.check_out_date;
  if (patch.adults) r.adults = *patch.adults;
  if (patch.children) r.children = *patch.children;
  if (patch.rate_minor) r.rate_minor = *patch.rate_minor;
  if (patch.notes) r.notes = *patch.notes;
  if (patch.check_in_date.has_value() != patch.check_out_date.has_value()) {
    if (auto error = rules::stay_length_error(r.check_in_date, r.check_out_date)) field_error("check_out_date", *error);
  }
  db::check_version(patch.version, before.version, "reservation");
  const bool arrival_changed = r.check_in_date != before.check_in_date;
  const bool departure_changed = r.check_out_date != before.check_out_date;
  const bool dates_changed = arrival_changed || departure_changed;
  const bool price_changed =
      r.adults != before.adults || r.children != before.children || r.rate_minor != before.rate_minor;
  if ((arrival_changed && !rules::can_change_arrival(before.status)) ||
      (departure_changed && !rules::can_change_departure(before.status)) ||
      (price_changed && !rules::can_change_price(before.status))) {
    closed(before, "change its stay");
  }
  // A guest in house leaves early or stays longer, but not in the past.
  if (departure_changed && before.status == Status::checked_in) {
    const auto property = properties::require(tx, scope, r.property_id);
    const auto today = tz::local_date(property.timezone, std::chrono::system_clock::now());
    if (r.check_out_date < today) field_error("check_out_date", "is before today at the property, " + today);
  }
  if (r.adults != before.adults || r.children != before.children) {
    if (const auto type = room_types::repo::find(tx, scope, r.room_type_id)) check_occupancy(r, *type);
  }
  if (dates_changed) {
    room_types::repo::find_for_update(tx, scope, r.room_type_id);
    check_capacity(tx, scope, r.room_type_id, r.check_in_date, r.check_out_date, r.id);
  }
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  save(tx, scope, r, patch.version);
  auto after = require(tx, scope, id);
  audit::record(tx, ctx.actor(), {r.tenant_id, "reservation.updated", "reservation", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

Reservation transition(request::Context& ctx, const std::string& id, Action action, const StatusCommand& cmd) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const Changer who{ctx.actor(), ctx.user().user_id, ctx.user().can("hotel:folios:correct")};
  auto after = apply_transition(tx, ctx.scope(), who, id, action, cmd);
  tx.commit();
  return after;
}

Reservation apply_transition(db::Transaction& tx, const access::TenantScope& scope, const Changer& who,
                             const std::string& id, Action action, const StatusCommand& cmd,
                             const std::optional<std::string>& night_audit) {
  // The property's business date (shared) and then the reservation's row, as
  // every posting takes them: a status change, the night audit and a
  // payment or charge of the same stay happen one after the other.
  const auto posting = lock_for_posting(tx, scope, id);
  const auto& before = posting.reservation;
  if (cmd.version) db::check_version(*cmd.version, before.version, "reservation");
  const auto next = rules::next_status(before.status, action);
  if (!next) {
    throw Conflict("A reservation that is " + std::string(to_string(before.status)) + " cannot be " +
                       std::string(rules::verb(action)) + ".",
                   "illegal_transition");
  }
  Reservation r = before;
  const auto now = now_text();
  const auto& user = who.user_id;
  TransitionNotes notes{cmd.reason, std::nullopt, std::nullopt, night_audit};
  switch (action) {
    case Action::check_in: {
      const auto property = properties::repo::find(tx, scope, r.property_id);
      if (!property) throw NotFound("There is no property with this id.");
      const auto today = tz::local_date(property->timezone, std::chrono::system_clock::now());
      if (today < r.check_in_date) {
        throw Conflict("The stay starts on " + r.check_in_date + "; today is " + today + " at the property.",
                       "check_in_too_early");
      }
      std::optional<rooms::Room> room;
      if (cmd.room_id) {
        room = check_room(tx, scope, r, *cmd.room_id);
      } else if (r.room_id) {
        room = check_room(tx, scope, r, *r.room_id);
      } else {
        room = pick_room(tx, scope, r);
        if (!room) throw Conflict("No room of this type is ready; assign one first.", "no_room_available");
      }
      // A guest still in the room (a departure not checked out yet) keeps it.
      if (room->occupied) {
        throw Conflict("Room " + room->room_number + " is still occupied; check the previous stay out first.",
                       "room_occupied");
      }
      r.room_id = room->id;
      r.checked_in_at = now;
      rooms::repo::set_state(tx, scope, room->id, room->status, true, user);
      notes.room = RoomChange{room->id, std::nullopt, std::nullopt, false, true};
      break;
    }
    case Action::check_out: {
      // The room nights not posted yet are posted now, so the folio is
      // complete; then it must be settled, unless someone who may correct
      // folios leaves it open with a reason.
      folios::post_room_nights(tx, scope, who.actor, before, folios::stay_nights(before), posting.business_date, user);
      const auto posted = require(tx, scope, id);
      if (posted.balance_minor() != 0) {
        const bool reasoned = cmd.reason && !cmd.reason->empty();
        if (!reasoned || !who.may_leave_balance) throw BalanceOutstanding(posted.balance_minor(), posted.currency);
        notes.balance_override = posted.balance_minor();
      }
      r.checked_out_at = now;
      if (r.room_id) {
        if (auto room = rooms::repo::find(tx, scope, *r.room_id)) {
          const auto status = rooms::status_after_check_out(room->status);
          rooms::repo::set_state(tx, scope, room->id, status, false, user);
          notes.room = RoomChange{room->id, room->status, status, room->occupied, false};
        }
      }
      break;
    }
    case Action::cancel:
      r.cancel_reason = cmd.reason;
      r.cancelled_at = now;
      break;
    case Action::confirm:
    case Action::no_show:
      break;
  }
  r.status = *next;
  r.updated_by = user;
  r.updated_at = now;
  save(tx, scope, r, before.version);
  repo::add_history(tx, scope, id, {before.status, r.status, cmd.reason, user, now});
  auto after = require(tx, scope, id);
  audit::record(tx, who.actor,
                {r.tenant_id, "reservation." + std::string(rules::event_name(action)), "reservation", id,
                 audit_changes(before, after, notes)});
  return after;
}

Reservation assign_room(request::Context& ctx, const std::string& id, const AssignRoom& cmd) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = lock_for_posting(tx, scope, id).reservation;
  if (cmd.version) db::check_version(*cmd.version, before.version, "reservation");
  if (!rules::can_change_room(before.status)) {
    throw Conflict("A reservation that is " + std::string(to_string(before.status)) + " cannot change its room.",
                   "illegal_transition");
  }
  Reservation r = before;
  check_room(tx, scope, r, cmd.room_id);
  r.room_id = cmd.room_id;
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  save(tx, scope, r, before.version);
  auto after = require(tx, scope, id);
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "reservation.room_assigned", "reservation", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

Posting lock_for_posting(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  const auto unlocked = require(tx, scope, id);
  auto business_date = properties::open_business_date(tx, scope, unlocked.property_id);
  repo::lock(tx, scope, id);
  return {require(tx, scope, id), std::move(business_date)};
}

Availability availability(request::Context& ctx, const AvailabilityQuery& q) {
  const auto& scope = ctx.scope();
  // The property, its room types, rooms and the stays overlapping the dates:
  // one batch, one round trip.
  auto tx = ctx.db().begin(db::TxMode::read, scope);
  std::vector<db::Statement> batch;
  batch.push_back(properties::repo::find_statement(scope, q.property_id));
  batch.push_back(q.room_type_id ? room_types::repo::find_statement(scope, *q.room_type_id)
                                 : room_types::repo::of_property_statement(scope, q.property_id));
  batch.push_back(rooms::repo::inventory_statement(scope, q.property_id));
  batch.push_back(repo::active_of_property_statement(scope, q.property_id, q.check_in, q.check_out));
  const auto results = tx.exec_batch(std::move(batch));
  tx.commit();
  if (!properties::repo::read_found(results[0])) throw NotFound("There is no property with this id.");
  const auto types = room_types::repo::read_types(results[1]);
  if (q.room_type_id && (types.empty() || types.front().property_id != q.property_id)) {
    throw NotFound("There is no room type with this id in the property.");
  }
  const auto rooms = rooms::repo::read_inventory(results[2]);
  const auto stays = repo::read_stays(results[3]);

  Availability out{
      q.property_id, q.check_in, q.check_out, days_from_date(q.check_out) - days_from_date(q.check_in), {}};
  for (const auto& t : types) {
    TypeAvailability a{t.id, t.code, t.name, t.currency, t.capacity, t.base_rate_minor, 0, 0, 0, {}};
    std::int64_t in_service = 0;
    for (const auto& room : rooms) {
      if (room.room_type_id != t.id || !rooms::counts_for_capacity(room.status)) continue;
      ++in_service;
      const bool held = std::any_of(stays.begin(), stays.end(), [&](const Stay& s) { return s.room_id == room.id; });
      if (!held) a.free_room_ids.push_back(room.id);
    }
    const auto figures = rules::type_availability(rules::nights_held(stays, t.id, q.check_in, q.check_out), in_service);
    a.total = figures.rooms;
    a.booked = figures.booked;
    a.available = figures.available;
    out.room_types.push_back(std::move(a));
  }
  return out;
}

}  // namespace keycard::hotel::reservations
