#include "hotel/properties/repository.hpp"

#include "db/rows.hpp"

namespace keycard::hotel::properties::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, name, code, timezone, currency, address, check_in_time,
  check_out_time, status, business_date, last_audit_date, night_audit_time, vat_rate_bp, created_by, updated_by,
  created_at, updated_at, version)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO properties (tenant_id, id, name, code, timezone, currency, address, check_in_time, check_out_time,
  status, business_date, night_audit_time, vat_rate_bp, created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $15, 1))sql";

const std::string& find_sql() {
  static const std::string kFind =
      "SELECT " + std::string(kColumns) + " FROM properties WHERE tenant_id = $1 AND id = $2";
  return kFind;
}

constexpr std::string_view kUpdate = R"sql(
UPDATE properties SET name = $4, code = $5, timezone = $6, currency = $7, address = $8, check_in_time = $9,
  check_out_time = $10, status = $11, night_audit_time = $12, vat_rate_bp = $13, updated_by = $14, updated_at = $15,
  version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kHasReservations =
    "SELECT count(*) AS n FROM reservations WHERE tenant_id = $1 AND property_id = $2";

constexpr std::string_view kDelete = "DELETE FROM properties WHERE tenant_id = $1 AND id = $2 AND version = $3";

Property to_property(const db::NamedRow& r) {
  Property p;
  p.id = r.text("id");
  p.tenant_id = r.text("tenant_id");
  p.name = r.text("name");
  p.code = r.text("code");
  p.timezone = r.text("timezone");
  p.currency = r.text("currency");
  p.address = r.opt_text("address");
  p.check_in_time = r.text("check_in_time");
  p.check_out_time = r.text("check_out_time");
  p.status = r.text("status");
  p.business_date = r.text("business_date");
  p.last_audit_date = r.opt_text("last_audit_date");
  p.night_audit_time = r.text("night_audit_time");
  p.vat_rate_bp = r.int64("vat_rate_bp");
  p.created_by = r.opt_text("created_by");
  p.updated_by = r.opt_text("updated_by");
  p.created_at = r.text("created_at");
  p.updated_at = r.text("updated_at");
  p.version = r.int64("version");
  return p;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Property& p) {
  tx.exec(kInsert, {scope.tenant_id(), p.id, p.name, p.code, p.timezone, p.currency, db::nullable(p.address),
                    p.check_in_time, p.check_out_time, p.status, p.business_date, p.night_audit_time, p.vat_rate_bp,
                    db::nullable(p.created_by), p.created_at});
}

db::Statement find_statement(const access::TenantScope& scope, const std::string& id) {
  return {find_sql(), {scope.tenant_id(), id}};
}

std::optional<Property> read_found(const db::Result& result) { return db::map_first(result, to_property); }

std::optional<Property> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto s = find_statement(scope, id);
  return read_found(tx.exec(s.sql, s.params));
}

std::pair<std::vector<Property>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q) {
  db::PageQuery page{"SELECT " + std::string(kColumns) + " FROM properties",
                     "SELECT count(*) FROM properties",
                     {},
                     q.order_by + ", id",
                     q.page,
                     q.limit};
  page.filter.add("tenant_id = ?", scope.tenant_id());
  if (q.status) page.filter.add("status = ?", *q.status);
  if (q.q) {
    page.filter.add("(lower(name) LIKE lower(?) ESCAPE '\\' OR lower(code) LIKE lower(?) ESCAPE '\\')",
                    "%" + *q.q + "%");
  }
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_property), rows.total};
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Property& p, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), p.id, version, p.name, p.code, p.timezone, p.currency,
                           db::nullable(p.address), p.check_in_time, p.check_out_time, p.status, p.night_audit_time,
                           p.vat_rate_bp, db::nullable(p.updated_by), p.updated_at})
             .affected == 1;
}

bool has_reservations(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  const auto n = db::map_first(tx.exec(kHasReservations, {scope.tenant_id(), id}),
                               [](const db::NamedRow& r) { return r.int64("n"); });
  return n.value_or(0) > 0;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

bool lock(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, bool exclusive) {
  constexpr std::string_view kSelectId = "SELECT id FROM properties WHERE tenant_id = $1 AND id = $2";
  if (tx.backend() != db::Backend::postgres) return tx.one(kSelectId, {scope.tenant_id(), id}).has_value();
  // NO KEY UPDATE: it waits for the postings' FOR SHARE, but not for the
  // foreign-key checks of rows that merely point at the property.
  const auto sql = std::string(kSelectId) + (exclusive ? " FOR NO KEY UPDATE" : " FOR SHARE");
  return tx.one(sql, {scope.tenant_id(), id}).has_value();
}

void close_day(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, const std::string& closed,
               const std::string& next) {
  tx.exec("UPDATE properties SET last_audit_date = $3, business_date = $4 WHERE tenant_id = $1 AND id = $2",
          {scope.tenant_id(), id, closed, next});
}

}  // namespace keycard::hotel::properties::repo
