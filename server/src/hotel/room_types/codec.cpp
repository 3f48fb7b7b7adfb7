#include "hotel/room_types/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/room_types/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::room_types {
namespace json = boost::json;

json::object to_json(const RoomType& t) {
  return {{"id", t.id},
          {"tenant_id", t.tenant_id},
          {"property_id", t.property_id},
          {"code", t.code},
          {"name", t.name},
          {"description", opt_json(t.description)},
          {"capacity", t.capacity},
          {"base_rate_minor", t.base_rate_minor},
          {"base_rate", money(t.base_rate_minor, t.currency)},
          {"currency", t.currency},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at},
          {"version", t.version}};
}

CreateRoomType decode_create(const json::object& body) {
  Fields f(body);
  CreateRoomType c;
  c.property_id = f.required_uuid("property_id");
  c.code = f.required_string("code", 20);
  c.name = f.required_string("name", 200);
  c.description = f.optional_string("description", 2000);
  c.capacity = f.required_int("capacity", rules::kCapacity.min, rules::kCapacity.max);
  c.base_rate_minor = f.required_int("base_rate_minor", rules::kBaseRateMinor.min, rules::kBaseRateMinor.max);
  f.finish();
  return c;
}

PatchRoomType decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchRoomType p;
  p.version = required_version(f, req);
  if (f.has("property_id")) p.property_id = f.optional_uuid("property_id");
  if (f.has("code")) p.code = f.required_string("code", 20);
  if (f.has("name")) p.name = f.required_string("name", 200);
  p.description = patch_string(f, body, "description", 2000);
  if (f.has("capacity")) p.capacity = f.required_int("capacity", rules::kCapacity.min, rules::kCapacity.max);
  if (f.has("base_rate_minor")) {
    p.base_rate_minor = f.required_int("base_rate_minor", rules::kBaseRateMinor.min, rules::kBaseRateMinor.max);
  }
  f.finish();
  return p;
}

audit::Changes audit_changes(const std::optional<RoomType>& before, const std::optional<RoomType>& after) {
  return changes_between(before ? to_json(*before) : json::object{}, after ? to_json(*after) : json::object{});
}

}  // namespace keycard::hotel::room_types
