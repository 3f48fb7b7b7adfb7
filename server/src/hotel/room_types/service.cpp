#include "hotel/room_types/service.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/room_types/codec.hpp"
#include "hotel/room_types/rules.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::room_types {
namespace {

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

RoomType create(request::Context& ctx, const CreateRoomType& cmd) {
  RoomType t;
  t.id = new_uuid();
  t.tenant_id = ctx.scope().tenant_id();
  t.property_id = cmd.property_id;
  t.code = cmd.code;
  t.name = cmd.name;
  t.description = cmd.description;
  t.capacity = cmd.capacity;
  t.base_rate_minor = cmd.base_rate_minor;
  t.created_by = t.updated_by = ctx.user().user_id;
  t.created_at = t.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  if (!properties::repo::find(tx, ctx.scope(), t.property_id)) {
    field_error("property_id", "does not name a property of this hotel");
  }
  db::on_constraint(constraints(t), [&] { repo::insert(tx, ctx.scope(), t); });
  auto saved = require(tx, ctx.scope(), t.id);
  audit::record(tx, ctx.actor(),
                {t.tenant_id, "room_type.created", "room_type", t.id, audit_changes(std::nullopt, saved)});
  tx.commit();
  return saved;
}

RoomType get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

ListPage<RoomType> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<RoomType>(ctx, query, repo::list);
}

RoomType update(request::Context& ctx, const std::string& id, const PatchRoomType& patch) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (rules::moves_property(patch.property_id, before.property_id)) {
    field_error("property_id", "cannot change; create a room type in the other property");
  }
  RoomType t = before;
  if (patch.code) t.code = *patch.code;
  if (patch.name) t.name = *patch.name;
  if (patch.description) t.description = *patch.description;
  if (patch.capacity) t.capacity = *patch.capacity;
  if (patch.base_rate_minor) t.base_rate_minor = *patch.base_rate_minor;
  db::check_version(before.version, patch.version, "room type");
  t.updated_by = ctx.user().user_id;
  t.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(t), [&] { return repo::update(tx, ctx.scope(), t, patch.version); });
  db::update_or_stale(ok, "room type");
  auto after = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {t.tenant_id, "room_type.updated", "room_type", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const auto based_on = version.value_or(before.version);
  db::check_version(based_on, before.version, "room type");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, based_on), "room type");
  } catch (const db::ConstraintError&) {
    throw Conflict("The room type still has rooms or reservations; remove those first.", "room_type_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "room_type.deleted", "room_type", id, audit_changes(before, std::nullopt)});
  tx.commit();
}

}  // namespace keycard::hotel::room_types
