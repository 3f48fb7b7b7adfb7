#include "hotel/night_audit/codec.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "hotel/night_audit/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::night_audit {
namespace json = boost::json;

json::object to_json(const Summary& s) {
  const auto f = rules::figures(s.rooms_available, s.rooms_sold, s.room_revenue_minor);
  return {{"id", s.id},
          {"property_id", s.property_id},
          {"business_date_closed", s.business_date},
          {"room_charges_posted", s.room_charges_posted},
          {"amount_posted", money(s.amount_posted_minor, s.currency)},
          {"no_shows", s.no_shows},
          {"cancelled", s.cancelled},
          {"rooms_available", s.rooms_available},
          {"rooms_sold", s.rooms_sold},
          {"occupancy", f.occupancy},
          {"room_revenue", money(s.room_revenue_minor, s.currency)},
          {"adr", money(f.adr_minor, s.currency)},
          {"revpar", money(f.revpar_minor, s.currency)},
          {"forced", s.forced},
          {"reason", opt_json(s.reason)},
          {"run_by", opt_json(s.run_by)},
          {"created_at", s.created_at}};
}

json::object to_json(const PendingDeparture& d) {
  return {{"id", d.id},
          {"confirmation_number", d.confirmation_number},
          {"guest_name", d.guest_name},
          {"check_out_date", d.check_out_date}};
}

RunAudit decode_run(const json::object& body) {
  Fields f(body);
  RunAudit r;
  r.business_date = optional_date(f, "business_date");
  r.force = f.optional_bool("force").value_or(false);
  r.reason = f.optional_string("reason", 500);
  if (r.reason && r.reason->empty()) r.reason.reset();
  if (r.force && !r.reason) f.add_error("reason", "is required to force the audit");
  f.finish();
  return r;
}

audit::Changes audit_changes(const Summary& s) {
  auto fields = to_json(s);
  fields.erase("id");
  fields.erase("created_at");
  return fields;
}

}  // namespace keycard::hotel::night_audit
