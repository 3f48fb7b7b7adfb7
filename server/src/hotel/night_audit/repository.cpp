#include "hotel/night_audit/repository.hpp"

#include "db/rows.hpp"

namespace keycard::hotel::night_audit::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, property_id, business_date, room_charges_posted,
  amount_posted_minor, room_revenue_minor, currency, no_shows, cancelled, rooms_available, rooms_sold, forced, reason,
  run_by, created_at)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO night_audits (tenant_id, id, property_id, business_date, room_charges_posted, amount_posted_minor,
  room_revenue_minor, currency, no_shows, cancelled, rooms_available, rooms_sold, forced, reason, run_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16))sql";

constexpr std::string_view kScheduled = R"sql(
SELECT p.tenant_id, p.id, p.timezone, p.business_date, p.night_audit_time
FROM properties p JOIN tenants t ON t.id = p.tenant_id
WHERE p.status = 'active' AND t.status IN ('TRIAL','ACTIVE')
ORDER BY p.tenant_id, p.id)sql";

Summary to_summary(const db::NamedRow& r) {
  Summary s;
  s.id = r.text("id");
  s.tenant_id = r.text("tenant_id");
  s.property_id = r.text("property_id");
  s.business_date = r.text("business_date");
  s.room_charges_posted = r.int64("room_charges_posted");
  s.amount_posted_minor = r.int64("amount_posted_minor");
  s.currency = r.text("currency");
  s.no_shows = r.int64("no_shows");
  s.cancelled = r.int64("cancelled");
  s.rooms_available = r.int64("rooms_available");
  s.rooms_sold = r.int64("rooms_sold");
  s.forced = r.boolean("forced");
  s.reason = r.opt_text("reason");
  s.run_by = r.opt_text("run_by");
  s.created_at = r.text("created_at");
  s.room_revenue_minor = r.int64("room_revenue_minor");
  return s;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Summary& s) {
  tx.exec(kInsert, {scope.tenant_id(), s.id, s.property_id, s.business_date, s.room_charges_posted,
                    s.amount_posted_minor, s.room_revenue_minor, s.currency, s.no_shows, s.cancelled, s.rooms_available,
                    s.rooms_sold, s.forced, db::nullable(s.reason), db::nullable(s.run_by), s.created_at});
}

std::optional<Summary> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id,
                            const std::string& business_date) {
  static const std::string kSql = "SELECT " + std::string(kColumns) +
                                  " FROM night_audits WHERE tenant_id = $1 AND property_id = $2 AND business_date = $3";
  return db::map_first(tx.exec(kSql, {scope.tenant_id(), property_id, business_date}), to_summary);
}

std::pair<std::vector<Summary>, std::int64_t> of_property(db::Transaction& tx, const access::TenantScope& scope,
                                                          const std::string& property_id, const PageOf& page) {
  db::PageQuery q{"SELECT " + std::string(kColumns) + " FROM night_audits",
                  "SELECT count(*) FROM night_audits",
                  {},
                  page.order_by + ", id",
                  page.page,
                  page.limit};
  q.filter.add("tenant_id = ?", scope.tenant_id());
  q.filter.add("property_id = ?", property_id);
  auto rows = db::fetch_page(tx, q);
  return {db::map_rows(rows.rows, to_summary), rows.total};
}

std::vector<ScheduledProperty> scheduled_properties(db::Transaction& platform_tx) {
  return db::map_rows(platform_tx.exec(kScheduled, {}), [](const db::NamedRow& r) {
    return ScheduledProperty{r.text("tenant_id"), r.text("id"), r.text("timezone"), r.text("business_date"),
                             r.text("night_audit_time")};
  });
}

}  // namespace keycard::hotel::night_audit::repo
