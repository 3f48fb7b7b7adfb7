#include "hotel/dashboard/service.hpp"

#include <chrono>

#include "common/errors.hpp"
#include "hotel/dashboard/repository.hpp"
#include "hotel/dashboard/rules.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/shared/timezone.hpp"
#include "request/context.hpp"

namespace keycard::hotel::dashboard {

Dashboard get(request::Context& ctx, const std::optional<std::string>& property_id,
              const std::optional<std::string>& date) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::read, scope);
  Dashboard d;
  d.property_id = property_id;
  if (property_id) {
    auto p = properties::repo::find(tx, scope, *property_id);
    if (!p) throw NotFound("There is no property with this id.");
    d.date = date.value_or(tz::local_date(p->timezone, std::chrono::system_clock::now()));
  } else {
    d.date = date.value_or(tz::local_date("UTC", std::chrono::system_clock::now()));
  }
  d.figures = repo::figures(tx, scope, property_id, d.date);
  const auto currencies = repo::currencies(tx, scope, property_id);
  tx.commit();
  const auto& f = d.figures;
  d.occupancy = rules::occupancy(f.rooms_sold, f.rooms_available);
  d.currency = rules::single_currency(currencies);
  d.adr_minor = rules::adr_minor(f.room_revenue_minor, f.rooms_sold);
  d.revpar_minor = rules::revpar_minor(f.room_revenue_minor, f.rooms_available);
  return d;
}

}  // namespace keycard::hotel::dashboard
