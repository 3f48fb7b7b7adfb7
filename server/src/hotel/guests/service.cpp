#include "hotel/guests/service.hpp"
#include "hotel/shared/read.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/guests/codec.hpp"
#include "hotel/guests/rules.hpp"
#include "hotel/incidents/repository.hpp"
#include "hotel/payments/repository.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/shared/idempotency.hpp"
#include "request/context.hpp"

namespace keycard::hotel::guests {
namespace {

Guest require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto g = repo::find(tx, scope, id);
  if (!g) throw NotFound("There is no guest with this id.");
  return *g;
}

template <class T>
void apply(const std::optional<T>& sent, T& target) {
  if (sent) target = *sent;
}

}  // namespace

Guest create(request::Context& ctx, const CreateGuest& cmd) {
  Guest g;
  g.id = new_uuid();
  g.tenant_id = ctx.scope().tenant_id();
  g.first_name = cmd.first_name;
  g.last_name = cmd.last_name;
  g.email = cmd.email;
  g.phone = cmd.phone;
  g.id_type = cmd.id_type;
  g.id_number = cmd.id_number;
  g.nationality = cmd.nationality;
  g.notes = cmd.notes;
  g.created_by = g.updated_by = ctx.user().user_id;
  g.created_at = g.updated_at = now_text();
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  repo::insert(tx, ctx.scope(), g);
  auto stored = require(tx, ctx.scope(), g.id);
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.created", "guest", g.id, audit_changes(std::nullopt, stored)});
  tx.commit();
  return stored;
}

Guest get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

ListPage<Guest> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Guest>(ctx, query, repo::list);
}

Guest update(request::Context& ctx, const std::string& id, const PatchGuest& cmd) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  Guest g = before;
  apply(cmd.first_name, g.first_name);
  apply(cmd.last_name, g.last_name);
  apply(cmd.email, g.email);
  apply(cmd.phone, g.phone);
  apply(cmd.id_type, g.id_type);
  apply(cmd.id_number, g.id_number);
  apply(cmd.nationality, g.nationality);
  apply(cmd.notes, g.notes);
  db::check_version(before.version, cmd.version, "guest");
  if (before.erased_at) throw Conflict("The guest's personal data was erased; it cannot be edited.", "guest_erased");
  g.updated_by = ctx.user().user_id;
  g.updated_at = now_text();
  db::update_or_stale(repo::update(tx, ctx.scope(), g, cmd.version), "guest");
  auto stored = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.updated", "guest", id, audit_changes(before, stored)});
  tx.commit();
  return stored;
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t based_on = version.value_or(before.version);
  db::check_version(based_on, before.version, "guest");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, based_on), "guest");
  } catch (const db::ConstraintError& e) {
    // A foreign key of the guest's reservations (or, on SQLite, incidents)
    // refuses the deletion. SQLite names no foreign key in its error, so this
    // is matched by kind: db::on_constraint matches names.
    if (e.kind != db::ConstraintError::Kind::foreign_key) throw;
    throw Conflict("The guest has reservations; erase their personal data instead of deleting them.",
                   "guest_has_reservations");
  }
  audit::record(tx, ctx.actor(), {ctx.scope().tenant_id(), "guest.deleted", "guest", id, audit::Changes{}});
  tx.commit();
}

Export export_data(request::Context& ctx, const std::string& id) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  Export out;
  out.guest = require(tx, scope, id);
  out.reservations = reservations::repo::of_guest(tx, scope, id);
  for (const auto& r : out.reservations) {
    for (auto& p : payments::repo::of_reservation(tx, scope, r.id)) out.payments.push_back(std::move(p));
  }
  out.incidents = incidents::repo::of_guest(tx, scope, id);
  // Exporting personal data is itself worth a trace.
  audit::record(tx, ctx.actor(), {scope.tenant_id(), "guest.exported", "guest", id, audit::Changes{}});
  tx.commit();
  out.exported_at = now_text();
  return out;
}

Guest erase(request::Context& ctx, const std::string& id, const EraseGuest& cmd) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (cmd.version) db::check_version(*cmd.version, before.version, "guest");
  if (before.erased_at) throw Conflict("The guest's personal data was already erased.", "guest_erased");
  const auto now = now_text();
  Guest g = rules::erased(before, now);
  g.updated_by = ctx.user().user_id;
  g.updated_at = now;
  db::update_or_stale(repo::update(tx, ctx.scope(), g, before.version), "guest");
  // Stored Idempotency-Key answers of the guest's reservations carry the name.
  idempotency::forget_mentions(tx, ctx.scope(), id);
  auto stored = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.erased", "guest", id, audit_changes(before, stored)});
  tx.commit();
  return stored;
}

}  // namespace keycard::hotel::guests
