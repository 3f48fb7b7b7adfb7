#include "hotel/incidents/service.hpp"
#include "hotel/shared/read.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/guests/repository.hpp"
#include "hotel/incidents/codec.hpp"
#include "hotel/incidents/rules.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/rooms/repository.hpp"

namespace keycard::hotel::incidents {
namespace {

Incident require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto i = repo::find(tx, scope, id);
  if (!i) throw NotFound("There is no incident with this id.");
  return *i;
}

// Every link names something of this tenant (422 otherwise) and fits together;
// a room without a property links the room's property.
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

template <class T>
void apply(const std::optional<T>& sent, T& target) {
  if (sent) target = *sent;
}

}  // namespace

Incident create(request::Context& ctx, const CreateIncident& cmd) {
  const auto& scope = ctx.scope();
  Incident i;
  i.id = new_uuid();
  i.tenant_id = scope.tenant_id();
  i.title = cmd.title;
  i.category = cmd.category;
  i.severity = cmd.severity;
  i.status = cmd.status;
  i.description = cmd.description;
  i.property_id = cmd.property_id;
  i.room_id = cmd.room_id;
  i.guest_id = cmd.guest_id;
  i.reservation_id = cmd.reservation_id;
  i.assigned_to = cmd.assigned_to;
  i.reported_by = i.updated_by = ctx.user().user_id;
  i.created_at = i.updated_at = now_text();
  i.resolved_at = rules::resolved_at(i.status, std::nullopt, i.created_at);
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  check_links(tx, scope, i);
  repo::insert(tx, scope, i);
  auto stored = require(tx, scope, i.id);
  audit::record(tx, ctx.actor(),
                {i.tenant_id, "incident.created", "incident", i.id, audit_changes(std::nullopt, stored)});
  tx.commit();
  return stored;
}

Incident get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

ListPage<Incident> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Incident>(ctx, query, repo::list);
}

Incident update(request::Context& ctx, const std::string& id, const PatchIncident& cmd) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto before = require(tx, scope, id);
  Incident i = before;
  apply(cmd.title, i.title);
  apply(cmd.category, i.category);
  apply(cmd.severity, i.severity);
  apply(cmd.status, i.status);
  apply(cmd.description, i.description);
  apply(cmd.property_id, i.property_id);
  apply(cmd.room_id, i.room_id);
  apply(cmd.guest_id, i.guest_id);
  apply(cmd.reservation_id, i.reservation_id);
  apply(cmd.assigned_to, i.assigned_to);
  db::check_version(before.version, cmd.version, "incident");
  check_links(tx, scope, i);
  i.updated_by = ctx.user().user_id;
  i.updated_at = now_text();
  i.resolved_at = rules::resolved_at(i.status, i.resolved_at, i.updated_at);
  db::update_or_stale(repo::update(tx, scope, i, cmd.version), "incident");
  auto stored = require(tx, scope, id);
  audit::record(tx, ctx.actor(), {i.tenant_id, "incident.updated", "incident", id, audit_changes(before, stored)});
  tx.commit();
  return stored;
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t based_on = version.value_or(before.version);
  db::check_version(based_on, before.version, "incident");
  db::update_or_stale(repo::remove(tx, ctx.scope(), id, based_on), "incident");
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "incident.deleted", "incident", id, audit_changes(before, std::nullopt)});
  tx.commit();
}

}  // namespace keycard::hotel::incidents
