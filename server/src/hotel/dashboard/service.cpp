#include "hotel/dashboard/service.hpp"

#include <boost/json.hpp>

#include <cmath>

#include "common/errors.hpp"
#include "hotel/dashboard/repository.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"
#include "request/context.hpp"

namespace keycard::hotel::dashboard {
namespace json = boost::json;
namespace {

// a / b rounded half away from zero, 0 when b is 0.
std::int64_t ratio(std::int64_t a, std::int64_t b) {
  if (b == 0) return 0;
  return (2 * a + b) / (2 * b);
}

}  // namespace

json::object get(request::Context& ctx, const std::optional<std::string>& property_id,
                 const std::optional<std::string>& date) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::read, scope);
  std::string day;
  if (property_id) {
    auto p = properties::repo::find(tx, scope, *property_id);
    if (!p) throw NotFound("There is no property with this id.");
    day = date.value_or(tz::local_date(p->timezone, std::chrono::system_clock::now()));
  } else {
    day = date.value_or(tz::local_date("UTC", std::chrono::system_clock::now()));
  }
  const auto f = repo::figures(tx, scope, property_id, day);
  const auto currencies = repo::currencies(tx, scope, property_id);
  tx.commit();

  json::object out{{"property_id", opt_json(property_id)},
                   {"date", day},
                   {"arrivals", f.arrivals},
                   {"departures", f.departures},
                   {"in_house", f.in_house},
                   {"rooms_available", f.rooms_available},
                   {"rooms_sold", f.rooms_sold},
                   {"occupancy", f.rooms_available == 0 ? 0.0
                                                        : std::round(10000.0 * static_cast<double>(f.rooms_sold) /
                                                                     static_cast<double>(f.rooms_available)) /
                                                              10000.0},
                   {"open_incidents", f.open_incidents}};
  // Money adds up only within one currency.
  if (currencies.size() == 1) {
    const auto& c = currencies.front();
    out["currency"] = c;
    out["room_revenue"] = money(f.room_revenue_minor, c);
    out["adr"] = money(ratio(f.room_revenue_minor, f.rooms_sold), c);
    out["revpar"] = money(ratio(f.room_revenue_minor, f.rooms_available), c);
  } else {
    out["currency"] = nullptr;
    out["room_revenue"] = out["adr"] = out["revpar"] = nullptr;
  }
  return out;
}

}  // namespace keycard::hotel::dashboard
