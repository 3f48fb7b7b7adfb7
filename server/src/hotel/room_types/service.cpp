#include "hotel/room_types/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

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

namespace {

constexpr std::int64_t kMaxRate = 1'000'000'000'000;  // minor units per night

RoomType require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto t = repo::find(tx, scope, id);
  if (!t) throw NotFound("There is no room type with this id.");
  return *t;
}

// The constraints a write of a room type may meet, and their answers.
std::vector<db::OnConstraint> constraints(const RoomType& t) {
  return {{"room_types_code_key",
           Conflict("The property already has a room type with the code '" + t.code + "'.", "code_taken")}};
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  RoomType t;
  t.id = new_uuid();
  t.tenant_id = ctx.scope().tenant_id();
  t.property_id = f.required_uuid("property_id");
  t.code = f.required_string("code", 20);
  t.name = f.required_string("name", 200);
  t.description = f.optional_string("description", 2000);
  t.capacity = f.required_int("capacity", 1, 50);
  t.base_rate_minor = f.required_int("base_rate_minor", 0, kMaxRate);
  f.finish();
  t.created_by = t.updated_by = ctx.user().user_id;
  t.created_at = t.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  if (!properties::repo::find(tx, ctx.scope(), t.property_id)) {
    field_error("property_id", "does not name a property of this hotel");
  }
  db::on_constraint(constraints(t), [&] { repo::insert(tx, ctx.scope(), t); });
  auto out = to_json(require(tx, ctx.scope(), t.id));
  audit::record(tx, ctx.actor(), {t.tenant_id, "room_type.created", "room_type", t.id, changes_between({}, out)});
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto t = require(tx, ctx.scope(), id);
  tx.commit();
  return to_json(t);
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& t : items) arr.push_back(to_json(t));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object update(request::Context& ctx, const http::Request& req, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  RoomType t = before;
  if (f.has("property_id") && f.optional_uuid("property_id").value_or(t.property_id) != t.property_id) {
    f.add_error("property_id", "cannot change; create a room type in the other property");
  }
  if (f.has("code")) t.code = f.required_string("code", 20);
  if (f.has("name")) t.name = f.required_string("name", 200);
  if (auto d = patch_string(f, body, "description", 2000)) t.description = *d;
  if (f.has("capacity")) t.capacity = f.required_int("capacity", 1, 50);
  if (f.has("base_rate_minor")) t.base_rate_minor = f.required_int("base_rate_minor", 0, kMaxRate);
  f.finish();
  db::check_version(before.version, version, "room type");
  t.updated_by = ctx.user().user_id;
  t.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(t), [&] { return repo::update(tx, ctx.scope(), t, version); });
  db::update_or_stale(ok, "room type");
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(),
                {t.tenant_id, "room_type.updated", "room_type", id, changes_between(to_json(before), out)});
  tx.commit();
  return out;
}

void remove(request::Context& ctx, const http::Request& req, const std::string& id) {
  json::object empty;
  Fields f(empty);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t version = req.header("if-match") ? required_version(f, req) : before.version;
  db::check_version(version, before.version, "room type");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, version), "room type");
  } catch (const db::ConstraintError&) {
    throw Conflict("The room type still has rooms or reservations; remove those first.", "room_type_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "room_type.deleted", "room_type", id, changes_between(to_json(before), {})});
  tx.commit();
}

}  // namespace keycard::hotel::room_types
