#include "hotel/rooms/service.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/rooms/codec.hpp"
#include "hotel/rooms/rules.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::rooms {
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

Room create(request::Context& ctx, const CreateRoom& cmd) {
  Room r;
  r.id = new_uuid();
  r.tenant_id = ctx.scope().tenant_id();
  r.property_id = cmd.property_id;
  r.room_type_id = cmd.room_type_id;
  r.room_number = cmd.room_number;
  r.floor = cmd.floor;
  r.status = cmd.status;
  r.notes = cmd.notes;
  r.created_by = r.updated_by = ctx.user().user_id;
  r.created_at = r.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  if (!properties::repo::find(tx, ctx.scope(), r.property_id)) {
    field_error("property_id", "does not name a property of this hotel");
  }
  check_type(tx, ctx.scope(), r);
  db::on_constraint(constraints(r), [&] { repo::insert(tx, ctx.scope(), r); });
  auto saved = require(tx, ctx.scope(), r.id);
  audit::record(tx, ctx.actor(), {r.tenant_id, "room.created", "room", r.id, audit_changes(std::nullopt, saved)});
  tx.commit();
  return saved;
}

Room get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

ListPage<Room> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Room>(ctx, query, repo::list);
}

Room update(request::Context& ctx, const std::string& id, const PatchRoom& patch) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (moves_property(patch.property_id, before.property_id)) {
    field_error("property_id", "cannot change; create the room in the other property");
  }
  Room r = before;
  if (patch.room_type_id) r.room_type_id = *patch.room_type_id;
  if (patch.room_number) r.room_number = *patch.room_number;
  if (patch.floor) r.floor = *patch.floor;
  if (patch.status) r.status = *patch.status;
  if (patch.notes) r.notes = *patch.notes;
  const bool type_changes = r.room_type_id != before.room_type_id;
  if (type_changes) check_type(tx, ctx.scope(), r);
  db::check_version(before.version, patch.version, "room");
  if (type_changes &&
      type_change_refused(before.room_type_id, r.room_type_id, repo::held_by_active_reservation(tx, ctx.scope(), id))) {
    throw Conflict("Room " + before.room_number + " is held by an active reservation; it keeps its type until then.",
                   "room_in_use");
  }
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(r), [&] { return repo::update(tx, ctx.scope(), r, patch.version); });
  db::update_or_stale(ok, "room");
  auto after = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {r.tenant_id, "room.updated", "room", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

Room change_status(request::Context& ctx, const std::string& id, const ChangeStatus& cmd) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (cmd.version) db::check_version(*cmd.version, before.version, "room");
  Room r = before;
  r.status = cmd.status;
  r.updated_by = ctx.user().user_id;
  r.updated_at = now_text();
  db::update_or_stale(repo::update(tx, ctx.scope(), r, before.version), "room");
  auto after = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {r.tenant_id, "room.status_changed", "room", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const auto based_on = version.value_or(before.version);
  db::check_version(based_on, before.version, "room");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, based_on), "room");
  } catch (const db::ConstraintError&) {
    throw Conflict("The room has reservations; it cannot be deleted (set it out of service instead).", "room_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "room.deleted", "room", id, audit_changes(before, std::nullopt)});
  tx.commit();
}

}  // namespace keycard::hotel::rooms
