#include "hotel/night_audit/service.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "hotel/folios/service.hpp"
#include "hotel/night_audit/codec.hpp"
#include "hotel/night_audit/repository.hpp"
#include "hotel/night_audit/rules.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/properties/service.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/reservations/service.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/rooms/rules.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"

namespace keycard::hotel::night_audit {
namespace {

using reservations::Action;

std::int64_t rooms_in_service(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id) {
  const auto statement = rooms::repo::inventory_statement(scope, property_id);
  std::int64_t n = 0;
  for (const auto& room : rooms::repo::read_inventory(tx.exec(statement.sql, statement.params))) {
    if (rooms::counts_for_capacity(room.status)) ++n;
  }
  return n;
}

}  // namespace

Outcome run(db::Database& db, const access::TenantScope& scope, const reservations::Changer& who,
            const std::string& property_id, const RunAudit& cmd, std::chrono::system_clock::time_point now) {
  auto tx = db.begin(db::TxMode::write, scope);
  // One audit of a property at a time, on every instance: a second one waits
  // here and then finds the date closed.
  if (!properties::repo::lock(tx, scope, property_id, true)) throw NotFound("There is no property with this id.");
  const auto property = properties::require(tx, scope, property_id);
  const auto date = cmd.business_date.value_or(property.business_date);
  if (date < property.business_date) {
    if (auto done = repo::find(tx, scope, property_id, date)) {
      tx.commit();
      return {std::move(*done), false};
    }
  }
  const auto local_today = tz::local_date(property.timezone, now);
  if (const auto refusal = rules::refusal(date, property.business_date, local_today)) {
    if (*refusal == "audit_too_early") {
      throw Conflict(
          "The business date " + date + " has not ended at the property yet (its date is " + local_today + ").",
          "audit_too_early");
    }
    throw Conflict(
        "The property's business date is " + property.business_date + "; " + date + " is not a date it can close.",
        "audit_date_mismatch");
  }

  const auto stays = reservations::repo::open_of_property(tx, scope, property_id, date);
  const auto plan = rules::plan(stays, date);
  if (!plan.overdue.empty() && !(cmd.force && cmd.reason)) {
    std::vector<PendingDeparture> pending;
    for (auto i : plan.overdue) {
      const auto& s = stays[i];
      pending.push_back({s.id, s.confirmation_number, s.guest_name, s.check_out_date});
    }
    throw DeparturesPending(std::move(pending));
  }

  Summary s;
  s.id = new_uuid();
  s.tenant_id = scope.tenant_id();
  s.property_id = property_id;
  s.business_date = date;
  s.currency = property.currency;
  s.forced = cmd.force && !plan.overdue.empty();
  s.reason = cmd.reason;
  s.run_by = who.user_id;
  for (auto i : plan.charge) {
    const auto& stay = stays[i];
    const auto posted = folios::post_room_nights(tx, scope, who.actor, stay, {date}, date, who.user_id);
    s.room_charges_posted += static_cast<std::int64_t>(posted.size());
    for (const auto& line : posted) s.amount_posted_minor += line.amount_minor;
    s.room_revenue_minor += stay.rate_minor;
  }
  s.rooms_sold = static_cast<std::int64_t>(plan.charge.size());
  for (auto i : plan.no_show) {
    reservations::apply_transition(tx, scope, who, stays[i].id, Action::no_show,
                                   {std::nullopt, "Night audit of " + date + ": did not arrive", std::nullopt}, date);
  }
  for (auto i : plan.cancel) {
    reservations::apply_transition(
        tx, scope, who, stays[i].id, Action::cancel,
        {std::nullopt, "Night audit of " + date + ": not confirmed by arrival", std::nullopt}, date);
  }
  s.no_shows = static_cast<std::int64_t>(plan.no_show.size());
  s.cancelled = static_cast<std::int64_t>(plan.cancel.size());
  s.rooms_available = rooms_in_service(tx, scope, property_id);
  s.created_at = now_text();
  repo::insert(tx, scope, s);
  properties::repo::close_day(tx, scope, property_id, date, date_from_days(days_from_date(date) + 1));
  audit::record(tx, who.actor, {s.tenant_id, "night_audit.completed", "property", property_id, audit_changes(s)});
  auto stored = repo::find(tx, scope, property_id, date);
  tx.commit();
  return {std::move(*stored), true};
}

Outcome run(request::Context& ctx, const std::string& property_id, const RunAudit& cmd) {
  const reservations::Changer who{ctx.actor(), ctx.user().user_id, ctx.user().can("hotel:folios:correct")};
  return run(ctx.db(), ctx.scope(), who, property_id, cmd, std::chrono::system_clock::now());
}

ListPage<Summary> list(request::Context& ctx, const std::string& property_id, const repo::PageOf& page) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    properties::require(tx, scope, property_id);
    auto [items, total] = repo::of_property(tx, scope, property_id, page);
    return ListPage<Summary>{std::move(items), page.page, page.limit, total};
  });
}

}  // namespace keycard::hotel::night_audit
