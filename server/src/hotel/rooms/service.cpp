#include "hotel/rooms/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::rooms {
namespace json = boost::json;

json::object to_json(const Room& r) {
  return {{"id", r.id},
          {"tenant_id", r.tenant_id},
          {"property_id", r.property_id},
          {"room_type_id", r.room_type_id},
          {"room_number", r.room_number},
          {"floor", opt_json(r.floor)},
          {"status", r.status},
          {"occupied", r.occupied},
          {"notes", opt_json(r.notes)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

namespace {

Room require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = repo::find(tx, scope, id);
  if (!r) throw NotFound("There is no room with this id.");
  return *r;
}

// The constraints a write of a room may meet, and their answers.
std::vector<db::OnConstraint> constraints(const Room& r) {
  return {
      {"rooms_number_key", Conflict("The property already has a room " + r.room_number + ".", "room_number_taken")}};
}

// The room type must exist in this tenant and belong to the room's property.
void check_type(db::Transaction& tx, const access::TenantScope& scope, const Room& r) {
  auto t = room_types::repo::find(tx, scope, r.room_type_id);
  if (!t) field_error("room_type_id", "does not name a room type of this hotel");
  if (t->property_id != r.property_id) {
    field_error("room_type_id", "belongs to another property");
  }
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  Room r;
  r.id = new_uuid();
  r.tenant_id = ctx.scope().tenant_id();
  r.property_id = f.required_uuid("property_id");
  r.room_type_id = f.required_uuid("room_type_id");
  r.room_number = f.required_string("room_number", 20);
  r.floor = f.optional_int("floor", -10, 300);
  r.status = f.optional_enum("status", kStatuses).value_or("clean");
  r.notes = f.optional_string("notes", 2000);
  f.finish();
  r.created_by = r.updated_by = ctx.user().user_id;
  r.created_at = r.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  if (!properties::repo::find(tx, ctx.scope(), r.property_id)) {
    field_error("property_id", "does not name a property of this hotel");
  }
  check_type(tx, ctx.scope(), r);
  db::on_constraint(constraints(r), [&] { repo::insert(tx, ctx.scope(), r); });
  auto out = to_json(require(tx, ctx.scope(), r.id));
  audit::record(tx, ctx.actor(), {r.tenant_id, "room.created", "room", r.id, changes_between({}, out)});
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto r = require(tx, ctx.scope(), id);
  tx.commit();
  return to_json(r);
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
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  Room r = before;
  if (f.has("property_id") && f.optional_uuid("property_id").value_or(r.property_id) != r.property_id) {
    f.add_error("property_id", "cannot change; create the room in the other property");
  }
  if (f.has("room_type_id")) r.room_type_id = f.required_uuid("room_type_id");
  if (f.has("room_number")) r.room_number = f.required_string("room_number", 20);
  if (f.has("floor")) r.floor = f.optional_int("floor", -10, 300);
  if (f.has("status")) r.status = f.required_enum("status", kStatuses);
  if (auto n = patch_string(f, body, "notes", 2000)) r.notes = *n;
  f.finish();
  if (r.room_type_id != before.room_type_id) check_type(tx, ctx.scope(), r);
  db::check_version(before.version, version, "room");
  // Its bookings were counted against the old type's rooms.
  if (r.room_type_id != before.room_type_id && repo::held_by_active_reservation(tx, ctx.scope(), id)) {
    throw Conflict("Room " + before.room_number + " is held by an active reservation; it keeps its type until then.",
                   "room_in_use");
  }
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(r), [&] { return repo::update(tx, ctx.scope(), r, version); });
  db::update_or_stale(ok, "room");
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(), {r.tenant_id, "room.updated", "room", id, changes_between(to_json(before), out)});
  tx.commit();
  return out;
}

json::object change_status(request::Context& ctx, const http::Request& req, const std::string& id,
                           const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  const auto status = f.required_enum("status", kStatuses);
  auto version = f.optional_int("version", 1, INT32_MAX);
  if (!version && req.header("if-match")) version = required_version(f, req);
  f.finish();
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (version) db::check_version(*version, before.version, "room");
  Room r = before;
  r.status = status;
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  db::update_or_stale(repo::update(tx, ctx.scope(), r, before.version), "room");
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(),
                {r.tenant_id, "room.status_changed", "room", id, changes_between(to_json(before), out)});
  tx.commit();
  return out;
}

void remove(request::Context& ctx, const http::Request& req, const std::string& id) {
  json::object empty;
  Fields f(empty);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t version = req.header("if-match") ? required_version(f, req) : before.version;
  db::check_version(version, before.version, "room");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, version), "room");
  } catch (const db::ConstraintError&) {
    throw Conflict("The room has reservations; it cannot be deleted (set it out of service instead).", "room_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "room.deleted", "room", id, changes_between(to_json(before), {})});
  tx.commit();
}

}  // namespace keycard::hotel::rooms
