#include "platform/hotels/repository.hpp"

#include "common/clock.hpp"
#include "db/filter.hpp"

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

constexpr std::string_view kUpdate = R"sql(
UPDATE tenants SET name = $3, type = $4, email = $5, phone = $6, address = $7, config = $8, subscription = $9,
  metadata = $10, updated_by = $11, updated_at = $12, version = version + 1
WHERE id = $1 AND version = $2)sql";

constexpr std::string_view kSoftDelete = R"sql(
UPDATE tenants SET deleted_at = $4, status = 'CANCELLED', status_reason = 'deleted', updated_by = $3,
  updated_at = $4, version = version + 1
WHERE id = $1 AND version = $2 AND deleted_at IS NULL)sql";

constexpr std::string_view kRevokeSessions = R"sql(
UPDATE refresh_sessions SET revoked_at = $2, revoked_reason = 'tenant_deleted'
WHERE tenant_id = $1 AND revoked_at IS NULL)sql";
constexpr std::string_view kEndImpersonations = R"sql(
UPDATE impersonation_sessions SET ended_at = $2, end_reason = 'tenant_deleted'
WHERE tenant_id = $1 AND ended_at IS NULL)sql";

// One round trip for the counts on a hotel's detail page.
constexpr std::string_view kCounts = R"sql(
SELECT (SELECT count(*) FROM properties WHERE tenant_id = $1),
       (SELECT count(*) FROM rooms WHERE tenant_id = $1),
       (SELECT count(*) FROM tenant_users WHERE tenant_id = $1),
       (SELECT count(*) FROM reservations WHERE tenant_id = $1))sql";

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
  tx.exec(kInsert,
          {h.id, h.name, h.slug, h.type, h.status, db::nullable(h.status_reason), h.email, db::nullable(h.phone),
           h.address, h.config, h.subscription, h.metadata, db::nullable(h.created_by), h.created_at});
}

std::optional<Hotel> find(db::Transaction& tx, const std::string& id) {
  auto r = tx.one("SELECT " + std::string(kColumns) + " FROM tenants WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return to_hotel(*r);
}

std::pair<std::vector<Hotel>, std::int64_t> list(db::Transaction& tx, const ListQuery& q) {
  db::Filter f;
  if (q.status) f.add("status = ?", *q.status);
  if (q.type) f.add("type = ?", *q.type);
  // q arrives with % _ \ escaped (api.cpp), so they match themselves.
  if (q.q) {
    f.add(R"sql((lower(name) LIKE ? ESCAPE '\' OR slug LIKE ? ESCAPE '\' OR lower(email) LIKE ? ESCAPE '\'))sql",
          "%" + *q.q + "%");
  }
  if (!q.include_deleted) f.add_fixed("deleted_at IS NULL");
  const auto total_row = tx.one("SELECT count(*) FROM tenants" + f.where(), f.params());
  const auto sql = "SELECT " + std::string(kColumns) + " FROM tenants" + f.where() + " ORDER BY " + q.order_by +
                   ", id LIMIT " + f.bind(q.limit) + " OFFSET " + f.bind((q.page - 1) * q.limit);
  std::vector<Hotel> items;
  for (const auto& r : tx.exec(sql, f.params()).rows) items.push_back(to_hotel(r));
  return {std::move(items), total_row ? total_row->int64(0) : 0};
}

bool set_status(db::Transaction& tx, const std::string& id, std::int64_t version, const std::string& status,
                const std::string& reason, const std::string& by) {
  return tx.exec(kSetStatus, {id, version, status, reason, by, now_text()}).affected == 1;
}

bool update(db::Transaction& tx, const Hotel& h, std::int64_t version, const std::string& by) {
  return tx.exec(kUpdate, {h.id, version, h.name, h.type, h.email, db::nullable(h.phone), h.address, h.config,
                           h.subscription, h.metadata, by, now_text()})
             .affected == 1;
}

bool soft_delete(db::Transaction& tx, const std::string& id, std::int64_t version, const std::string& by) {
  return tx.exec(kSoftDelete, {id, version, by, now_text()}).affected == 1;
}

void revoke_sessions(db::Transaction& tx, const std::string& tenant_id) {
  const auto now = now_text();
  tx.exec(kRevokeSessions, {tenant_id, now});
  tx.exec(kEndImpersonations, {tenant_id, now});
}

HotelCounts counts(db::Transaction& tx, const std::string& tenant_id) {
  auto r = tx.one(kCounts, {tenant_id});
  return HotelCounts{r->int64(0), r->int64(1), r->int64(2), r->int64(3)};
}

}  // namespace keycard::platform::hotels::repo
