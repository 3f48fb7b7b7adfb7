#include "hotel/guests/codec.hpp"

#include <boost/json.hpp>

#include <climits>

#include "common/validation.hpp"
#include "hotel/incidents/codec.hpp"
#include "hotel/payments/codec.hpp"
#include "hotel/reservations/codec.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::guests {
namespace json = boost::json;
namespace {

// The optional fields, as PATCH sends them: unset when absent, an inner
// nullopt when cleared (null or "").
struct Optional {
  std::optional<std::optional<std::string>> email, phone, id_type, id_number, nationality, notes;
};

Optional read_optional(Fields& f, const json::object& body) {
  Optional o;
  o.email = patch_string(f, body, "email", 254);
  if (o.email && *o.email) {
    if (!is_valid_email(**o.email)) {
      f.add_error("email", "must be a valid email address");
    } else {
      *o.email = to_lower(**o.email);
    }
  }
  o.phone = patch_string(f, body, "phone", 40);
  o.id_type = patch_string(f, body, "id_type", 40);
  o.id_number = patch_string(f, body, "id_number", 100);
  o.nationality = patch_string(f, body, "nationality", 60);
  o.notes = patch_string(f, body, "notes", 2000);
  return o;
}

std::optional<std::string> flat(const std::optional<std::optional<std::string>>& v) { return v.value_or(std::nullopt); }

template <class T>
json::array array_of(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

json::object to_json(const Guest& g) {
  return {{"id", g.id},
          {"tenant_id", g.tenant_id},
          {"first_name", g.first_name},
          {"last_name", g.last_name},
          {"email", opt_json(g.email)},
          {"phone", opt_json(g.phone)},
          {"id_type", opt_json(g.id_type)},
          {"id_number", opt_json(g.id_number)},
          {"nationality", opt_json(g.nationality)},
          {"notes", opt_json(g.notes)},
          {"erased", g.erased_at.has_value()},
          {"erased_at", opt_json(g.erased_at)},
          {"created_at", g.created_at},
          {"updated_at", g.updated_at},
          {"version", g.version}};
}

json::object to_json(const Export& e) {
  // array_of finds each item's to_json in its own module (incidents,
  // payments, reservations) by argument-dependent lookup.
  return {{"exported_at", e.exported_at},
          {"guest", to_json(e.guest)},
          {"reservations", array_of(e.reservations)},
          {"payments", array_of(e.payments)},
          {"incidents", array_of(e.incidents)}};
}

CreateGuest decode_create(const json::object& body) {
  Fields f(body);
  CreateGuest c;
  c.first_name = f.required_string("first_name", 100);
  c.last_name = f.required_string("last_name", 100);
  const auto o = read_optional(f, body);
  c.email = flat(o.email);
  c.phone = flat(o.phone);
  c.id_type = flat(o.id_type);
  c.id_number = flat(o.id_number);
  c.nationality = flat(o.nationality);
  c.notes = flat(o.notes);
  f.finish();
  return c;
}

PatchGuest decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchGuest p;
  p.version = required_version(f, req);
  if (f.has("first_name")) p.first_name = f.required_string("first_name", 100);
  if (f.has("last_name")) p.last_name = f.required_string("last_name", 100);
  const auto o = read_optional(f, body);
  p.email = o.email;
  p.phone = o.phone;
  p.id_type = o.id_type;
  p.id_number = o.id_number;
  p.nationality = o.nationality;
  p.notes = o.notes;
  f.finish();
  return p;
}

EraseGuest decode_erase(const json::object& body) {
  Fields f(body);
  EraseGuest c;
  c.version = f.optional_int("version", 1, INT32_MAX);
  f.finish();
  return c;
}

audit::Changes audit_changes(const std::optional<Guest>& before, const Guest& after) {
  json::array fields;
  for (const auto& [key, value] : changes_between(before ? to_json(*before) : json::object{}, to_json(after))) {
    fields.push_back(json::value(key));
  }
  return {{"fields", std::move(fields)}};
}

}  // namespace keycard::hotel::guests
