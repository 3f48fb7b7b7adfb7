#include "hotel/dashboard/repository.hpp"

#include "db/rows.hpp"
#include "hotel/incidents/rules.hpp"

namespace keycard::hotel::dashboard::repo {
namespace {

constexpr std::string_view kRoomsAvailable = R"sql(
SELECT count(*) AS rooms_available FROM rooms
WHERE tenant_id = $1 AND property_id = COALESCE($2, property_id) AND status <> 'out_of_order')sql";

// One pass over the reservations touching the date.
constexpr std::string_view kReservations = R"sql(
SELECT
  COALESCE(SUM(CASE WHEN check_in_date = $3 AND status IN ('pending','confirmed','checked_in','checked_out')
                    THEN 1 ELSE 0 END), 0) AS arrivals,
  COALESCE(SUM(CASE WHEN check_out_date = $3 AND status IN ('pending','confirmed','checked_in','checked_out')
                    THEN 1 ELSE 0 END), 0) AS departures,
  COALESCE(SUM(CASE WHEN status = 'checked_in' AND check_in_date <= $3 AND $3 < check_out_date
                    THEN 1 ELSE 0 END), 0) AS in_house,
  COALESCE(SUM(CASE WHEN status IN ('confirmed','checked_in','checked_out') AND check_in_date <= $3
                         AND $3 < check_out_date THEN 1 ELSE 0 END), 0) AS rooms_sold,
  COALESCE(SUM(CASE WHEN status IN ('confirmed','checked_in','checked_out') AND check_in_date <= $3
                         AND $3 < check_out_date THEN rate_minor ELSE 0 END), 0) AS room_revenue_minor
FROM reservations
WHERE tenant_id = $1 AND property_id = COALESCE($2, property_id) AND check_in_date <= $3
  AND check_out_date >= $3)sql";

// Open incidents: the statuses incidents::rules calls open.
const std::string& open_incidents_sql() {
  static const std::string sql =
      "SELECT count(*) AS open_incidents FROM incidents WHERE tenant_id = $1 AND status IN " +
      incidents::rules::open_statuses_sql() + " AND (CAST($2 AS TEXT) IS NULL OR CAST(property_id AS TEXT) = $2)";
  return sql;
}

constexpr std::string_view kCurrencies = R"sql(
SELECT DISTINCT currency FROM properties WHERE tenant_id = $1 AND id = COALESCE($2, id) ORDER BY currency)sql";

// A one-row count or sum, 0 when there is no row.
std::int64_t first_int(const db::Result& result, std::string_view column) {
  return db::map_first(result, [&](const db::NamedRow& r) { return r.int64(column); }).value_or(0);
}

}  // namespace

Figures figures(db::Transaction& tx, const access::TenantScope& scope, const std::optional<std::string>& property_id,
                const std::string& date) {
  Figures f;
  const db::Param property = db::nullable(property_id);
  f.rooms_available = first_int(tx.exec(kRoomsAvailable, {scope.tenant_id(), property}), "rooms_available");
  if (auto r = db::map_first(tx.exec(kReservations, {scope.tenant_id(), property, date}), [](const db::NamedRow& r) {
        Figures sold;
        sold.arrivals = r.int64("arrivals");
        sold.departures = r.int64("departures");
        sold.in_house = r.int64("in_house");
        sold.rooms_sold = r.int64("rooms_sold");
        sold.room_revenue_minor = r.int64("room_revenue_minor");
        return sold;
      })) {
    f.arrivals = r->arrivals;
    f.departures = r->departures;
    f.in_house = r->in_house;
    f.rooms_sold = r->rooms_sold;
    f.room_revenue_minor = r->room_revenue_minor;
  }
  f.open_incidents = first_int(tx.exec(open_incidents_sql(), {scope.tenant_id(), property}), "open_incidents");
  return f;
}

std::vector<std::string> currencies(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::optional<std::string>& property_id) {
  return db::map_rows(tx.exec(kCurrencies, {scope.tenant_id(), db::nullable(property_id)}),
                      [](const db::NamedRow& r) { return r.text("currency"); });
}

}  // namespace keycard::hotel::dashboard::repo
