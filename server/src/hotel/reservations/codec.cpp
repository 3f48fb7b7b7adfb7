#include "hotel/reservations/codec.hpp"

#include <boost/json.hpp>

#include <climits>

#include "common/validation.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::reservations {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxRate = 1'000'000'000'000;  // minor units per night

json::value opt_status(const std::optional<Status>& s) { return s ? json::value(to_string(*s)) : json::value(nullptr); }

void check_stay_length(Fields& f, const std::string& check_in, const std::string& check_out) {
  if (check_in.empty() || check_out.empty()) return;
  if (auto error = rules::stay_length_error(check_in, check_out)) f.add_error("check_out_date", *error);
}

// The audit form: the answer without the guest's name.
json::object audit_view(const Reservation& r) {
  auto o = to_json(r);
  o.erase("guest_name");
  return o;
}

}  // namespace

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
          {"status", to_string(r.status)},
          {"check_in_date", r.check_in_date},
          {"check_out_date", r.check_out_date},
          {"nights", r.nights()},
          {"adults", r.adults},
          {"children", r.children},
          {"rate_minor", r.rate_minor},
          {"currency", r.currency},
          {"total", money(total, r.currency)},
          {"paid", money(r.paid_minor, r.currency)},
          {"balance", money(r.balance_minor(), r.currency)},
          {"notes", opt_json(r.notes)},
          {"cancel_reason", opt_json(r.cancel_reason)},
          {"checked_in_at", opt_json(r.checked_in_at)},
          {"checked_out_at", opt_json(r.checked_out_at)},
          {"cancelled_at", opt_json(r.cancelled_at)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

json::object to_json(const WithHistory& r) {
  auto out = to_json(r.reservation);
  json::array history;
  for (const auto& h : r.history) {
    history.push_back({{"from_status", opt_status(h.from_status)},
                       {"to_status", to_string(h.to_status)},
                       {"reason", opt_json(h.reason)},
                       {"changed_by", opt_json(h.changed_by)},
                       {"changed_at", h.changed_at}});
  }
  out["status_history"] = std::move(history);
  return out;
}

json::object to_json(const Availability& a) {
  json::array types;
  for (const auto& t : a.room_types) {
    json::array free;
    for (const auto& id : t.free_room_ids) free.push_back(json::value(id));
    types.push_back({{"room_type_id", t.room_type_id},
                     {"code", t.code},
                     {"name", t.name},
                     {"capacity", t.capacity},
                     {"base_rate", money(t.base_rate_minor, t.currency)},
                     {"total", t.total},
                     {"booked", t.booked},
                     {"available", t.available},
                     {"free_room_ids", std::move(free)}});
  }
  return {{"property_id", a.property_id},
          {"check_in", a.check_in},
          {"check_out", a.check_out},
          {"nights", a.nights},
          {"room_types", std::move(types)}};
}

CreateReservation decode_create(const json::object& body) {
  Fields f(body);
  CreateReservation c;
  c.property_id = f.required_uuid("property_id");
  c.room_type_id = f.required_uuid("room_type_id");
  c.guest_id = f.required_uuid("guest_id");
  c.room_id = f.optional_uuid("room_id");
  c.check_in_date = required_date(f, "check_in_date");
  c.check_out_date = required_date(f, "check_out_date");
  c.adults = f.required_int("adults", 1, 20);
  c.children = f.optional_int("children", 0, 20).value_or(0);
  c.rate_minor = f.optional_int("rate_minor", 0, kMaxRate);
  c.notes = f.optional_string("notes", 2000);
  const auto status = f.optional_enum("status", {"pending", "confirmed"});
  c.status = status ? *parse_status(*status) : Status::pending;
  check_stay_length(f, c.check_in_date, c.check_out_date);
  f.finish();
  return c;
}

PatchReservation decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchReservation p;
  p.version = required_version(f, req);
  if (f.has("check_in_date")) p.check_in_date = required_date(f, "check_in_date");
  if (f.has("check_out_date")) p.check_out_date = required_date(f, "check_out_date");
  if (f.has("adults")) p.adults = f.required_int("adults", 1, 20);
  if (f.has("children")) p.children = f.required_int("children", 0, 20);
  if (f.has("rate_minor")) p.rate_minor = f.required_int("rate_minor", 0, kMaxRate);
  p.notes = patch_string(f, body, "notes", 2000);
  for (const auto* field : {"property_id", "room_type_id", "guest_id", "room_id", "status", "confirmation_number"}) {
    if (f.has(field)) f.add_error(field, "cannot change here (use the status actions or assign-room)");
  }
  // Both dates sent: checked here with the other fields; one date is checked
  // against the stored other by the service.
  if (p.check_in_date && p.check_out_date) check_stay_length(f, *p.check_in_date, *p.check_out_date);
  f.finish();
  return p;
}

StatusCommand decode_status(const json::object& body, rules::Action action) {
  Fields f(body);
  StatusCommand c;
  c.version = f.optional_int("version", 1, INT32_MAX);
  c.reason = f.optional_string("reason", 500);
  if (action == rules::Action::check_in) c.room_id = f.optional_uuid("room_id");
  f.finish();
  return c;
}

AssignRoom decode_assign(const json::object& body) {
  Fields f(body);
  AssignRoom c;
  c.room_id = f.required_uuid("room_id");
  c.version = f.optional_int("version", 1, INT32_MAX);
  f.finish();
  return c;
}

audit::Changes audit_changes(const std::optional<Reservation>& before, const Reservation& after) {
  return changes_between(before ? audit_view(*before) : json::object{}, audit_view(after));
}

audit::Changes audit_changes(const Reservation& before, const Reservation& after, const TransitionNotes& notes) {
  auto changes = audit_changes(std::optional<Reservation>(before), after);
  if (notes.reason) changes["reason"] = *notes.reason;
  if (notes.night_audit) changes["night_audit"] = *notes.night_audit;
  if (notes.balance_override) changes["balance_override"] = money(*notes.balance_override, after.currency);
  if (const auto& room = notes.room) {
    json::object r{{"id", room->room_id}};
    if (room->status_before) r["status"] = {{"before", *room->status_before}, {"after", *room->status_after}};
    r["occupied"] = {{"before", room->occupied_before}, {"after", room->occupied_after}};
    changes["room"] = std::move(r);
  }
  return changes;
}

}  // namespace keycard::hotel::reservations
