#include "hotel/properties/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/properties/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::properties {
namespace json = boost::json;
namespace {

// The code as stored; an empty code was reported by required_string already.
std::string decode_code(Fields& f) {
  const auto code = f.required_string("code", 20);
  auto out = rules::normalize_code(code);
  if (const auto error = rules::code_error(out); !code.empty() && error) f.add_error("code", *error);
  return out;
}

void check(Fields& f, std::string_view field, const std::optional<std::string>& error) {
  if (error) f.add_error(std::string(field), *error);
}

}  // namespace

json::object to_json(const Property& p) {
  return {{"id", p.id},
          {"tenant_id", p.tenant_id},
          {"name", p.name},
          {"code", p.code},
          {"timezone", p.timezone},
          {"currency", p.currency},
          {"address", opt_json(p.address)},
          {"check_in_time", p.check_in_time},
          {"check_out_time", p.check_out_time},
          {"status", p.status},
          {"business_date", p.business_date},
          {"last_audit_date", opt_json(p.last_audit_date)},
          {"night_audit_time", p.night_audit_time},
          {"vat_rate_bp", p.vat_rate_bp},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version}};
}

CreateProperty decode_create(const json::object& body) {
  Fields f(body);
  CreateProperty c;
  c.name = f.required_string("name", 200);
  c.code = decode_code(f);
  c.timezone = f.required_string("timezone", 64);
  c.currency = f.required_string("currency", 3);
  c.address = f.optional_string("address", 500);
  c.check_in_time = f.optional_string("check_in_time", 5).value_or("15:00");
  c.check_out_time = f.optional_string("check_out_time", 5).value_or("11:00");
  c.status = f.optional_enum("status", kStatuses).value_or("active");
  c.business_date = optional_date(f, "business_date");
  c.night_audit_time = f.optional_string("night_audit_time", 5).value_or("03:00");
  c.vat_rate_bp = f.optional_int("vat_rate_bp", 0, 10000).value_or(0);
  // An empty time zone or currency was reported as missing already.
  if (!c.timezone.empty()) check(f, "timezone", rules::timezone_error(c.timezone));
  if (!c.currency.empty()) check(f, "currency", rules::currency_error(c.currency));
  check(f, "check_in_time", rules::clock_time_error(c.check_in_time));
  check(f, "check_out_time", rules::clock_time_error(c.check_out_time));
  check(f, "night_audit_time", rules::clock_time_error(c.night_audit_time));
  f.finish();
  return c;
}

PatchProperty decode_patch(const json::object& body, const http::Request& req) {
  Fields f(body);
  PatchProperty p;
  p.version = required_version(f, req);
  if (f.has("name")) p.name = f.required_string("name", 200);
  if (f.has("code")) p.code = decode_code(f);
  if (f.has("timezone")) p.timezone = f.required_string("timezone", 64);
  if (f.has("currency")) p.currency = f.required_string("currency", 3);
  p.address = patch_string(f, body, "address", 500);
  if (f.has("check_in_time")) p.check_in_time = f.required_string("check_in_time", 5);
  if (f.has("check_out_time")) p.check_out_time = f.required_string("check_out_time", 5);
  if (f.has("status")) p.status = f.required_enum("status", kStatuses);
  if (f.has("night_audit_time")) p.night_audit_time = f.required_string("night_audit_time", 5);
  if (f.has("vat_rate_bp")) p.vat_rate_bp = f.optional_int("vat_rate_bp", 0, 10000);
  // Only the fields sent: the stored ones passed these checks when written.
  if (p.timezone && !p.timezone->empty()) check(f, "timezone", rules::timezone_error(*p.timezone));
  if (p.currency && !p.currency->empty()) check(f, "currency", rules::currency_error(*p.currency));
  if (p.check_in_time) check(f, "check_in_time", rules::clock_time_error(*p.check_in_time));
  if (p.check_out_time) check(f, "check_out_time", rules::clock_time_error(*p.check_out_time));
  if (p.night_audit_time) check(f, "night_audit_time", rules::clock_time_error(*p.night_audit_time));
  f.finish();
  return p;
}

audit::Changes audit_changes(const std::optional<Property>& before, const std::optional<Property>& after) {
  return changes_between(before ? to_json(*before) : json::object{}, after ? to_json(*after) : json::object{});
}

}  // namespace keycard::hotel::properties
