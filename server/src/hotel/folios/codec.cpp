#include "hotel/folios/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/folios/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::folios {
namespace json = boost::json;

json::object to_json(const Line& l) {
  return {{"id", l.id},
          {"kind", l.kind},
          {"charge_type", opt_json(l.charge_type)},
          {"business_date", l.business_date},
          {"room_night", opt_json(l.room_night)},
          {"description", l.description},
          {"quantity", l.quantity},
          {"unit_price", money(l.unit_price_minor, l.currency)},
          {"amount", money(l.amount_minor, l.currency)},
          {"currency", l.currency},
          {"corrects", opt_json(l.corrects)},
          {"corrected", money(l.corrected_minor, l.currency)},
          {"reason", opt_json(l.reason)},
          {"method", opt_json(l.method)},
          {"posted_by", opt_json(l.posted_by)},
          {"created_at", l.created_at}};
}

json::object to_json(const Totals& t, const std::string& currency) {
  return {{"charges", money(t.charges, currency)},
          {"corrections", money(t.corrections, currency)},
          {"payments", money(t.payments, currency)},
          {"refunds", money(t.refunds, currency)},
          {"posted_balance", money(t.posted_balance, currency)},
          {"pending_room_nights", t.pending_room_nights},
          {"pending_room_charges", money(t.pending_room_charges, currency)},
          {"total", money(t.total, currency)},
          {"paid", money(t.paid, currency)},
          {"balance", money(t.balance, currency)}};
}

json::object to_json(const Folio& f) {
  json::array lines;
  for (const auto& l : f.lines) lines.push_back(to_json(l));
  return {{"reservation_id", f.reservation_id},
          {"currency", f.currency},
          {"business_date", f.business_date},
          {"lines", std::move(lines)},
          {"totals", to_json(f.totals, f.currency)}};
}

json::object to_json(const Posted& p) {
  return {{"line", to_json(p.line)}, {"totals", to_json(p.totals, p.line.currency)}};
}

PostCharge decode_charge(const json::object& body) {
  Fields f(body);
  PostCharge c;
  c.charge_type = f.required_enum("charge_type", kExtraTypes);
  c.description = f.optional_string("description", 200);
  c.quantity = f.optional_int("quantity", 1, rules::kMaxQuantity).value_or(1);
  c.unit_price_minor = f.required_int("unit_price_minor", 1, rules::kMaxUnitPrice);
  if (c.charge_type == "other" && !c.description) f.add_error("description", "is required for a charge of type other");
  f.finish();
  return c;
}

CorrectLine decode_correction(const json::object& body) {
  Fields f(body);
  CorrectLine c;
  c.reason = f.required_string("reason", 500);
  c.amount_minor = f.optional_int("amount_minor", 1, rules::kMaxQuantity * rules::kMaxUnitPrice);
  f.finish();
  return c;
}

audit::Changes audit_changes(const Line& l) {
  auto fields = to_json(l);
  fields.erase("corrected");
  fields["reservation_id"] = l.reservation_id;
  return changes_between({}, fields);
}

}  // namespace keycard::hotel::folios
