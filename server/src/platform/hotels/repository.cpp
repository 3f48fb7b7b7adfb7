#include "platform/hotels/repository.hpp"

#include "common/clock.hpp"

namespace keycard::platform::hotels::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, name, slug, type, status, status_reason, email, phone, address,
  config, subscription, metadata, created_by, updated_by, created_at, updated_at, deleted_at, version)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO tenants (id, name, slug, type, status, status_reason, email, phone, address, config, subscription,
  metadata, created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $14, 1))sql";

constexpr std::string_view kSetStatus = R"sql(
UPDATE tenants SET status = $3, status_reason = $4, updated_by = $5, updated_at = $6, version = version + 1
WHERE id = $1 AND version = $2)sql";

constexpr std::string_view kCountUsers = "SELECT count(*) FROM tenant_users WHERE tenant_id = $1";

// Filters are bound as parameters; a NULL parameter disables its filter (the
// CAST tells PostgreSQL the type of a parameter it only sees beside NULL).
constexpr std::string_view kWhere = R"sql(
WHERE (CAST($1 AS TEXT) IS NULL OR status = $1) AND (CAST($2 AS TEXT) IS NULL OR type = $2)
  AND (CAST($3 AS TEXT) IS NULL OR lower(name) LIKE $3 OR slug LIKE $3 OR lower(email) LIKE $3)
  AND ($4 = 1 OR deleted_at IS NULL))sql";

Hotel to_hotel(const db::Row& r) {
  Hotel h;
  h.id = r.text(0);
  h.name = r.text(1);
  h.slug = r.text(2);
  h.type = r.text(3);
  h.status = r.text(4);
  h.status_reason = r.opt_text(5);
  h.email = r.text(6);
  h.phone = r.opt_text(7);
  h.address = r.text(8);
  h.config = r.text(9);
  h.subscription = r.text(10);
  h.metadata = r.text(11);
  h.created_by = r.opt_text(12);
  h.updated_by = r.opt_text(13);
  h.created_at = r.text(14);
  h.updated_at = r.text(15);
  h.deleted_at = r.opt_text(16);
  h.version = r.int64(17);
  return h;
}

}  // namespace

void insert(db::Transaction& tx, const Hotel& h) {
  tx.exec(kInsert, {h.id, h.name, h.slug, h.type, h.status, db::nullable(h.status_reason), h.email,
                    db::nullable(h.phone), h.address, h.config, h.subscription, h.metadata,
                    db::nullable(h.created_by), h.created_at});
}

std::optional<Hotel> find(db::Transaction& tx, const std::string& id) {
  auto r = tx.one("SELECT " + std::string(kColumns) + " FROM tenants WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return to_hotel(*r);
}

std::pair<std::vector<Hotel>, std::int64_t> list(db::Transaction& tx, const ListQuery& q) {
  const db::Params params = {db::nullable(q.status), db::nullable(q.type),
                             q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr),
                             static_cast<std::int64_t>(q.include_deleted ? 1 : 0), q.limit, (q.page - 1) * q.limit};
  const auto total_row = tx.one("SELECT count(*) FROM tenants" + std::string(kWhere),
                                db::Params(params.begin(), params.begin() + 4));
  std::vector<Hotel> items;
  const auto sql = "SELECT " + std::string(kColumns) + " FROM tenants" + std::string(kWhere) + " ORDER BY " +
                   q.order_by + ", id LIMIT $5 OFFSET $6";
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_hotel(r));
  return {std::move(items), total_row ? total_row->int64(0) : 0};
}

bool set_status(db::Transaction& tx, const std::string& id, std::int64_t version, const std::string& status,
                const std::string& reason, const std::string& by) {
  return tx.exec(kSetStatus, {id, version, status, reason, by, now_text()}).affected == 1;
}

std::int64_t count_users(db::Transaction& tx, const std::string& tenant_id) {
  auto r = tx.one(kCountUsers, {tenant_id});
  return r ? r->int64(0) : 0;
}

}  // namespace keycard::platform::hotels::repo
