#include "hotel/guests/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/incidents/codec.hpp"
#include "hotel/incidents/repository.hpp"
#include "hotel/payments/codec.hpp"
#include "hotel/payments/repository.hpp"
#include "hotel/reservations/codec.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/shared/idempotency.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::guests {
namespace json = boost::json;

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

namespace {

Guest require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto g = repo::find(tx, scope, id);
  if (!g) throw NotFound("There is no guest with this id.");
  return *g;
}

// The audit form of a guest change: which fields changed, not their values.
json::object changed_fields(const json::object& before, const json::object& after) {
  json::array fields;
  for (const auto& [key, value] : changes_between(before, after)) fields.push_back(json::value(key));
  return {{"fields", std::move(fields)}};
}

void read_fields(Fields& f, const json::object& body, Guest& g, bool creating) {
  if (creating || f.has("first_name")) g.first_name = f.required_string("first_name", 100);
  if (creating || f.has("last_name")) g.last_name = f.required_string("last_name", 100);
  if (auto v = patch_string(f, body, "email", 254)) {
    g.email = *v;
    if (g.email) {
      if (!is_valid_email(*g.email)) {
        f.add_error("email", "must be a valid email address");
      } else {
        g.email = to_lower(*g.email);
      }
    }
  }
  if (auto v = patch_string(f, body, "phone", 40)) g.phone = *v;
  if (auto v = patch_string(f, body, "id_type", 40)) g.id_type = *v;
  if (auto v = patch_string(f, body, "id_number", 100)) g.id_number = *v;
  if (auto v = patch_string(f, body, "nationality", 60)) g.nationality = *v;
  if (auto v = patch_string(f, body, "notes", 2000)) g.notes = *v;
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  Guest g;
  g.id = new_uuid();
  g.tenant_id = ctx.scope().tenant_id();
  read_fields(f, body, g, true);
  f.finish();
  g.created_by = g.updated_by = ctx.user().user_id;
  g.created_at = g.updated_at = now_text();
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  repo::insert(tx, ctx.scope(), g);
  auto out = to_json(require(tx, ctx.scope(), g.id));
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.created", "guest", g.id, changed_fields({}, out)});
  tx.commit();
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto g = require(tx, ctx.scope(), id);
  tx.commit();
  return to_json(g);
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& g : items) arr.push_back(to_json(g));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object update(request::Context& ctx, const http::Request& req, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  const auto version = required_version(f, req);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  Guest g = before;
  read_fields(f, body, g, false);
  f.finish();
  db::check_version(before.version, version, "guest");
  if (before.erased_at) throw Conflict("The guest's personal data was erased; it cannot be edited.", "guest_erased");
  g.updated_by = ctx.user().user_id;
  g.updated_at = now_text();
  db::update_or_stale(repo::update(tx, ctx.scope(), g, version), "guest");
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.updated", "guest", id, changed_fields(to_json(before), out)});
  tx.commit();
  return out;
}

void remove(request::Context& ctx, const http::Request& req, const std::string& id) {
  json::object empty;
  Fields f(empty);
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const std::int64_t version = req.header("if-match") ? required_version(f, req) : before.version;
  db::check_version(version, before.version, "guest");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, version), "guest");
  } catch (const db::ConstraintError&) {
    throw Conflict("The guest has reservations; erase their personal data instead of deleting them.",
                   "guest_has_reservations");
  }
  audit::record(tx, ctx.actor(), {ctx.scope().tenant_id(), "guest.deleted", "guest", id, json::object{}});
  tx.commit();
}

json::object export_data(request::Context& ctx, const std::string& id) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto g = require(tx, scope, id);
  json::array stays, money, incidents;
  for (const auto& r : reservations::repo::of_guest(tx, scope, id)) {
    stays.push_back(reservations::to_json(r));
    for (const auto& p : payments::repo::of_reservation(tx, scope, r.id)) money.push_back(payments::to_json(p));
  }
  for (const auto& i : incidents::repo::of_guest(tx, scope, id)) incidents.push_back(incidents::to_json(i));
  // Exporting personal data is itself worth a trace.
  audit::record(tx, ctx.actor(), {scope.tenant_id(), "guest.exported", "guest", id, json::object{}});
  tx.commit();
  return {{"exported_at", now_text()},
          {"guest", to_json(g)},
          {"reservations", std::move(stays)},
          {"payments", std::move(money)},
          {"incidents", std::move(incidents)}};
}

json::object erase(request::Context& ctx, const std::string& id, const json::object& body) {
  check_body_tenant(ctx, body);
  Fields f(body);
  const auto version = f.optional_int("version", 1, INT32_MAX);
  f.finish();
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  if (version) db::check_version(*version, before.version, "guest");
  if (before.erased_at) throw Conflict("The guest's personal data was already erased.", "guest_erased");
  Guest g = before;
  const auto now = now_text();
  g.first_name = "Erased";
  g.last_name = "Guest";
  g.email = g.phone = g.id_type = g.id_number = g.nationality = g.notes = std::nullopt;
  g.erased_at = now;
  g.updated_by = ctx.user().user_id;
  g.updated_at = now;
  db::update_or_stale(repo::update(tx, ctx.scope(), g, before.version), "guest");
  // Stored Idempotency-Key answers of the guest's reservations carry the name.
  idempotency::forget_mentions(tx, ctx.scope(), id);
  auto out = to_json(require(tx, ctx.scope(), id));
  audit::record(tx, ctx.actor(), {g.tenant_id, "guest.erased", "guest", id, changed_fields(to_json(before), out)});
  tx.commit();
  return out;
}

}  // namespace keycard::hotel::guests
