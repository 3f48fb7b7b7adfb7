#include "hotel/properties/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"
#include "request/context.hpp"

namespace keycard::hotel::properties {
namespace json = boost::json;

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
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version}};
}

namespace {

std::string normalize_code(Fields& f, const std::string& code) {
  std::string out;
  for (char c : code) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const bool ok = out.size() >= 2 && std::all_of(out.begin(), out.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (!code.empty() && !ok) f.add_error("code", "must be 2-20 letters, digits or hyphens");
  return out;
}

void check_fields(Fields& f, const Property& p) {
  if (!p.timezone.empty() && !tz::is_known_zone(p.timezone)) {
    f.add_error("timezone", "must be an IANA time zone, e.g. Europe/Berlin");
  }
  if (!p.currency.empty() && !is_currency(p.currency)) f.add_error("currency", "must be an ISO 4217 code, e.g. EUR");
  if (!is_clock_time(p.check_in_time)) f.add_error("check_in_time", "must be a time HH:MM");
  if (!is_clock_time(p.check_out_time)) f.add_error("check_out_time", "must be a time HH:MM");
}

// The constraints a write of a propertie may meet, and their answers.
std::vector<db::OnConstraint> constraints(const Property& p) {
  return {{"properties_code_key", Conflict("A property with the code '" + p.code + "' already exists.", "code_taken")}};
}

}  // namespace

Property require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto p = repo::find(tx, scope, id);
  if (!p) throw NotFound("There is no property with this id.");
  return *p;
}

json::object create(request::Context& ctx, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  Property p;
  p.id = new_uuid();
  p.tenant_id = ctx.scope().tenant_id();
  p.name = f.required_string("name", 200);
  p.code = normalize_code(f, f.required_string("code", 20));
  p.timezone = f.required_string("timezone", 64);
  p.currency = f.required_string("currency", 3);
  p.address = f.optional_string("address", 500);
  p.check_in_time = f.optional_string("check_in_time", 5).value_or("15:00");
  p.check_out_time = f.optional_string("check_out_time", 5).value_or("11:00");
  p.status = f.optional_enum("status", kStatuses).value_or("active");
  check_fields(f, p);
  f.finish();
  p.created_by = p.updated_by = ctx.user().user_id;
  p.created_at = p.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  db::on_constraint(constraints(p), [&] { repo::insert(tx, ctx.scope(), p); });
  auto saved = require(tx, ctx.scope(), p.id);
  auto out = to_json(saved);
  audit::record(tx, ctx.actor(),
                {p.tenant_id, "property.created", "property", p.id, changes_between(json::object{}, out)});
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto p = require(tx, ctx.scope(), id);
  tx.commit();
  return to_json(p);
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& p : items) arr.push_back(to_json(p));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object update(request::Context& ctx, const http::Request& req, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  Property p = before;
  if (f.has("name")) p.name = f.required_string("name", 200);
  if (f.has("code")) p.code = normalize_code(f, f.required_string("code", 20));
  if (f.has("timezone")) p.timezone = f.required_string("timezone", 64);
  if (f.has("currency")) p.currency = f.required_string("currency", 3);
  if (auto a = patch_string(f, body, "address", 500)) p.address = *a;
  if (f.has("check_in_time")) p.check_in_time = f.required_string("check_in_time", 5);
  if (f.has("check_out_time")) p.check_out_time = f.required_string("check_out_time", 5);
  if (f.has("status")) p.status = f.required_enum("status", kStatuses);
  check_fields(f, p);
  f.finish();
  db::check_version(version, before.version, "property");
  // Reservations keep the currency they were priced in; money of one property adds up in one currency.
  if (p.currency != before.currency && repo::has_reservations(tx, ctx.scope(), id)) {
    throw Conflict("The property has reservations in " + before.currency + "; its currency can no longer change.",
                   "currency_in_use");
  }
  p.updated_by = ctx.user().user_id;
  p.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(p), [&] { return repo::update(tx, ctx.scope(), p, version); });
  db::update_or_stale(ok, "property");
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(),
                {p.tenant_id, "property.updated", "property", id, changes_between(to_json(before), out)});
  tx.commit();
  return out;
}

void remove(request::Context& ctx, const http::Request& req, const std::string& id) {
  json::object empty;
  Fields f(empty);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  std::int64_t version = before.version;
  if (req.header("if-match")) version = required_version(f, req);
  db::check_version(version, before.version, "property");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, version), "property");
  } catch (const db::ConstraintError&) {
    throw Conflict("The property still has room types, rooms or reservations; remove those first.", "property_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "property.deleted", "property", id, changes_between(to_json(before), {})});
  tx.commit();
}

}  // namespace keycard::hotel::properties
