#include "reports/catalog.hpp"

#include "common/ids.hpp"
#include "common/utf8.hpp"
#include "common/validation.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::reports {
namespace {

ParameterSpec property() {
  return {"property_id", "uuid", false, "One property of this hotel; all properties when absent.", {}};
}
ParameterSpec from() { return {"from", "date", true, "First business date, inclusive (YYYY-MM-DD).", {}}; }
ParameterSpec to() { return {"to", "date", true, "Last business date, inclusive; at most 366 days after from.", {}}; }
ParameterSpec day(std::string what) { return {"date", "date", true, std::move(what), {}}; }
ParameterSpec text(std::string name, std::string what) { return {std::move(name), "text", false, std::move(what), {}}; }

std::vector<ParameterSpec> audit_filters(bool admin) {
  std::vector<ParameterSpec> p = {from(),
                                  to(),
                                  text("action", "Only this action, e.g. reservation.created."),
                                  text("resource_type", "Only this kind of resource, e.g. reservation."),
                                  text("resource_id", "Only entries about this resource."),
                                  {"user_id", "uuid", false, "Only what this user did.", {}}};
  if (admin) p.push_back(text("tenant_id", "One hotel's trail (its id), or 'platform' for the platform's own."));
  return p;
}

const std::vector<Definition> kHotel = {
    {"occupancy",
     "Occupancy",
     "Rooms available and sold, occupancy, room revenue, ADR and RevPAR per property per night.",
     {property(), from(), to()}},
    {"revenue", "Revenue", "Room revenue, ADR and RevPAR per property over the range.", {property(), from(), to()}},
    {"reservations",
     "Reservations",
     "Every reservation whose stay overlaps the range, with its balance.",
     {property(), from(), to()}},
    {"arrivals",
     "Arrivals",
     "Stays arriving on a date, as the front desk prints them.",
     {property(), day("The arrival date (YYYY-MM-DD).")}},
    {"departures", "Departures", "Stays departing on a date.", {property(), day("The departure date (YYYY-MM-DD).")}},
    {"in-house", "In-house", "Stays that hold the night of a date.", {property(), day("The night (YYYY-MM-DD).")}},
    {"cancellations",
     "Cancellations and no-shows",
     "Cancelled and no-show stays arriving in the range, with the reason and who did it.",
     {property(), from(), to()}},
    {"payments",
     "Payments ledger",
     "Payments and refunds recorded in the range, with totals per method.",
     {property(), from(), to()}},
    {"incidents", "Incidents", "Incidents reported in the range.", {property(), from(), to()}},
    {"night-audit",
     "Night audit (manager's report)",
     "One property's closed business date: the audit's figures, arrivals, departures, no-shows, cancellations, "
     "revenue by charge type and payments by method.",
     {{"property_id", "uuid", true, "The property.", {}}, day("The business date (YYYY-MM-DD).")}},
    {"audit", "Audit trail", "The hotel's audit trail, filtered like the audit log.", audit_filters(false)},
};

const std::vector<Definition> kAdmin = {
    {"hotels",
     "Hotels overview",
     "Per hotel: status, properties, rooms, users, reservations and room revenue in the range.",
     {from(), to()}},
    {"impersonation-sessions",
     "Impersonation sessions",
     "Support sessions started in the range, with reasons.",
     {from(), to()}},
    {"audit", "Audit trail", "The audit trail across hotels and the platform, filtered like the audit log.",
     audit_filters(true)},
};

}  // namespace

const std::vector<Definition>& catalogue(Panel panel) { return panel == Panel::hotel ? kHotel : kAdmin; }

const Definition* find_report(Panel panel, std::string_view id) {
  for (const auto& d : catalogue(panel)) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::map<std::string, std::string> validate(const Definition& def, const RawParameters& raw, Parameters& out) {
  std::map<std::string, std::string> errors;
  out.values.clear();
  for (const auto& name : raw.wrong_type) errors["parameters." + name] = "must be a string";
  for (const auto& [name, value] : raw.values) {
    bool known = false;
    for (const auto& spec : def.parameters) known = known || spec.name == name;
    if (!known) errors["parameters." + name] = "is not a parameter of this report";
  }
  for (const auto& spec : def.parameters) {
    const auto key = "parameters." + spec.name;
    if (errors.contains(key)) continue;
    const auto it = raw.values.find(spec.name);
    if (it == raw.values.end() || it->second.empty()) {
      if (spec.required) errors[key] = "is required";
      continue;
    }
    const auto& v = it->second;
    if (spec.type == "date") {
      if (!hotel::is_valid_date(v)) {
        errors[key] = "must be a date YYYY-MM-DD";
        continue;
      }
      out.values[spec.name] = v;
    } else if (spec.type == "uuid") {
      if (!is_uuid(v)) {
        errors[key] = "must be a UUID";
        continue;
      }
      out.values[spec.name] = to_lower(v);
    } else if (spec.name == "tenant_id") {
      // The admin audit filter: a tenant's id or "platform".
      if (v != "platform" && !is_uuid(v)) {
        errors[key] = "must be a hotel's id or 'platform'";
        continue;
      }
      out.values[spec.name] = to_lower(v);
    } else {
      if (v.size() > 200 || !is_utf8(v)) {
        errors[key] = "must be UTF-8 text of at most 200 bytes";
        continue;
      }
      out.values[spec.name] = v;
    }
  }
  const auto f = out.get("from");
  const auto t = out.get("to");
  if (f && t) {
    if (auto problem = check_range(*f, *t)) errors[problem->field] = problem->message;
  }
  return errors;
}

std::string file_name(const Definition& def, const Parameters& p, Format f) {
  if (auto d = p.get("date")) return reports::file_name(def.id, d, std::nullopt, f);
  return reports::file_name(def.id, p.get("from"), p.get("to"), f);
}

}  // namespace keycard::reports
