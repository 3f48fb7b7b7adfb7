#include "hotel/properties/service.hpp"
#include "hotel/shared/read.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/properties/codec.hpp"
#include "hotel/properties/rules.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"
#include "request/context.hpp"

namespace keycard::hotel::properties {
namespace {

// The constraints a write of a property may meet, and their answers.
std::vector<db::OnConstraint> constraints(const Property& p) {
  return {{"properties_code_key", Conflict("A property with the code '" + p.code + "' already exists.", "code_taken")}};
}

}  // namespace

Property require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto p = repo::find(tx, scope, id);
  if (!p) throw NotFound("There is no property with this id.");
  return *p;
}

std::string open_business_date(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  repo::lock(tx, scope, id, false);
  return require(tx, scope, id).business_date;
}

Property create(request::Context& ctx, const CreateProperty& cmd) {
  Property p;
  p.id = new_uuid();
  p.tenant_id = ctx.scope().tenant_id();
  p.name = cmd.name;
  p.code = cmd.code;
  p.timezone = cmd.timezone;
  p.currency = cmd.currency;
  p.address = cmd.address;
  p.check_in_time = cmd.check_in_time;
  p.check_out_time = cmd.check_out_time;
  p.status = cmd.status;
  p.night_audit_time = cmd.night_audit_time;
  p.vat_rate_bp = cmd.vat_rate_bp;
  // The first business date: the property's local date, or an earlier one
  // given to open it with history (the night audit then catches up).
  const auto today = tz::local_date(p.timezone, std::chrono::system_clock::now());
  if (cmd.business_date && *cmd.business_date > today) {
    field_error("business_date", "is later than the property's local date, " + today);
  }
  if (cmd.business_date && days_from_date(today) - days_from_date(*cmd.business_date) > 366) {
    field_error("business_date", "is more than a year before the property's local date, " + today);
  }
  p.business_date = cmd.business_date.value_or(today);
  p.created_by = p.updated_by = ctx.user().user_id;
  p.created_at = p.updated_at = now_text();

  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  db::on_constraint(constraints(p), [&] { repo::insert(tx, ctx.scope(), p); });
  auto saved = require(tx, ctx.scope(), p.id);
  audit::record(tx, ctx.actor(),
                {p.tenant_id, "property.created", "property", p.id, audit_changes(std::nullopt, saved)});
  tx.commit();
  return saved;
}

Property get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

ListPage<Property> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Property>(ctx, query, repo::list);
}

Property update(request::Context& ctx, const std::string& id, const PatchProperty& patch) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  Property p = before;
  if (patch.name) p.name = *patch.name;
  if (patch.code) p.code = *patch.code;
  if (patch.timezone) p.timezone = *patch.timezone;
  if (patch.currency) p.currency = *patch.currency;
  if (patch.address) p.address = *patch.address;
  if (patch.check_in_time) p.check_in_time = *patch.check_in_time;
  if (patch.check_out_time) p.check_out_time = *patch.check_out_time;
  if (patch.status) p.status = *patch.status;
  if (patch.night_audit_time) p.night_audit_time = *patch.night_audit_time;
  if (patch.vat_rate_bp) p.vat_rate_bp = *patch.vat_rate_bp;
  db::check_version(patch.version, before.version, "property");
  // Money of one property adds up in one currency.
  if (p.currency != before.currency &&
      rules::currency_change_refused(before.currency, p.currency, repo::has_reservations(tx, ctx.scope(), id))) {
    throw Conflict("The property has reservations in " + before.currency + "; its currency can no longer change.",
                   "currency_in_use");
  }
  p.updated_by = ctx.user().user_id;
  p.updated_at = now_text();
  const bool ok = db::on_constraint(constraints(p), [&] { return repo::update(tx, ctx.scope(), p, patch.version); });
  db::update_or_stale(ok, "property");
  auto after = require(tx, ctx.scope(), id);
  audit::record(tx, ctx.actor(), {p.tenant_id, "property.updated", "property", id, audit_changes(before, after)});
  tx.commit();
  return after;
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version) {
  auto tx = ctx.db().begin(db::TxMode::write, ctx.scope());
  const auto before = require(tx, ctx.scope(), id);
  const auto based_on = version.value_or(before.version);
  db::check_version(based_on, before.version, "property");
  try {
    db::update_or_stale(repo::remove(tx, ctx.scope(), id, based_on), "property");
  } catch (const db::ConstraintError&) {
    throw Conflict("The property still has room types, rooms or reservations; remove those first.", "property_in_use");
  }
  audit::record(tx, ctx.actor(),
                {ctx.scope().tenant_id(), "property.deleted", "property", id, audit_changes(before, std::nullopt)});
  tx.commit();
}

}  // namespace keycard::hotel::properties
