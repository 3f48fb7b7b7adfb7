#include "hotel/invoices/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::invoices {
namespace json = boost::json;

json::object to_json(const Invoice& i) {
  json::array lines;
  for (const auto& l : i.lines) {
    lines.push_back({{"business_date", l.business_date},
                     {"description", l.description},
                     {"quantity", l.quantity},
                     {"unit_price", money(l.unit_price_minor, i.currency)},
                     {"amount", money(l.amount_minor, i.currency)}});
  }
  return {{"id", i.id},
          {"kind", i.kind},
          {"number", i.number},
          {"property_id", i.property_id},
          {"reservation_id", i.reservation_id},
          {"credit_of", opt_json(i.credit_of)},
          {"credited_by", opt_json(i.credited_by)},
          {"business_date", i.business_date},
          {"issued_at", i.issued_at},
          {"issued_by", opt_json(i.issued_by)},
          {"seller", {{"name", i.seller_name}, {"address", opt_json(i.seller_address)}}},
          {"buyer", {{"name", i.buyer_name}, {"email", opt_json(i.buyer_email)}}},
          {"confirmation_number", i.confirmation_number},
          {"currency", i.currency},
          {"lines", std::move(lines)},
          {"vat_rate_bp", i.vat_rate_bp},
          {"net", money(i.net_minor, i.currency)},
          {"tax", money(i.tax_minor, i.currency)},
          {"gross", money(i.gross_minor, i.currency)},
          {"paid", money(i.paid_minor, i.currency)},
          {"balance", money(i.gross_minor - i.paid_minor, i.currency)},
          {"reason", opt_json(i.reason)}};
}

CreditNote decode_credit(const json::object& body) {
  Fields f(body);
  CreditNote c;
  c.reason = f.required_string("reason", 500);
  f.finish();
  return c;
}

audit::Changes audit_changes(const Invoice& i) {
  return {{"number", i.number},
          {"kind", i.kind},
          {"reservation_id", i.reservation_id},
          {"credit_of", opt_json(i.credit_of)},
          {"gross_minor", i.gross_minor},
          {"tax_minor", i.tax_minor},
          {"currency", i.currency},
          {"reason", opt_json(i.reason)}};
}

}  // namespace keycard::hotel::invoices
