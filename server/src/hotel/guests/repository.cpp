#include "hotel/guests/repository.hpp"

namespace keycard::hotel::guests::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, first_name, last_name, email, phone, id_type, id_number,
  nationality, notes, erased_at, created_by, updated_by, created_at, updated_at, version)sql";

constexpr std::string_view kFind = R"sql(
SELECT id, tenant_id, first_name, last_name, email, phone, id_type, id_number, nationality, notes, erased_at,
  created_by, updated_by, created_at, updated_at, version
FROM guests WHERE tenant_id = $1 AND id = $2)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO guests (tenant_id, id, first_name, last_name, email, phone, id_type, id_number, nationality, notes,
  created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12, 1))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE guests SET first_name = $4, last_name = $5, email = $6, phone = $7, id_type = $8, id_number = $9,
  nationality = $10, notes = $11, erased_at = $12, updated_by = $13, updated_at = $14, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kDelete = "DELETE FROM guests WHERE tenant_id = $1 AND id = $2 AND version = $3";

constexpr std::string_view kWhere = R"sql(
WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL
  OR lower(first_name || ' ' || last_name) LIKE lower($2) ESCAPE '\'
  OR lower(last_name || ' ' || first_name) LIKE lower($2) ESCAPE '\'
  OR lower(email) LIKE lower($2) ESCAPE '\' OR replace(phone, ' ', '') LIKE replace($2, ' ', '') ESCAPE '\'))sql";

Guest to_guest(const db::Row& r) {
  Guest g;
  g.id = r.text(0);
  g.tenant_id = r.text(1);
  g.first_name = r.text(2);
  g.last_name = r.text(3);
  g.email = r.opt_text(4);
  g.phone = r.opt_text(5);
  g.id_type = r.opt_text(6);
  g.id_number = r.opt_text(7);
  g.nationality = r.opt_text(8);
  g.notes = r.opt_text(9);
  g.erased_at = r.opt_text(10);
  g.created_by = r.opt_text(11);
  g.updated_by = r.opt_text(12);
  g.created_at = r.text(13);
  g.updated_at = r.text(14);
  g.version = r.int64(15);
  return g;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Guest& g) {
  tx.exec(kInsert, {scope.tenant_id(), g.id, g.first_name, g.last_name, db::nullable(g.email), db::nullable(g.phone),
                    db::nullable(g.id_type), db::nullable(g.id_number), db::nullable(g.nationality),
                    db::nullable(g.notes), db::nullable(g.created_by), g.created_at});
}

db::Statement find_statement(const access::TenantScope& scope, const std::string& id) {
  return {kFind, {scope.tenant_id(), id}};
}

std::optional<Guest> read_found(const db::Result& result) {
  if (result.rows.empty()) return std::nullopt;
  return to_guest(result.rows.front());
}

std::optional<Guest> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(kFind, {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_guest(*r);
}

std::pair<std::vector<Guest>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                 const ListQuery& q) {
  const db::Params params = {scope.tenant_id(), q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr), q.limit,
                             (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM guests" + std::string(kWhere), db::Params(params.begin(), params.begin() + 2));
  const auto sql = "SELECT " + std::string(kColumns) + " FROM guests" + std::string(kWhere) + " ORDER BY " +
                   q.order_by + ", id LIMIT $3 OFFSET $4";
  std::vector<Guest> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_guest(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Guest& g, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), g.id, version, g.first_name, g.last_name, db::nullable(g.email),
                           db::nullable(g.phone), db::nullable(g.id_type), db::nullable(g.id_number),
                           db::nullable(g.nationality), db::nullable(g.notes), db::nullable(g.erased_at),
                           db::nullable(g.updated_by), g.updated_at})
             .affected == 1;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

}  // namespace keycard::hotel::guests::repo
