#include "hotel/incidents/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::incidents {
namespace json = boost::json;
namespace {

// An optional uuid link that PATCH may clear with null: unset when the key is
// absent, nullopt-inside when the client sent null.
std::optional<std::optional<std::string>> link(Fields& f, const json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<std::string>();
  return f.optional_uuid(key);
}

}  // namespace

json::object to_json(const Incident& i) {
  return {{"id", i.id},
          {"tenant_id", i.tenant_id},
          {"property_id", opt_json(i.property_id)},
          {"room_id", opt_json(i.room_id)},
          {"guest_id", opt_json(i.guest_id)},
          {"reservation_id", opt_json(i.reservation_id)},
          {"assigned_to", opt_json(i.assigned_to)},
          {"title", i.title},
          {"category", i.category},
          {"severity", i.severity},
          {"status", i.status},
          {"description", opt_json(i.description)},
          {"resolved_at", opt_json(i.resolved_at)},
          {"reported_by", opt_json(i.reported_by)},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"version", i.version}};
}

CreateIncident decode_create(const json::object& body) {
  Fields f(body);
  CreateIncident c;
  c.title = f.required_string("title", 200);
  c.category = f.required_string("category", 50);
  c.severity = f.required_enum("severity", kSeverities);
  c.status = f.optional_enum("status", kStatuses).value_or("open");
  c.description = f.optional_string("description", 4000);
  c.property_id = f.optional_uuid("property_id");
  c.room_id = f.optional_uuid("room_id");
  c.guest_id = f.optional_uuid("guest_id");
  c.reservation_id = f.optional_uuid("reservation_id");
  c.assigned_to = f.optional_uuid("assigned_to");
  f.finish();
  return c;
}

PatchIncident decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchIncident p;
  p.version = required_version(f, req);
  if (f.has("title")) p.title = f.required_string("title", 200);
  if (f.has("category")) p.category = f.required_string("category", 50);
  if (f.has("severity")) p.severity = f.required_enum("severity", kSeverities);
  if (f.has("status")) p.status = f.required_enum("status", kStatuses);
  p.description = patch_string(f, body, "description", 4000);
  p.property_id = link(f, body, "property_id");
  p.room_id = link(f, body, "room_id");
  p.guest_id = link(f, body, "guest_id");
  p.reservation_id = link(f, body, "reservation_id");
  p.assigned_to = link(f, body, "assigned_to");
  f.finish();
  return p;
}

audit::Changes audit_changes(const std::optional<Incident>& before, const std::optional<Incident>& after) {
  return changes_between(before ? to_json(*before) : json::object{}, after ? to_json(*after) : json::object{});
}

}  // namespace keycard::hotel::incidents
