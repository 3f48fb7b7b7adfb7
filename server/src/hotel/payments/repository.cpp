#include "hotel/payments/repository.hpp"

namespace keycard::hotel::payments::repo {
namespace {

constexpr std::string_view kSelect = R"sql(
SELECT p.id, p.tenant_id, p.reservation_id, p.kind, p.refund_of, p.amount_minor, p.currency, p.method, p.reference,
  p.reason, p.created_by, p.created_at,
  (SELECT COALESCE(SUM(x.amount_minor), 0) FROM payments x WHERE x.tenant_id = p.tenant_id AND x.refund_of = p.id)
FROM payments p)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO payments (tenant_id, id, reservation_id, kind, refund_of, amount_minor, currency, method, reference,
  reason, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12))sql";

// Both forms side by side: PostgreSQL locks the row; SQLite's writers are
// serialized by BEGIN IMMEDIATE already.
constexpr std::string_view kLockPostgres = "SELECT id FROM payments WHERE tenant_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kLockSqlite = "SELECT id FROM payments WHERE tenant_id = $1 AND id = $2";

constexpr std::string_view kWhere = R"sql(
WHERE p.tenant_id = $1 AND p.reservation_id = COALESCE($2, p.reservation_id)
  AND (CAST($3 AS TEXT) IS NULL OR p.method = $3) AND (CAST($4 AS TEXT) IS NULL OR p.kind = $4))sql";

Payment to_payment(const db::Row& r) {
  Payment p;
  p.id = r.text(0);
  p.tenant_id = r.text(1);
  p.reservation_id = r.text(2);
  p.kind = r.text(3);
  p.refund_of = r.opt_text(4);
  p.amount_minor = r.int64(5);
  p.currency = r.text(6);
  p.method = r.text(7);
  p.reference = r.opt_text(8);
  p.reason = r.opt_text(9);
  p.created_by = r.opt_text(10);
  p.created_at = r.text(11);
  p.refunded_minor = r.int64(12);
  return p;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Payment& p) {
  tx.exec(kInsert,
          {scope.tenant_id(), p.id, p.reservation_id, p.kind, db::nullable(p.refund_of), p.amount_minor, p.currency,
           p.method, db::nullable(p.reference), db::nullable(p.reason), db::nullable(p.created_by), p.created_at});
}

std::optional<Payment> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(std::string(kSelect) + " WHERE p.tenant_id = $1 AND p.id = $2", {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_payment(*r);
}

std::optional<Payment> find_for_update(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  const auto lock = tx.backend() == db::Backend::postgres ? kLockPostgres : kLockSqlite;
  if (!tx.one(lock, {scope.tenant_id(), id})) return std::nullopt;
  return find(tx, scope, id);
}

std::pair<std::vector<Payment>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                   const ListQuery& q) {
  const db::Params params = {
      scope.tenant_id(), db::nullable(q.reservation_id), db::nullable(q.method), db::nullable(q.kind),
      q.limit,           (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM payments p" + std::string(kWhere), db::Params(params.begin(), params.begin() + 4));
  const auto sql =
      std::string(kSelect) + std::string(kWhere) + " ORDER BY p." + q.order_by + ", p.id LIMIT $5 OFFSET $6";
  std::vector<Payment> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_payment(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

std::vector<Payment> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::string& reservation_id) {
  std::vector<Payment> out;
  const auto sql =
      std::string(kSelect) + " WHERE p.tenant_id = $1 AND p.reservation_id = $2 ORDER BY p.created_at, p.id";
  for (const auto& r : tx.exec(sql, {scope.tenant_id(), reservation_id}).rows) out.push_back(to_payment(r));
  return out;
}

}  // namespace keycard::hotel::payments::repo
