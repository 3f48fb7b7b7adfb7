#include "hotel/guests/repository.hpp"

#include "db/filter.hpp"
#include "db/rows.hpp"

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

// A search matches the name either way round, the email, or the phone
// ignoring spaces.
constexpr std::string_view kSearch = R"sql((lower(first_name || ' ' || last_name) LIKE lower(?) ESCAPE '\'
  OR lower(last_name || ' ' || first_name) LIKE lower(?) ESCAPE '\'
  OR lower(email) LIKE lower(?) ESCAPE '\' OR replace(phone, ' ', '') LIKE replace(?, ' ', '') ESCAPE '\'))sql";

Guest to_guest(const db::NamedRow& r) {
  Guest g;
  g.id = r.text("id");
  g.tenant_id = r.text("tenant_id");
  g.first_name = r.text("first_name");
  g.last_name = r.text("last_name");
  g.email = r.opt_text("email");
  g.phone = r.opt_text("phone");
  g.id_type = r.opt_text("id_type");
  g.id_number = r.opt_text("id_number");
  g.nationality = r.opt_text("nationality");
  g.notes = r.opt_text("notes");
  g.erased_at = r.opt_text("erased_at");
  g.created_by = r.opt_text("created_by");
  g.updated_by = r.opt_text("updated_by");
  g.created_at = r.text("created_at");
  g.updated_at = r.text("updated_at");
  g.version = r.int64("version");
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

std::optional<Guest> read_found(const db::Result& result) { return db::map_first(result, to_guest); }

std::optional<Guest> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  return read_found(tx.exec(kFind, {scope.tenant_id(), id}));
}

std::pair<std::vector<Guest>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                 const ListQuery& q) {
  db::PageQuery page;
  page.select = "SELECT " + std::string(kColumns) + " FROM guests";
  page.count_from = "SELECT count(*) FROM guests";
  page.filter.add("tenant_id = ?", scope.tenant_id());
  if (q.q) page.filter.add(kSearch, "%" + *q.q + "%");
  page.order_by = q.order_by + ", id";
  page.page = q.page;
  page.limit = q.limit;
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_guest), rows.total};
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
