#include "hotel/incidents/repository.hpp"

#include "db/filter.hpp"
#include "db/rows.hpp"
#include "hotel/incidents/rules.hpp"

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

constexpr std::string_view kIsMember = "SELECT count(*) AS n FROM tenant_users WHERE tenant_id = $1 AND user_id = $2";

std::string count_open_sql() {
  return "SELECT count(*) AS n FROM incidents WHERE tenant_id = $1 AND status IN " + rules::open_statuses_sql() +
         " AND (CAST($2 AS TEXT) IS NULL OR CAST(property_id AS TEXT) = $2)";
}

Incident to_incident(const db::NamedRow& r) {
  Incident i;
  i.id = r.text("id");
  i.tenant_id = r.text("tenant_id");
  i.property_id = r.opt_text("property_id");
  i.room_id = r.opt_text("room_id");
  i.guest_id = r.opt_text("guest_id");
  i.reservation_id = r.opt_text("reservation_id");
  i.assigned_to = r.opt_text("assigned_to");
  i.title = r.text("title");
  i.category = r.text("category");
  i.severity = r.text("severity");
  i.status = r.text("status");
  i.description = r.opt_text("description");
  i.resolved_at = r.opt_text("resolved_at");
  i.reported_by = r.opt_text("reported_by");
  i.updated_by = r.opt_text("updated_by");
  i.created_at = r.text("created_at");
  i.updated_at = r.text("updated_at");
  i.version = r.int64("version");
  return i;
}

std::int64_t count_of(const db::Result& result) {
  return db::map_first(result, [](const db::NamedRow& r) { return r.int64("n"); }).value_or(0);
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Incident& i) {
  tx.exec(kInsert,
          {scope.tenant_id(), i.id, db::nullable(i.property_id), db::nullable(i.room_id), db::nullable(i.guest_id),
           db::nullable(i.reservation_id), db::nullable(i.assigned_to), i.title, i.category, i.severity, i.status,
           db::nullable(i.description), db::nullable(i.resolved_at), db::nullable(i.reported_by), i.created_at});
}

std::optional<Incident> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  return db::map_first(tx.exec(kFind, {scope.tenant_id(), id}), to_incident);
}

std::pair<std::vector<Incident>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q) {
  db::PageQuery page;
  page.select = "SELECT " + std::string(kColumns) + " FROM incidents";
  page.count_from = "SELECT count(*) FROM incidents";
  page.filter.add("tenant_id = ?", scope.tenant_id());
  if (q.status) page.filter.add("status = ?", *q.status);
  if (q.severity) page.filter.add("severity = ?", *q.severity);
  if (q.property_id) page.filter.add("property_id = ?", *q.property_id);
  if (q.q) {
    page.filter.add("(lower(title) LIKE lower(?) ESCAPE '\\' OR lower(category) LIKE lower(?) ESCAPE '\\')",
                    "%" + *q.q + "%");
  }
  if (q.open_only) page.filter.add_fixed("status IN " + rules::open_statuses_sql());
  page.order_by = q.order_by + ", id";
  page.page = q.page;
  page.limit = q.limit;
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_incident), rows.total};
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
  return db::map_rows(tx.exec(kOfGuest, {scope.tenant_id(), guest_id}), to_incident);
}

bool is_member(db::Transaction& tx, const access::TenantScope& scope, const std::string& user_id) {
  return count_of(tx.exec(kIsMember, {scope.tenant_id(), user_id})) > 0;
}

std::int64_t count_open(db::Transaction& tx, const access::TenantScope& scope,
                        const std::optional<std::string>& property_id) {
  static const std::string sql = count_open_sql();
  return count_of(tx.exec(sql, {scope.tenant_id(), db::nullable(property_id)}));
}

}  // namespace keycard::hotel::incidents::repo
