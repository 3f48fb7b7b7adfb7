#include "hotel/dashboard/codec.hpp"

#include <boost/json.hpp>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::dashboard {
namespace json = boost::json;

json::object to_json(const Dashboard& d) {
  const auto& f = d.figures;
  json::object out{{"property_id", opt_json(d.property_id)},
                   {"date", d.date},
                   {"arrivals", f.arrivals},
                   {"departures", f.departures},
                   {"in_house", f.in_house},
                   {"rooms_available", f.rooms_available},
                   {"rooms_sold", f.rooms_sold},
                   {"occupancy", d.occupancy},
                   {"open_incidents", f.open_incidents}};
  if (d.currency) {
    const auto& c = *d.currency;
    out["currency"] = c;
    out["room_revenue"] = money(f.room_revenue_minor, c);
    out["adr"] = money(d.adr_minor, c);
    out["revpar"] = money(d.revpar_minor, c);
  } else {
    out["currency"] = nullptr;
    out["room_revenue"] = out["adr"] = out["revpar"] = nullptr;
  }
  return out;
}

}  // namespace keycard::hotel::dashboard
