#include "hotel/reservations/service.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "db/write.hpp"
#include "hotel/guests/repository.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/reservations/rules.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"
#include "request/context.hpp"

namespace keycard::hotel::reservations {
namespace json = boost::json;

std::int64_t Reservation::nights() const { return days_from_date(check_out_date) - days_from_date(check_in_date); }

json::object to_json(const Reservation& r) {
  const auto total = r.total_minor();
  return {{"id", r.id},
          {"tenant_id", r.tenant_id},
          {"property_id", r.property_id},
          {"room_type_id", r.room_type_id},
          {"room_id", opt_json(r.room_id)},
          {"guest_id", r.guest_id},
          {"guest_name", r.guest_name},
          {"confirmation_number", r.confirmation_number},
          {"status", r.status},
          {"check_in_date", r.check_in_date},
          {"check_out_date", r.check_out_date},
          {"nights", r.nights()},
          {"adults", r.adults},
          {"children", r.children},
          {"rate_minor", r.rate_minor},
          {"currency", r.currency},
          {"total", money(total, r.currency)},
          {"paid", money(r.paid_minor, r.currency)},
          {"balance", money(total - r.paid_minor, r.currency)},
          {"notes", opt_json(r.notes)},
          {"cancel_reason", opt_json(r.cancel_reason)},
          {"checked_in_at", opt_json(r.checked_in_at)},
          {"checked_out_at", opt_json(r.checked_out_at)},
          {"cancelled_at", opt_json(r.cancelled_at)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

std::optional<std::string> next_status(std::string_view from, Action action) {
  switch (action) {
    case Action::confirm:
      if (from == "pending") return "confirmed";
      break;
    case Action::check_in:
      if (from == "confirmed") return "checked_in";
      break;
    case Action::check_out:
      if (from == "checked_in") return "checked_out";
      break;
    case Action::cancel:
      if (from == "pending" || from == "confirmed") return "cancelled";
      break;
    case Action::no_show:
      if (from == "confirmed") return "no_show";
      break;
  }
  return std::nullopt;
}

namespace {

constexpr std::int64_t kMaxRate = 1'000'000'000'000;  // minor units per night
constexpr std::int64_t kMaxNights = 365;
// Readable and unambiguous: no 0/O, 1/I/L, U.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string_view action_name(Action a) {
  switch (a) {
    case Action::confirm:
      return "confirmed";
    case Action::check_in:
      return "checked_in";
    case Action::check_out:
      return "checked_out";
    case Action::cancel:
      return "cancelled";
    case Action::no_show:
      return "no_show";
  }
  return "changed";
}

std::string_view action_verb(Action a) {
  switch (a) {
    case Action::confirm:
      return "confirmed";
    case Action::check_in:
      return "checked in";
    case Action::check_out:
      return "checked out";
    case Action::cancel:
      return "cancelled";
    case Action::no_show:
      return "marked as a no-show";
  }
  return "changed";
}

bool is_active(std::string_view status) { return std::find(kActive.begin(), kActive.end(), status) != kActive.end(); }

Reservation require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = repo::find(tx, scope, id);
  if (!r) throw NotFound("There is no reservation with this id.");
  return *r;
}

// The audit form of a reservation: without the guest's name, which the
// append-only log must not keep past the guest's erasure (guest_id stays).
json::object audit_view(json::object o) {
  o.erase("guest_name");
  return o;
}

// The constraints a reservation write may meet, and their answers.
const std::vector<db::OnConstraint>& constraints() {
  static const std::vector<db::OnConstraint> kAnswers = {
      {"reservations_room_unavailable",
       Conflict("The room is already held by another reservation on one of these nights.", "room_unavailable")},
      {"reservations_confirmation_key", Conflict("Please try again.", "confirmation_number_clash")}};
  return kAnswers;
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
  const auto total = std::count_if(rooms.begin(), rooms.end(),
                                   [](const rooms::repo::Slot& room) { return room.status != "out_of_order"; });
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
  if (room->status == "out_of_order") throw Conflict("The room is out of order.", "room_out_of_order");
  return *room;
}

// A free room of the reservation's type for its nights, for check-in.
std::optional<rooms::Room> pick_room(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r) {
  const auto stays = repo::active_of_type(tx, scope, r.room_type_id, r.check_in_date, r.check_out_date);
  for (const auto& room : rooms::repo::of_type(tx, scope, r.room_type_id)) {
    if (room.status == "out_of_order" || room.status == "out_of_service" || room.occupied) continue;
    const bool held =
        std::any_of(stays.begin(), stays.end(), [&](const Stay& s) { return s.id != r.id && s.room_id == room.id; });
    if (!held) return room;
  }
  return std::nullopt;
}

// Adults and children together fit the room type (its capacity in guests).
void check_occupancy(const Reservation& r, const room_types::RoomType& type) {
  if (r.adults + r.children > type.capacity) {
    field_error("adults",
                "with children, more guests than the room type sleeps (" + std::to_string(type.capacity) + ")");
  }
}

void check_dates(Fields& f, const std::string& check_in, const std::string& check_out) {
  if (check_in.empty() || check_out.empty()) return;
  const auto nights = days_from_date(check_out) - days_from_date(check_in);
  if (nights <= 0) {
    f.add_error("check_out_date", "must be after check_in_date (at least one night)");
  } else if (nights > kMaxNights) {
    f.add_error("check_out_date", "a stay is at most " + std::to_string(kMaxNights) + " nights");
  }
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body, const std::optional<idempotency::Key>& key) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  Reservation r;
  r.id = new_uuid();
  r.tenant_id = scope.tenant_id();
  r.property_id = f.required_uuid("property_id");
  r.room_type_id = f.required_uuid("room_type_id");
  r.guest_id = f.required_uuid("guest_id");
  r.room_id = f.optional_uuid("room_id");
  r.check_in_date = required_date(f, "check_in_date");
  r.check_out_date = required_date(f, "check_out_date");
  r.adults = f.required_int("adults", 1, 20);
  r.children = f.optional_int("children", 0, 20).value_or(0);
  const auto rate = f.optional_int("rate_minor", 0, kMaxRate);
  r.notes = f.optional_string("notes", 2000);
  r.status = f.optional_enum("status", {"pending", "confirmed"}).value_or("pending");
  check_dates(f, r.check_in_date, r.check_out_date);
  f.finish();

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
  if (key) {
    if (auto previous = idempotency::lookup(tx, scope, *key)) {
      tx.commit();
      return std::move(*previous);
    }
  }
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

  r.rate_minor = rate.value_or(type->base_rate_minor);
  r.currency = property->currency;
  r.confirmation_number = new_confirmation_number(tx, scope, property->code);
  r.created_by = r.updated_by = ctx.user().user_id;
  r.created_at = r.updated_at = now_text();
  const auto stored = db::on_constraint(constraints(), [&] {
    return repo::insert_booked(tx, scope, r, {std::nullopt, r.status, std::nullopt, r.created_by, r.created_at});
  });
  auto out = to_json(stored);
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "reservation.created", "reservation", r.id, changes_between({}, audit_view(out))});
  if (key) idempotency::save(tx, scope, *key, 201, out, ctx.user().user_id);
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto found = repo::find_with_history(tx, ctx.scope(), id);
  if (!found) throw NotFound("There is no reservation with this id.");
  auto out = to_json(found->reservation);
  json::array history;
  for (const auto& h : found->history) {
    history.push_back({{"from_status", opt_json(h.from_status)},
                       {"to_status", h.to_status},
                       {"reason", opt_json(h.reason)},
                       {"changed_by", opt_json(h.changed_by)},
                       {"changed_at", h.changed_at}});
  }
  tx.commit();
  out["status_history"] = std::move(history);
  return out;
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& r : items) arr.push_back(to_json(r));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object update(request::Context& ctx, const http::Request& req, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = require(tx, scope, id);
  Reservation r = before;
  if (f.has("check_in_date")) r.check_in_date = required_date(f, "check_in_date");
  if (f.has("check_out_date")) r.check_out_date = required_date(f, "check_out_date");
  if (f.has("adults")) r.adults = f.required_int("adults", 1, 20);
  if (f.has("children")) r.children = f.required_int("children", 0, 20);
  if (f.has("rate_minor")) r.rate_minor = f.required_int("rate_minor", 0, kMaxRate);
  if (auto n = patch_string(f, body, "notes", 2000)) r.notes = *n;
  for (const auto* field : {"property_id", "room_type_id", "guest_id", "room_id", "status", "confirmation_number"}) {
    if (f.has(field)) f.add_error(field, "cannot change here (use the status actions or assign-room)");
  }
  check_dates(f, r.check_in_date, r.check_out_date);
  f.finish();
  db::check_version(version, before.version, "reservation");
  const bool dates_changed = r.check_in_date != before.check_in_date || r.check_out_date != before.check_out_date;
  const bool money_changed =
      r.adults != before.adults || r.children != before.children || r.rate_minor != before.rate_minor;
  if ((dates_changed && before.status != "pending" && before.status != "confirmed") ||
      (money_changed && !is_active(before.status))) {
    throw Conflict("A reservation that is " + before.status + " cannot change its stay.", "reservation_closed");
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
  const bool ok = db::on_constraint(constraints(), [&] { return repo::update(tx, scope, r, version); });
  db::update_or_stale(ok, "reservation");
  auto out = to_json(require(tx, scope, id));
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "reservation.updated", "reservation", id,
                 changes_between(audit_view(to_json(before)), audit_view(out))});
  tx.commit();
  return out;
}

json::object transition(request::Context& ctx, const std::string& id, Action action, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  const auto version = f.optional_int("version", 1, INT32_MAX);
  const auto reason = f.optional_string("reason", 500);
  const auto room_id = action == Action::check_in ? f.optional_uuid("room_id") : std::nullopt;
  f.finish();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = require(tx, scope, id);
  if (version) db::check_version(*version, before.version, "reservation");
  const auto next = next_status(before.status, action);
  if (!next) {
    throw Conflict("A reservation that is " + before.status + " cannot be " + std::string(action_verb(action)) + ".",
                   "illegal_transition");
  }
  Reservation r = before;
  const auto now = now_text();
  const auto& user = ctx.user().user_id;
  // The room's housekeeping change, recorded in this request's one audit entry.
  json::object room_change;
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
      if (room_id) {
        room = check_room(tx, scope, r, *room_id);
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
      room_change = {{"id", room->id}, {"occupied", {{"before", false}, {"after", true}}}};
      break;
    }
    case Action::check_out:
      r.checked_out_at = now;
      if (r.room_id) {
        if (auto room = rooms::repo::find(tx, scope, *r.room_id)) {
          const std::string status = room->status == "out_of_order" ? room->status : "dirty";
          rooms::repo::set_state(tx, scope, room->id, status, false, user);
          room_change = {{"id", room->id},
                         {"status", {{"before", room->status}, {"after", status}}},
                         {"occupied", {{"before", room->occupied}, {"after", false}}}};
        }
      }
      break;
    case Action::cancel:
      r.cancel_reason = reason;
      r.cancelled_at = now;
      break;
    case Action::confirm:
    case Action::no_show:
      break;
  }
  r.status = *next;
  r.updated_by = user;
  r.updated_at = now;
  const bool ok = db::on_constraint(constraints(), [&] { return repo::update(tx, scope, r, before.version); });
  db::update_or_stale(ok, "reservation");
  repo::add_history(tx, scope, id, {before.status, r.status, reason, user, now});
  auto out = to_json(require(tx, scope, id));
  auto changes = changes_between(audit_view(to_json(before)), audit_view(out));
  if (reason) changes["reason"] = *reason;
  if (!room_change.empty()) changes["room"] = std::move(room_change);
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "reservation." + std::string(action_name(action)), "reservation", id, changes});
  tx.commit();
  return out;
}

json::object assign_room(request::Context& ctx, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  const auto room_id = f.required_uuid("room_id");
  const auto version = f.optional_int("version", 1, INT32_MAX);
  f.finish();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = require(tx, scope, id);
  if (version) db::check_version(*version, before.version, "reservation");
  if (before.status != "pending" && before.status != "confirmed") {
    throw Conflict("A reservation that is " + before.status + " cannot change its room.", "illegal_transition");
  }
  Reservation r = before;
  check_room(tx, scope, r, room_id);
  r.room_id = room_id;
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(), [&] { return repo::update(tx, scope, r, before.version); });
  db::update_or_stale(ok, "reservation");
  auto out = to_json(require(tx, scope, id));
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "reservation.room_assigned", "reservation", id,
                 changes_between(audit_view(to_json(before)), audit_view(out))});
  tx.commit();
  return out;
}

json::object availability(request::Context& ctx, const AvailabilityQuery& q) {
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

  const auto d0 = days_from_date(q.check_in), d1 = days_from_date(q.check_out);
  json::array out;
  for (const auto& t : types) {
    std::int64_t total = 0;
    json::array free;
    for (const auto& room : rooms) {
      if (room.room_type_id != t.id || room.status == "out_of_order") continue;
      ++total;
      const bool held = std::any_of(stays.begin(), stays.end(), [&](const Stay& s) { return s.room_id == room.id; });
      if (!held) free.push_back(json::value(room.id));
    }
    const auto held = rules::nights_held(stays, t.id, q.check_in, q.check_out);
    const std::int64_t booked = held.empty() ? 0 : *std::max_element(held.begin(), held.end());
    out.push_back({{"room_type_id", t.id},
                   {"code", t.code},
                   {"name", t.name},
                   {"capacity", t.capacity},
                   {"base_rate", money(t.base_rate_minor, t.currency)},
                   {"total", total},
                   {"booked", booked},
                   {"available", std::max<std::int64_t>(0, total - booked)},
                   {"free_room_ids", std::move(free)}});
  }
  return {{"property_id", q.property_id},
          {"check_in", q.check_in},
          {"check_out", q.check_out},
          {"nights", d1 - d0},
          {"room_types", std::move(out)}};
}

}  // namespace keycard::hotel::reservations
