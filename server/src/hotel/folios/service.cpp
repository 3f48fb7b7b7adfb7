#include "hotel/folios/service.hpp"

#include <algorithm>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "hotel/folios/codec.hpp"
#include "hotel/folios/repository.hpp"
#include "hotel/folios/rules.hpp"
#include "hotel/payments/repository.hpp"
#include "hotel/properties/service.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/reservations/service.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::folios {
namespace {

using reservations::Reservation;

// A payment or refund as a folio line: its amount signed as its effect on
// the balance.
Line payment_line(const payments::Payment& p) {
  const bool refund = p.kind == "refund";
  Line l;
  l.id = p.id;
  l.tenant_id = p.tenant_id;
  l.reservation_id = p.reservation_id;
  l.kind = p.kind;
  l.business_date = p.business_date.value_or(p.created_at.substr(0, 10));
  l.description = std::string(refund ? "Refund" : "Payment") + " (" + p.method + ")" +
                  (p.reference ? ", " + *p.reference : std::string());
  l.quantity = 1;
  l.unit_price_minor = p.amount_minor;
  l.amount_minor = refund ? p.amount_minor : -p.amount_minor;
  l.currency = p.currency;
  l.reason = p.reason;
  l.method = p.method;
  l.posted_by = p.created_by;
  l.created_at = p.created_at;
  return l;
}

// Every line of the folio, oldest first, and its totals.
Folio read_folio(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r) {
  Folio f{r.id, r.currency, properties::require(tx, scope, r.property_id).business_date, {}, {}};
  f.lines = repo::of_reservation(tx, scope, r.id);
  for (const auto& p : payments::repo::of_reservation(tx, scope, r.id)) f.lines.push_back(payment_line(p));
  std::stable_sort(f.lines.begin(), f.lines.end(), [](const Line& a, const Line& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
  });
  f.totals = rules::totals(f.lines, r.pending_room_nights(), r.rate_minor);
  return f;
}

Totals totals_after(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id) {
  return read_folio(tx, scope, reservations::require(tx, scope, reservation_id)).totals;
}

}  // namespace

Folio get(request::Context& ctx, const std::string& reservation_id) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    return read_folio(tx, scope, reservations::require(tx, scope, reservation_id));
  });
}

idempotency::Created<Posted> post_charge(request::Context& ctx, const std::string& reservation_id,
                                         const PostCharge& cmd,
                                         const std::optional<idempotency::Replay<Posted>>& replay) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // Postings to one folio queue up here, so a request repeating an
  // Idempotency-Key finds the first one's stored answer once it committed.
  const auto posting = reservations::lock_for_posting(tx, scope, reservation_id);
  const auto& r = posting.reservation;
  const auto& business_date = posting.business_date;
  auto out = idempotency::once<Posted>(tx, scope, replay, ctx.user().user_id, [&] {
    if (r.status == reservations::Status::checked_out) {
      throw Conflict("The guest has checked out; the folio is closed.", "folio_closed");
    }
    Line l;
    l.id = new_uuid();
    l.tenant_id = scope.tenant_id();
    l.reservation_id = r.id;
    l.kind = "charge";
    l.charge_type = cmd.charge_type;
    l.business_date = business_date;
    l.description = cmd.description.value_or(rules::default_description(cmd.charge_type));
    l.quantity = cmd.quantity;
    l.unit_price_minor = cmd.unit_price_minor;
    l.amount_minor = rules::charge_amount(cmd.quantity, cmd.unit_price_minor);
    l.currency = r.currency;
    l.posted_by = ctx.user().user_id;
    l.created_at = now_text();
    repo::insert(tx, scope, r.property_id, l);
    Posted posted{*repo::find(tx, scope, r.id, l.id), totals_after(tx, scope, r.id)};
    audit::record(tx, ctx.actor(),
                  {l.tenant_id, "folio.charge_posted", "folio_line", l.id, audit_changes(posted.line)});
    return posted;
  });
  tx.commit();
  return out;
}

Posted correct(request::Context& ctx, const std::string& reservation_id, const std::string& line_id,
               const CorrectLine& cmd) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto posting = reservations::lock_for_posting(tx, scope, reservation_id);
  const auto& r = posting.reservation;
  const auto& business_date = posting.business_date;
  auto original = repo::find(tx, scope, reservation_id, line_id);
  if (!original) {
    // A payment or refund of this folio is a line too, but corrected by a refund.
    for (const auto& p : payments::repo::of_reservation(tx, scope, reservation_id)) {
      if (p.id == line_id) original = payment_line(p);
    }
  }
  if (!original) throw NotFound("There is no line with this id on the reservation's folio.");
  if (const auto refusal = rules::correction_refusal(*original, cmd.amount_minor)) {
    if (*refusal == "not_correctable") {
      throw Conflict(original->kind == "correction" ? "A correction cannot be corrected."
                                                    : "A payment is corrected by a refund, not a correction.",
                     "not_correctable");
    }
    if (*refusal == "already_corrected") throw Conflict("This charge has been corrected in full.", "already_corrected");
    field_error("amount_minor", "is more than what is left of the charge (" +
                                    std::to_string(rules::correctable(*original)) + " minor units)");
  }
  const auto amount = cmd.amount_minor.value_or(rules::correctable(*original));
  Line l;
  l.id = new_uuid();
  l.tenant_id = scope.tenant_id();
  l.reservation_id = r.id;
  l.kind = "correction";
  l.charge_type = original->charge_type;
  l.business_date = business_date;
  l.description = "Correction: " + original->description;
  l.quantity = 1;
  l.unit_price_minor = -amount;
  l.amount_minor = -amount;
  l.currency = r.currency;
  l.corrects = original->id;
  l.reason = cmd.reason;
  l.posted_by = ctx.user().user_id;
  l.created_at = now_text();
  repo::insert(tx, scope, r.property_id, l);
  Posted posted{*repo::find(tx, scope, r.id, l.id), totals_after(tx, scope, r.id)};
  audit::record(tx, ctx.actor(), {l.tenant_id, "folio.line_corrected", "folio_line", l.id, audit_changes(posted.line)});
  tx.commit();
  return posted;
}

std::vector<std::string> stay_nights(const Reservation& r) {
  std::vector<std::string> out;
  for (auto d = days_from_date(r.check_in_date); d < days_from_date(r.check_out_date); ++d) {
    out.push_back(date_from_days(d));
  }
  return out;
}

std::vector<Line> post_room_nights(db::Transaction& tx, const access::TenantScope& scope, const audit::Actor& actor,
                                   const Reservation& r, const std::vector<std::string>& nights,
                                   const std::string& business_date, const std::optional<std::string>& posted_by) {
  std::optional<std::string> room_number;
  if (r.room_id) {
    if (const auto room = rooms::repo::find(tx, scope, *r.room_id)) room_number = room->room_number;
  }
  const auto posted = repo::posted_nights(tx, scope, r.id);
  std::vector<Line> out;
  for (const auto& night : nights) {
    if (std::find(posted.begin(), posted.end(), night) != posted.end()) continue;
    Line l;
    l.id = new_uuid();
    l.tenant_id = scope.tenant_id();
    l.reservation_id = r.id;
    l.kind = "charge";
    l.charge_type = "room";
    l.business_date = business_date;
    l.room_night = night;
    l.description = rules::room_night_description(room_number, night);
    l.quantity = 1;
    l.unit_price_minor = r.rate_minor;
    l.amount_minor = r.rate_minor;
    l.currency = r.currency;
    l.posted_by = posted_by;
    l.created_at = now_text();
    repo::insert(tx, scope, r.property_id, l);
    audit::record(tx, actor, {l.tenant_id, "folio.room_charge_posted", "folio_line", l.id, audit_changes(l)});
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace keycard::hotel::folios
