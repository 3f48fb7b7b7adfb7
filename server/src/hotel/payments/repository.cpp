#include "hotel/payments/repository.hpp"

#include "db/rows.hpp"

namespace keycard::hotel::payments::repo {
namespace {

constexpr std::string_view kSelect = R"sql(
SELECT p.id, p.tenant_id, p.reservation_id, p.kind, p.refund_of, p.amount_minor, p.currency, p.method, p.reference,
  p.reason, p.created_by, p.business_date, p.created_at,
  (SELECT COALESCE(SUM(x.amount_minor), 0) FROM payments x WHERE x.tenant_id = p.tenant_id AND x.refund_of = p.id)
    AS refunded_minor
FROM payments p)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO payments (tenant_id, id, reservation_id, kind, refund_of, amount_minor, currency, method, reference,
  reason, created_by, business_date, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))sql";

// Both forms side by side: PostgreSQL locks the row; SQLite's writers are
// serialized by BEGIN IMMEDIATE already.
constexpr std::string_view kLockPostgres = "SELECT id FROM payments WHERE tenant_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kLockSqlite = "SELECT id FROM payments WHERE tenant_id = $1 AND id = $2";

Payment to_payment(const db::NamedRow& r) {
  Payment p;
  p.id = r.text("id");
  p.tenant_id = r.text("tenant_id");
  p.reservation_id = r.text("reservation_id");
  p.kind = r.text("kind");
  p.refund_of = r.opt_text("refund_of");
  p.amount_minor = r.int64("amount_minor");
  p.currency = r.text("currency");
  p.method = r.text("method");
  p.reference = r.opt_text("reference");
  p.reason = r.opt_text("reason");
  p.created_by = r.opt_text("created_by");
  p.business_date = r.opt_text("business_date");
  p.created_at = r.text("created_at");
  p.refunded_minor = r.int64("refunded_minor");
  return p;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Payment& p) {
  tx.exec(kInsert, {scope.tenant_id(), p.id, p.reservation_id, p.kind, db::nullable(p.refund_of), p.amount_minor,
                    p.currency, p.method, db::nullable(p.reference), db::nullable(p.reason), db::nullable(p.created_by),
                    db::nullable(p.business_date), p.created_at});
}

std::optional<Payment> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  return db::map_first(tx.exec(std::string(kSelect) + " WHERE p.tenant_id = $1 AND p.id = $2", {scope.tenant_id(), id}),
                       to_payment);
}

std::optional<Payment> find_for_update(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  const auto lock = tx.backend() == db::Backend::postgres ? kLockPostgres : kLockSqlite;
  if (!tx.one(lock, {scope.tenant_id(), id})) return std::nullopt;
  return find(tx, scope, id);
}

std::pair<std::vector<Payment>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                   const ListQuery& q) {
  db::PageQuery page{
      std::string(kSelect), "SELECT count(*) FROM payments p", {}, "p." + q.order_by + ", p.id", q.page, q.limit};
  page.filter.add("p.tenant_id = ?", scope.tenant_id());
  if (q.reservation_id) page.filter.add("p.reservation_id = ?", *q.reservation_id);
  if (q.method) page.filter.add("p.method = ?", *q.method);
  if (q.kind) page.filter.add("p.kind = ?", *q.kind);
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_payment), rows.total};
}

std::vector<Payment> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::string& reservation_id) {
  const auto sql =
      std::string(kSelect) + " WHERE p.tenant_id = $1 AND p.reservation_id = $2 ORDER BY p.created_at, p.id";
  return db::map_rows(tx.exec(sql, {scope.tenant_id(), reservation_id}), to_payment);
}

}  // namespace keycard::hotel::payments::repo
