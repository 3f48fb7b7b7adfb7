#include "hotel/dashboard/repository.hpp"

namespace keycard::hotel::dashboard::repo {
namespace {

constexpr std::string_view kRoomsAvailable = R"sql(
SELECT count(*) FROM rooms
WHERE tenant_id = $1 AND property_id = COALESCE($2, property_id) AND status <> 'out_of_order')sql";

// One pass over the reservations touching the date.
constexpr std::string_view kReservations = R"sql(
SELECT
  COALESCE(SUM(CASE WHEN check_in_date = $3 AND status IN ('pending','confirmed','checked_in','checked_out')
                    THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN check_out_date = $3 AND status IN ('pending','confirmed','checked_in','checked_out')
                    THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN status = 'checked_in' AND check_in_date <= $3 AND $3 < check_out_date
                    THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN status IN ('confirmed','checked_in','checked_out') AND check_in_date <= $3
                         AND $3 < check_out_date THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN status IN ('confirmed','checked_in','checked_out') AND check_in_date <= $3
                         AND $3 < check_out_date THEN rate_minor ELSE 0 END), 0)
FROM reservations
WHERE tenant_id = $1 AND property_id = COALESCE($2, property_id) AND check_in_date <= $3
  AND check_out_date >= $3)sql";

constexpr std::string_view kOpenIncidents = R"sql(
SELECT count(*) FROM incidents WHERE tenant_id = $1 AND status IN ('open','in_progress')
  AND (CAST($2 AS TEXT) IS NULL OR CAST(property_id AS TEXT) = $2))sql";

constexpr std::string_view kCurrencies = R"sql(
SELECT DISTINCT currency FROM properties WHERE tenant_id = $1 AND id = COALESCE($2, id) ORDER BY currency)sql";

}  // namespace

Figures figures(db::Transaction& tx, const access::TenantScope& scope, const std::optional<std::string>& property_id,
                const std::string& date) {
  Figures f;
  const db::Param property = db::nullable(property_id);
  if (auto r = tx.one(kRoomsAvailable, {scope.tenant_id(), property})) f.rooms_available = r->int64(0);
  if (auto r = tx.one(kReservations, {scope.tenant_id(), property, date})) {
    f.arrivals = r->int64(0);
    f.departures = r->int64(1);
    f.in_house = r->int64(2);
    f.rooms_sold = r->int64(3);
    f.room_revenue_minor = r->int64(4);
  }
  if (auto r = tx.one(kOpenIncidents, {scope.tenant_id(), property})) f.open_incidents = r->int64(0);
  return f;
}

std::vector<std::string> currencies(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::optional<std::string>& property_id) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec(kCurrencies, {scope.tenant_id(), db::nullable(property_id)}).rows) {
    out.push_back(r.text(0));
  }
  return out;
}

}  // namespace keycard::hotel::dashboard::repo
