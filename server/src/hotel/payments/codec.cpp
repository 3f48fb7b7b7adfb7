#include "hotel/payments/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/payments/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::payments {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxAmount = 1'000'000'000'000;

// Card data is refused outright: no field for it, and no reference that
// holds a card-number-like run of 13 or more digits.
void refuse_card_data(Fields& f, const json::object& body, const std::optional<std::string>& reference) {
  for (const auto& member : body) {
    if (rules::is_card_field(member.key())) {
      f.add_error(std::string(member.key()), "card numbers and security codes are never accepted");
    }
  }
  if (reference && rules::looks_like_card_number(*reference))
    f.add_error("reference", "must not contain a card number");
}

json::object balance_json(const Balance& b) {
  return {{"reservation_id", b.reservation_id},
          {"total", money(b.total_minor, b.currency)},
          {"paid", money(b.paid_minor, b.currency)},
          {"balance", money(b.total_minor - b.paid_minor, b.currency)}};
}

json::object before_after(std::int64_t before, std::int64_t after) { return {{"before", before}, {"after", after}}; }

}  // namespace

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

json::object to_json(const Recorded& r) {
  auto out = to_json(r.payment);
  out["reservation"] = balance_json(r.reservation);
  return out;
}

json::object to_json(const OfReservation& r) {
  json::array arr;
  for (const auto& p : r.items) arr.push_back(to_json(p));
  const auto n = static_cast<std::int64_t>(arr.size());
  auto out = page_json(std::move(arr), 1, n, n);
  for (auto& [k, v] : balance_json(r.balance)) out[k] = v;
  return out;
}

RecordPayment decode_payment(const json::object& body) {
  Fields f(body);
  RecordPayment c;
  c.amount_minor = f.required_int("amount_minor", 1, kMaxAmount);
  c.method = f.required_enum("method", kMethods);
  c.currency = f.optional_string("currency", 3);
  if (c.currency && !is_currency(*c.currency)) f.add_error("currency", "must be an ISO 4217 code, e.g. EUR");
  c.reference = f.optional_string("reference", 200);
  refuse_card_data(f, body, c.reference);
  f.finish();
  return c;
}

RefundPayment decode_refund(const json::object& body) {
  Fields f(body);
  RefundPayment c;
  c.amount_minor = f.required_int("amount_minor", 1, kMaxAmount);
  c.reason = f.optional_string("reason", 500);
  refuse_card_data(f, body, std::nullopt);
  f.finish();
  return c;
}

audit::Changes audit_changes(const Payment& p, const Moved& moved) {
  auto payment = to_json(p);
  for (const auto* key : {"amount", "refunded", "reservation", "created_by", "tenant_id", "kind"}) payment.erase(key);
  auto changes = changes_between({}, payment);
  if (moved.refunded_before) {
    changes["payment_refunded_minor"] = before_after(*moved.refunded_before, *moved.refunded_after);
  }
  changes["reservation_paid_minor"] = before_after(moved.paid_before, moved.paid_after);
  return changes;
}

}  // namespace keycard::hotel::payments
