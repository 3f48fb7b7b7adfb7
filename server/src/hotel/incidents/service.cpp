#include "hotel/incidents/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/guests/repository.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::incidents {
namespace json = boost::json;

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

namespace {

Incident require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto i = repo::find(tx, scope, id);
  if (!i) throw NotFound("There is no incident with this id.");
  return *i;
}

// An optional uuid link that PATCH may clear with null.
void link(Fields& f, const json::object& body, std::string_view key, std::optional<std::string>& target) {
  auto it = body.find(key);
  if (it == body.end()) return;
  if (it->value().is_null()) {
    target.reset();
    return;
  }
  target = f.optional_uuid(key);
}

// Every link names something of this tenant (422 otherwise) and fits together.
void check_links(db::Transaction& tx, const access::TenantScope& scope, Incident& i) {
  FieldErrors errors;
  if (i.property_id && !properties::repo::find(tx, scope, *i.property_id)) {
    errors["property_id"] = "does not name a property of this hotel";
  }
  if (i.room_id) {
    auto room = rooms::repo::find(tx, scope, *i.room_id);
    if (!room) {
      errors["room_id"] = "does not name a room of this hotel";
    } else if (!i.property_id) {
      i.property_id = room->property_id;
    } else if (room->property_id != *i.property_id) {
      errors["room_id"] = "belongs to another property";
    }
  }
  if (i.guest_id && !guests::repo::find(tx, scope, *i.guest_id))
    errors["guest_id"] = "does not name a guest of this hotel";
  if (i.reservation_id && !reservations::repo::find(tx, scope, *i.reservation_id)) {
    errors["reservation_id"] = "does not name a reservation of this hotel";
  }
  if (i.assigned_to && !repo::is_member(tx, scope, *i.assigned_to)) {
    errors["assigned_to"] = "does not name a member of this hotel's staff";
  }
  if (!errors.empty()) throw ValidationError(errors);
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  Incident i;
  i.id = new_uuid();
  i.tenant_id = scope.tenant_id();
  i.title = f.required_string("title", 200);
  i.category = f.required_string("category", 50);
  i.severity = f.required_enum("severity", kSeverities);
  i.status = f.optional_enum("status", kStatuses).value_or("open");
  i.description = f.optional_string("description", 4000);
  i.property_id = f.optional_uuid("property_id");
  i.room_id = f.optional_uuid("room_id");
  i.guest_id = f.optional_uuid("guest_id");
  i.reservation_id = f.optional_uuid("reservation_id");
  i.assigned_to = f.optional_uuid("assigned_to");
  f.finish();
  i.reported_by = i.updated_by = ctx.user().user_id;
  i.created_at = i.updated_at = now_text();
  if (i.status == "resolved" || i.status == "closed") i.resolved_at = i.created_at;
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  check_links(tx, scope, i);
  repo::insert(tx, scope, i);
  auto out = to_json(require(tx, scope, i.id));
  audit::record(tx, ctx.actor(), {i.tenant_id, "incident.created", "incident", i.id, changes_between({}, out)});
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto i = require(tx, ctx.scope(), id);
  tx.commit();
  return to_json(i);
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& i : items) arr.push_back(to_json(i));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object update(request::Context& ctx, const http::Request& req, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = require(tx, scope, id);
  Incident i = before;
  if (f.has("title")) i.title = f.required_string("title", 200);
  if (f.has("category")) i.category = f.required_string("category", 50);
  if (f.has("severity")) i.severity = f.required_enum("severity", kSeverities);
  if (f.has("status")) i.status = f.required_enum("status", kStatuses);
  if (auto d = patch_string(f, body, "description", 4000)) i.description = *d;
  link(f, body, "property_id", i.property_id);
  link(f, body, "room_id", i.room_id);
  link(f, body, "guest_id", i.guest_id);
  link(f, body, "reservation_id", i.reservation_id);
  link(f, body, "assigned_to", i.assigned_to);
  f.finish();
  db::check_version(before.version, version, "incident");
  check_links(tx, scope, i);
  i.updated_by = ctx.user().user_id;
  i.updated_at = now_text();
  const bool done = i.status == "resolved" || i.status == "closed";
  if (done && !i.resolved_at) i.resolved_at = i.updated_at;
  if (!done) i.resolved_at.reset();
  db::update_or_stale(repo::update(tx, scope, i, version), "incident");
  auto out = to_json(require(tx, scope, id));
  audit::record(tx, ctx.actor(),
                {i.tenant_id, "incident.updated", "incident", id, changes_between(to_json(before), out)});
  tx.commit();
  return out;
}

void remove(request::Context& ctx, const http::Request& req, const std::string& id) {
  json::object empty;
  Fields f(empty);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t version = req.header("if-match") ? required_version(f, req) : before.version;
  db::check_version(version, before.version, "incident");
  db::update_or_stale(repo::remove(tx, ctx.scope(), id, version), "incident");
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "incident.deleted", "incident", id, changes_between(to_json(before), {})});
  tx.commit();
}

}  // namespace keycard::hotel::incidents
