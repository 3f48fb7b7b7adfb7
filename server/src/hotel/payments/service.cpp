#include "hotel/payments/service.hpp"

#include <boost/json.hpp>

#include <cctype>

#include "request/context.hpp"
#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::payments {
namespace json = boost::json;

json::object to_json(const Payment& p) {
  json::object o{{"id", p.id},
                 {"tenant_id", p.tenant_id},
                 {"reservation_id", p.reservation_id},
                 {"kind", p.kind},
                 {"refund_of", opt_json(p.refund_of)},
                 {"amount", money(p.amount_minor, p.currency)},
                 {"amount_minor", p.amount_minor},
                 {"currency", p.currency},
                 {"method", p.method},
                 {"reference", opt_json(p.reference)},
                 {"reason", opt_json(p.reason)},
                 {"created_by", opt_json(p.created_by)},
                 {"created_at", p.created_at}};
  if (p.kind == "payment") o["refunded"] = money(p.refunded_minor, p.currency);
  return o;
}

namespace {

constexpr std::int64_t kMaxAmount = 1'000'000'000'000;

// Card data is refused outright: no field for it, and no reference that
// holds a card-number-like run of 13 or more digits.
void refuse_card_data(Fields& f, const json::object& body, const std::optional<std::string>& reference) {
  for (const auto* key : {"card_number", "pan", "cvv", "cvc", "security_code", "card"}) {
    if (body.contains(key)) f.add_error(key, "card numbers and security codes are never accepted");
  }
  if (!reference) return;
  int run = 0;
  for (char c : *reference) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++run >= 13) {
        f.add_error("reference", "must not contain a card number");
        return;
      }
    } else if (c != ' ' && c != '-') {
      run = 0;
    }
  }
}

reservations::Reservation require_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                              const std::string& id) {
  auto r = reservations::repo::find(tx, scope, id);
  if (!r) throw NotFound("There is no reservation with this id.");
  return *r;
}

// The audit form of a payment or refund: its fields as before/after pairs
// (before: null, it is new), without the derived ones.
json::object audit_changes(json::object payment) {
  for (const auto* key : {"amount", "refunded", "reservation", "created_by", "tenant_id", "kind"}) payment.erase(key);
  return changes_between({}, payment);
}

json::object before_after(std::int64_t before, std::int64_t after) { return {{"before", before}, {"after", after}}; }

json::object balance_of(const reservations::Reservation& r) {
  const auto total = r.total_minor();
  return {{"reservation_id", r.id},
          {"total", money(total, r.currency)},
          {"paid", money(r.paid_minor, r.currency)},
          {"balance", money(total - r.paid_minor, r.currency)}};
}

}  // namespace

json::object create(request::Context& ctx, const std::string& reservation_id, const json::object& body,
                    const std::optional<idempotency::Key>& key) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  Payment p;
  p.id = new_uuid();
  p.tenant_id = scope.tenant_id();
  p.reservation_id = reservation_id;
  p.kind = "payment";
  p.amount_minor = f.required_int("amount_minor", 1, kMaxAmount);
  p.method = f.required_enum("method", kMethods);
  const auto currency = f.optional_string("currency", 3);
  if (currency && !is_currency(*currency)) f.add_error("currency", "must be an ISO 4217 code, e.g. EUR");
  p.reference = f.optional_string("reference", 200);
  refuse_card_data(f, body, p.reference);
  f.finish();

  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // Payments of one reservation queue up here, so a request repeating an
  // Idempotency-Key finds the first one's stored answer once it committed.
  if (!reservations::repo::lock(tx, scope, reservation_id)) throw NotFound("There is no reservation with this id.");
  const auto r = require_reservation(tx, scope, reservation_id);
  if (key) {
    if (auto previous = idempotency::lookup(tx, scope, *key)) {
      tx.commit();
      return std::move(*previous);
    }
  }
  if (currency && *currency != r.currency) {
    field_error("currency", "must be the reservation's currency, " + r.currency);
  }
  p.currency = r.currency;
  p.created_by = ctx.user().user_id;
  p.created_at = now_text();
  repo::insert(tx, scope, p);
  auto out = to_json(*repo::find(tx, scope, p.id));
  out["reservation"] = balance_of(require_reservation(tx, scope, reservation_id));
  auto changes = audit_changes(out);
  changes["reservation_paid_minor"] = before_after(r.paid_minor, r.paid_minor + p.amount_minor);
  audit::record(tx, ctx.actor(), {p.tenant_id, "payment.created", "payment", p.id, std::move(changes)});
  if (key) idempotency::save(tx, scope, *key, 201, out, ctx.user().user_id);
  tx.commit();
  return out;
}

json::object of_reservation(request::Context& ctx, const std::string& reservation_id) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  const auto r = require_reservation(tx, ctx.scope(), reservation_id);
  json::array arr;
  for (const auto& p : repo::of_reservation(tx, ctx.scope(), reservation_id)) arr.push_back(to_json(p));
  tx.commit();
  const auto n = static_cast<std::int64_t>(arr.size());
  auto out = page_json(std::move(arr), 1, n, n);
  for (auto& [k, v] : balance_of(r)) out[k] = v;
  return out;
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto [items, total] = repo::list(tx, ctx.scope(), query);
  tx.commit();
  json::array arr;
  for (const auto& p : items) arr.push_back(to_json(p));
  return page_json(std::move(arr), query.page, query.limit, total);
}

json::object refund(request::Context& ctx, const std::string& payment_id, const json::object& body) {
  check_body_tenant(ctx, body);
  const auto& scope = ctx.scope();
  Fields f(body);
  const auto amount = f.required_int("amount_minor", 1, kMaxAmount);
  const auto reason = f.optional_string("reason", 500);
  refuse_card_data(f, body, std::nullopt);
  f.finish();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto original = repo::find_for_update(tx, scope, payment_id);
  if (!original) throw NotFound("There is no payment with this id.");
  if (original->kind != "payment") throw Conflict("A refund cannot be refunded.", "not_refundable");
  const auto refundable = original->amount_minor - original->refunded_minor;
  if (amount > refundable) {
    throw Conflict("At most " + std::to_string(refundable) + " (minor units) of this payment can still be refunded.",
                   "refund_exceeds_payment");
  }
  Payment p;
  p.id = new_uuid();
  p.tenant_id = scope.tenant_id();
  p.reservation_id = original->reservation_id;
  p.kind = "refund";
  p.refund_of = original->id;
  p.amount_minor = amount;
  p.currency = original->currency;
  p.method = original->method;
  p.reason = reason;
  p.created_by = ctx.user().user_id;
  p.created_at = now_text();
  repo::insert(tx, scope, p);
  auto out = to_json(*repo::find(tx, scope, p.id));
  const auto after = require_reservation(tx, scope, p.reservation_id);
  out["reservation"] = balance_of(after);
  auto changes = audit_changes(out);
  changes["payment_refunded_minor"] = before_after(original->refunded_minor, original->refunded_minor + amount);
  changes["reservation_paid_minor"] = before_after(after.paid_minor + amount, after.paid_minor);
  audit::record(tx, ctx.actor(), {p.tenant_id, "payment.refunded", "payment", p.id, std::move(changes)});
  tx.commit();
  return out;
}

}  // namespace keycard::hotel::payments
