#include "hotel/incidents/repository.hpp"

namespace keycard::hotel::incidents::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, property_id, room_id, guest_id, reservation_id, assigned_to,
  title, category, severity, status, description, resolved_at, reported_by, updated_by, created_at, updated_at,
  version)sql";

constexpr std::string_view kFind = R"sql(
SELECT id, tenant_id, property_id, room_id, guest_id, reservation_id, assigned_to, title, category, severity, status,
  description, resolved_at, reported_by, updated_by, created_at, updated_at, version
FROM incidents WHERE tenant_id = $1 AND id = $2)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO incidents (tenant_id, id, property_id, room_id, guest_id, reservation_id, assigned_to, title, category,
  severity, status, description, resolved_at, reported_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $15, 1))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE incidents SET property_id = $4, room_id = $5, guest_id = $6, reservation_id = $7, assigned_to = $8,
  title = $9, category = $10, severity = $11, status = $12, description = $13, resolved_at = $14, updated_by = $15,
  updated_at = $16, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kDelete = "DELETE FROM incidents WHERE tenant_id = $1 AND id = $2 AND version = $3";

constexpr std::string_view kOfGuest = R"sql(
SELECT id, tenant_id, property_id, room_id, guest_id, reservation_id, assigned_to, title, category, severity, status,
  description, resolved_at, reported_by, updated_by, created_at, updated_at, version
FROM incidents WHERE tenant_id = $1 AND guest_id = $2 ORDER BY created_at, id)sql";

constexpr std::string_view kIsMember = "SELECT count(*) FROM tenant_users WHERE tenant_id = $1 AND user_id = $2";

constexpr std::string_view kCountOpen = R"sql(
SELECT count(*) FROM incidents WHERE tenant_id = $1 AND status IN ('open','in_progress')
  AND (CAST($2 AS TEXT) IS NULL OR CAST(property_id AS TEXT) = $2))sql";

// property_id is nullable, so its optional filter compares text.
constexpr std::string_view kWhere = R"sql(
WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL OR status = $2) AND (CAST($3 AS TEXT) IS NULL OR severity = $3)
  AND (CAST($4 AS TEXT) IS NULL OR CAST(property_id AS TEXT) = $4)
  AND (CAST($5 AS TEXT) IS NULL OR lower(title) LIKE lower($5) ESCAPE '\' OR lower(category) LIKE lower($5) ESCAPE '\')
  AND ($6 = 0 OR status IN ('open','in_progress')))sql";

Incident to_incident(const db::Row& r) {
  Incident i;
  i.id = r.text(0);
  i.tenant_id = r.text(1);
  i.property_id = r.opt_text(2);
  i.room_id = r.opt_text(3);
  i.guest_id = r.opt_text(4);
  i.reservation_id = r.opt_text(5);
  i.assigned_to = r.opt_text(6);
  i.title = r.text(7);
  i.category = r.text(8);
  i.severity = r.text(9);
  i.status = r.text(10);
  i.description = r.opt_text(11);
  i.resolved_at = r.opt_text(12);
  i.reported_by = r.opt_text(13);
  i.updated_by = r.opt_text(14);
  i.created_at = r.text(15);
  i.updated_at = r.text(16);
  i.version = r.int64(17);
  return i;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Incident& i) {
  tx.exec(kInsert,
          {scope.tenant_id(), i.id, db::nullable(i.property_id), db::nullable(i.room_id), db::nullable(i.guest_id),
           db::nullable(i.reservation_id), db::nullable(i.assigned_to), i.title, i.category, i.severity, i.status,
           db::nullable(i.description), db::nullable(i.resolved_at), db::nullable(i.reported_by), i.created_at});
}

std::optional<Incident> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(kFind, {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_incident(*r);
}

std::pair<std::vector<Incident>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q) {
  const db::Params params = {scope.tenant_id(),
                             db::nullable(q.status),
                             db::nullable(q.severity),
                             db::nullable(q.property_id),
                             q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr),
                             static_cast<std::int64_t>(q.open_only ? 1 : 0),
                             q.limit,
                             (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM incidents" + std::string(kWhere), db::Params(params.begin(), params.begin() + 6));
  const auto sql = "SELECT " + std::string(kColumns) + " FROM incidents" + std::string(kWhere) + " ORDER BY " +
                   q.order_by + ", id LIMIT $7 OFFSET $8";
  std::vector<Incident> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_incident(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Incident& i, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), i.id, version, db::nullable(i.property_id), db::nullable(i.room_id),
                           db::nullable(i.guest_id), db::nullable(i.reservation_id), db::nullable(i.assigned_to),
                           i.title, i.category, i.severity, i.status, db::nullable(i.description),
                           db::nullable(i.resolved_at), db::nullable(i.updated_by), i.updated_at})
             .affected == 1;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

std::vector<Incident> of_guest(db::Transaction& tx, const access::TenantScope& scope, const std::string& guest_id) {
  std::vector<Incident> out;
  for (const auto& r : tx.exec(kOfGuest, {scope.tenant_id(), guest_id}).rows) out.push_back(to_incident(r));
  return out;
}

bool is_member(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id) {
  auto r = tx.one(kIsMember, {scope.tenant_id(), user_id});
  return r && r->int64(0) > 0;
}

std::int64_t count_open(db::Transaction& tx, const access::TenantScope& scope,
                        const std::optional<std::string>& property_id) {
  auto r = tx.one(kCountOpen, {scope.tenant_id(), db::nullable(property_id)});
  return r ? r->int64(0) : 0;
}

}  // namespace keycard::hotel::incidents::repo
