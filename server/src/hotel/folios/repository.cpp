#include "hotel/folios/repository.hpp"

#include "db/rows.hpp"

namespace keycard::hotel::folios::repo {
namespace {

constexpr std::string_view kSelect = R"sql(
SELECT f.id, f.tenant_id, f.reservation_id, f.kind, f.charge_type, f.business_date, f.room_night, f.description,
  f.quantity, f.unit_price_minor, f.amount_minor, f.currency, f.corrects, f.reason, f.posted_by, f.created_at,
  (SELECT COALESCE(-SUM(c.amount_minor), 0) FROM folio_lines c WHERE c.tenant_id = f.tenant_id AND c.corrects = f.id)
    AS corrected_minor
FROM folio_lines f)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO folio_lines (tenant_id, id, reservation_id, property_id, kind, charge_type, business_date, room_night,
  description, quantity, unit_price_minor, amount_minor, currency, corrects, reason, posted_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17))sql";

constexpr std::string_view kPostedNights = R"sql(
SELECT room_night FROM folio_lines WHERE tenant_id = $1 AND reservation_id = $2 AND room_night IS NOT NULL
ORDER BY room_night)sql";

Line to_line(const db::NamedRow& r) {
  Line l;
  l.id = r.text("id");
  l.tenant_id = r.text("tenant_id");
  l.reservation_id = r.text("reservation_id");
  l.kind = r.text("kind");
  l.charge_type = r.opt_text("charge_type");
  l.business_date = r.text("business_date");
  l.room_night = r.opt_text("room_night");
  l.description = r.text("description");
  l.quantity = r.int64("quantity");
  l.unit_price_minor = r.int64("unit_price_minor");
  l.amount_minor = r.int64("amount_minor");
  l.currency = r.text("currency");
  l.corrects = r.opt_text("corrects");
  l.reason = r.opt_text("reason");
  l.posted_by = r.opt_text("posted_by");
  l.created_at = r.text("created_at");
  l.corrected_minor = r.int64("corrected_minor");
  return l;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id, const Line& l) {
  tx.exec(kInsert,
          {scope.tenant_id(), l.id, l.reservation_id, property_id, l.kind, db::nullable(l.charge_type), l.business_date,
           db::nullable(l.room_night), l.description, l.quantity, l.unit_price_minor, l.amount_minor, l.currency,
           db::nullable(l.corrects), db::nullable(l.reason), db::nullable(l.posted_by), l.created_at});
}

std::vector<Line> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                 const std::string& reservation_id) {
  static const std::string kSql =
      std::string(kSelect) + " WHERE f.tenant_id = $1 AND f.reservation_id = $2 ORDER BY f.created_at, f.id";
  return db::map_rows(tx.exec(kSql, {scope.tenant_id(), reservation_id}), to_line);
}

std::optional<Line> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id,
                         const std::string& line_id) {
  static const std::string kSql =
      std::string(kSelect) + " WHERE f.tenant_id = $1 AND f.reservation_id = $2 AND f.id = $3";
  return db::map_first(tx.exec(kSql, {scope.tenant_id(), reservation_id, line_id}), to_line);
}

std::vector<std::string> posted_nights(db::Transaction& tx, const access::TenantScope& scope,
                                       const std::string& reservation_id) {
  return db::map_rows(tx.exec(kPostedNights, {scope.tenant_id(), reservation_id}),
                      [](const db::NamedRow& r) { return r.text("room_night"); });
}

}  // namespace keycard::hotel::folios::repo
