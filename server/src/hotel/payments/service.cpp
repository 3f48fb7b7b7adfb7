#include "hotel/payments/service.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "hotel/payments/codec.hpp"
#include "hotel/payments/rules.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/reservations/service.hpp"
#include "hotel/shared/read.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::payments {
namespace {

Balance balance_of(const reservations::Reservation& r) { return {r.id, r.currency, r.total_minor(), r.paid_minor}; }

}  // namespace

idempotency::Created<Recorded> create(request::Context& ctx, const std::string& reservation_id,
                                      const RecordPayment& cmd,
                                      const std::optional<idempotency::Replay<Recorded>>& replay) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // Payments of one reservation queue up here, so a request repeating an
  // Idempotency-Key finds the first one's stored answer once it committed.
  const auto posting = reservations::lock_for_posting(tx, scope, reservation_id);
  const auto& r = posting.reservation;
  const auto& business_date = posting.business_date;
  auto out = idempotency::once<Recorded>(tx, scope, replay, ctx.user().user_id, [&] {
    if (cmd.currency && *cmd.currency != r.currency) {
      field_error("currency", "must be the reservation's currency, " + r.currency);
    }
    Payment p;
    p.id = new_uuid();
    p.tenant_id = scope.tenant_id();
    p.reservation_id = reservation_id;
    p.kind = "payment";
    p.amount_minor = cmd.amount_minor;
    p.method = cmd.method;
    p.reference = cmd.reference;
    p.currency = r.currency;
    p.created_by = ctx.user().user_id;
    p.business_date = business_date;
    p.created_at = now_text();
    repo::insert(tx, scope, p);
    Recorded recorded{*repo::find(tx, scope, p.id), balance_of(reservations::require(tx, scope, reservation_id))};
    audit::record(tx, ctx.actor(),
                  {p.tenant_id, "payment.created", "payment", p.id,
                   audit_changes(recorded.payment, {r.paid_minor, r.paid_minor + p.amount_minor, {}, {}})});
    return recorded;
  });
  tx.commit();
  return out;
}

OfReservation of_reservation(request::Context& ctx, const std::string& reservation_id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  const auto r = reservations::require(tx, ctx.scope(), reservation_id);
  OfReservation out{repo::of_reservation(tx, ctx.scope(), reservation_id), balance_of(r)};
  tx.commit();
  return out;
}

ListPage<Payment> list(request::Context& ctx, const repo::ListQuery& query) {
  return read_page<Payment>(ctx, query, repo::list);
}

Recorded refund(request::Context& ctx, const std::string& payment_id, const RefundPayment& cmd) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // The reservation's posting locks first (the night audit's order), then
  // the payment's row, read again under them.
  const auto unlocked = repo::find(tx, scope, payment_id);
  if (!unlocked) throw NotFound("There is no payment with this id.");
  const auto posting = reservations::lock_for_posting(tx, scope, unlocked->reservation_id);
  const auto original = repo::find_for_update(tx, scope, payment_id);
  if (!original) throw NotFound("There is no payment with this id.");
  if (const auto refusal = rules::refund_refusal(*original, cmd.amount_minor)) {
    if (*refusal == "not_refundable") throw Conflict("A refund cannot be refunded.", "not_refundable");
    throw Conflict("At most " + std::to_string(rules::refundable(*original)) +
                       " (minor units) of this payment can still be refunded.",
                   std::string(*refusal));
  }
  Payment p;
  p.id = new_uuid();
  p.tenant_id = scope.tenant_id();
  p.reservation_id = original->reservation_id;
  p.kind = "refund";
  p.refund_of = original->id;
  p.amount_minor = cmd.amount_minor;
  p.currency = original->currency;
  p.method = original->method;
  p.reason = cmd.reason;
  p.created_by = ctx.user().user_id;
  p.business_date = posting.business_date;
  p.created_at = now_text();
  repo::insert(tx, scope, p);
  const auto after = reservations::require(tx, scope, p.reservation_id);
  Recorded recorded{*repo::find(tx, scope, p.id), balance_of(after)};
  audit::record(
      tx, ctx.actor(),
      {p.tenant_id, "payment.refunded", "payment", p.id,
       audit_changes(recorded.payment, {after.paid_minor + cmd.amount_minor, after.paid_minor, original->refunded_minor,
                                        original->refunded_minor + cmd.amount_minor})});
  tx.commit();
  return recorded;
}

}  // namespace keycard::hotel::payments
