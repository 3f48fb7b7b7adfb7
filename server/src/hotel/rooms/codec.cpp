#include "hotel/rooms/codec.hpp"

#include <boost/json.hpp>

#include <climits>

#include "common/validation.hpp"
#include "hotel/rooms/rules.hpp"
#include "hotel/shared/support.hpp"

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

CreateRoom decode_create(const json::object& body) {
  Fields f(body);
  CreateRoom c;
  c.property_id = f.required_uuid("property_id");
  c.room_type_id = f.required_uuid("room_type_id");
  c.room_number = f.required_string("room_number", 20);
  c.floor = f.optional_int("floor", kFloors.min, kFloors.max);
  c.status = f.optional_enum("status", kStatuses).value_or("clean");
  c.notes = f.optional_string("notes", 2000);
  f.finish();
  return c;
}

PatchRoom decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchRoom p;
  p.version = required_version(f, req);
  if (f.has("property_id")) p.property_id = f.optional_uuid("property_id");
  if (f.has("room_type_id")) p.room_type_id = f.required_uuid("room_type_id");
  if (f.has("room_number")) p.room_number = f.required_string("room_number", 20);
  if (f.has("floor")) p.floor = f.optional_int("floor", kFloors.min, kFloors.max);
  if (f.has("status")) p.status = f.required_enum("status", kStatuses);
  p.notes = patch_string(f, body, "notes", 2000);
  f.finish();
  return p;
}

ChangeStatus decode_status(const json::object& body, const http::Request& req) {
  Fields f(body);
  ChangeStatus c;
  c.status = f.required_enum("status", kStatuses);
  c.version = f.optional_int("version", 1, INT32_MAX);
  if (!c.version && req.header("if-match")) c.version = required_version(f, req);
  f.finish();
  return c;
}

audit::Changes audit_changes(const std::optional<Room>& before, const std::optional<Room>& after) {
  return changes_between(before ? to_json(*before) : json::object{}, after ? to_json(*after) : json::object{});
}

}  // namespace keycard::hotel::rooms
