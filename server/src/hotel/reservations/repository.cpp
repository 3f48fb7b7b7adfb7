#include "hotel/reservations/repository.hpp"

#include "common/ids.hpp"
#include "db/filter.hpp"

namespace keycard::hotel::reservations::repo {
namespace {

// Paid = payments minus refunds; the guest's name for lists and search.
constexpr std::string_view kSelect = R"sql(
SELECT r.id, r.tenant_id, r.property_id, r.room_type_id, r.room_id, r.guest_id, r.confirmation_number, r.status,
  r.check_in_date, r.check_out_date, r.adults, r.children, r.rate_minor, r.currency, r.notes, r.cancel_reason,
  r.checked_in_at, r.checked_out_at, r.cancelled_at, r.created_by, r.updated_by, r.created_at, r.updated_at,
  r.version,
  (SELECT COALESCE(SUM(CASE WHEN p.kind = 'payment' THEN p.amount_minor ELSE -p.amount_minor END), 0)
     FROM payments p WHERE p.tenant_id = r.tenant_id AND p.reservation_id = r.id),
  g.first_name || ' ' || g.last_name
FROM reservations r JOIN guests g ON g.tenant_id = r.tenant_id AND g.id = r.guest_id)sql";

constexpr std::string_view kFindWhere = " WHERE r.tenant_id = $1 AND r.id = $2";
constexpr std::string_view kGuestWhere = " WHERE r.tenant_id = $1 AND r.guest_id = $2 ORDER BY r.check_in_date, r.id";

constexpr std::string_view kInsert = R"sql(
INSERT INTO reservations (tenant_id, id, property_id, room_type_id, room_id, guest_id, confirmation_number, status,
  check_in_date, check_out_date, adults, children, rate_minor, currency, notes, created_by, updated_by, created_at,
  updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $17, 1))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE reservations SET room_id = $4, status = $5, check_in_date = $6, check_out_date = $7, adults = $8,
  children = $9, rate_minor = $10, notes = $11, cancel_reason = $12, checked_in_at = $13, checked_out_at = $14,
  cancelled_at = $15, updated_by = $16, updated_at = $17, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kActiveOfType = R"sql(
SELECT id, room_id, room_type_id, check_in_date, check_out_date FROM reservations
WHERE tenant_id = $1 AND room_type_id = $2 AND status IN ('pending','confirmed','checked_in')
  AND check_in_date < $4 AND $3 < check_out_date)sql";

constexpr std::string_view kActiveOfProperty = R"sql(
SELECT id, room_id, room_type_id, check_in_date, check_out_date FROM reservations
WHERE tenant_id = $1 AND property_id = $2 AND status IN ('pending','confirmed','checked_in')
  AND check_in_date < $4 AND $3 < check_out_date)sql";

constexpr std::string_view kLockPostgres = "SELECT id FROM reservations WHERE tenant_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kLockSqlite = "SELECT id FROM reservations WHERE tenant_id = $1 AND id = $2";

constexpr std::string_view kConfirmationTaken =
    "SELECT count(*) FROM reservations WHERE tenant_id = $1 AND confirmation_number = $2";

constexpr std::string_view kInsertHistory = R"sql(
INSERT INTO reservation_status_history (tenant_id, id, reservation_id, from_status, to_status, reason, changed_by,
  changed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

constexpr std::string_view kHistory = R"sql(
SELECT from_status, to_status, reason, changed_by, changed_at FROM reservation_status_history
WHERE tenant_id = $1 AND reservation_id = $2 ORDER BY changed_at, id)sql";

std::vector<StatusChange> to_history(const db::Result& result) {
  std::vector<StatusChange> out;
  for (const auto& r : result.rows) out.push_back({r.opt_text(0), r.text(1), r.opt_text(2), r.opt_text(3), r.text(4)});
  return out;
}

Reservation to_reservation(const db::Row& r) {
  Reservation m;
  m.id = r.text(0);
  m.tenant_id = r.text(1);
  m.property_id = r.text(2);
  m.room_type_id = r.text(3);
  m.room_id = r.opt_text(4);
  m.guest_id = r.text(5);
  m.confirmation_number = r.text(6);
  m.status = r.text(7);
  m.check_in_date = r.text(8);
  m.check_out_date = r.text(9);
  m.adults = r.int64(10);
  m.children = r.int64(11);
  m.rate_minor = r.int64(12);
  m.currency = r.text(13);
  m.notes = r.opt_text(14);
  m.cancel_reason = r.opt_text(15);
  m.checked_in_at = r.opt_text(16);
  m.checked_out_at = r.opt_text(17);
  m.cancelled_at = r.opt_text(18);
  m.created_by = r.opt_text(19);
  m.updated_by = r.opt_text(20);
  m.created_at = r.text(21);
  m.updated_at = r.text(22);
  m.version = r.int64(23);
  m.paid_minor = r.int64(24);
  m.guest_name = r.text(25);
  return m;
}

std::vector<Stay> to_stays(const db::Result& result) {
  std::vector<Stay> out;
  for (const auto& r : result.rows) out.push_back({r.text(0), r.opt_text(1), r.text(2), r.text(3), r.text(4)});
  return out;
}

}  // namespace

namespace {
db::Params insert_params(const access::TenantScope& scope, const Reservation& r) {
  return {scope.tenant_id(),
          r.id,
          r.property_id,
          r.room_type_id,
          db::nullable(r.room_id),
          r.guest_id,
          r.confirmation_number,
          r.status,
          r.check_in_date,
          r.check_out_date,
          r.adults,
          r.children,
          r.rate_minor,
          r.currency,
          db::nullable(r.notes),
          db::nullable(r.created_by),
          r.created_at};
}
}  // namespace

namespace {
const std::string& find_sql() {
  static const std::string sql = std::string(kSelect) + std::string(kFindWhere);
  return sql;
}
}  // namespace

std::optional<Reservation> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(find_sql(), {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_reservation(*r);
}

std::optional<WithHistory> find_with_history(db::Transaction& tx, const access::TenantScope& scope,
                                             const std::string& id) {
  std::vector<db::Statement> batch;
  batch.push_back({find_sql(), {scope.tenant_id(), id}});
  batch.push_back({kHistory, {scope.tenant_id(), id}});
  const auto results = tx.exec_batch(std::move(batch));
  if (results[0].rows.empty()) return std::nullopt;
  WithHistory out{to_reservation(results[0].rows.front()), to_history(results[1])};
  return out;
}

bool lock(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  return tx.one(tx.backend() == db::Backend::postgres ? kLockPostgres : kLockSqlite, {scope.tenant_id(), id})
      .has_value();
}

std::pair<std::vector<Reservation>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                       const ListQuery& q) {
  // Only the filters sent, so the planner sees plain conditions: an index
  // walks the default order, and the count is an index-only scan.
  db::Filter f;
  f.add("r.tenant_id = ?", scope.tenant_id());
  if (q.property_id) f.add("r.property_id = ?", *q.property_id);
  if (q.guest_id) f.add("r.guest_id = ?", *q.guest_id);
  if (q.status) f.add("r.status = ?", *q.status);
  if (q.from) f.add("r.check_out_date > ?", *q.from);  // stays overlapping [from, to)
  if (q.to) f.add("r.check_in_date < ?", *q.to);
  if (q.q) {
    f.add(
        "(lower(r.confirmation_number) LIKE lower(?) ESCAPE '\\' OR EXISTS (SELECT 1 FROM guests s"
        " WHERE s.tenant_id = r.tenant_id AND s.id = r.guest_id"
        " AND lower(s.first_name || ' ' || s.last_name) LIKE lower(?) ESCAPE '\\'))",
        "%" + *q.q + "%");
  }
  const auto where = f.where();
  const auto count_params = f.params();
  const auto order = " ORDER BY " + q.order_by + ", r.id";
  const auto limit = f.bind(q.limit);
  const auto offset = f.bind((q.page - 1) * q.limit);
  // The page's ids first, then their full rows (paid sums included) for
  // those ids only; the count beside it, in the same round trip.
  const auto page_sql = "WITH page AS (SELECT r.id FROM reservations r" + where + order + " LIMIT " + limit +
                        " OFFSET " + offset + ") " + std::string(kSelect) +
                        " JOIN page ON page.id = r.id WHERE r.tenant_id = $1" + order;
  const auto count_sql = "SELECT count(*) FROM reservations r" + where;
  std::vector<db::Statement> batch;
  batch.push_back({page_sql, f.params()});
  batch.push_back({count_sql, count_params});
  const auto results = tx.exec_batch(std::move(batch));
  std::vector<Reservation> items;
  items.reserve(results[0].rows.size());
  for (const auto& r : results[0].rows) items.push_back(to_reservation(r));
  return {std::move(items), results[1].rows.at(0).int64(0)};
}

std::vector<Reservation> of_guest(db::Transaction& tx, const access::TenantScope& scope, const std::string& guest_id) {
  std::vector<Reservation> out;
  for (const auto& r : tx.exec(std::string(kSelect) + std::string(kGuestWhere), {scope.tenant_id(), guest_id}).rows) {
    out.push_back(to_reservation(r));
  }
  return out;
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), r.id, version, db::nullable(r.room_id), r.status, r.check_in_date,
                           r.check_out_date, r.adults, r.children, r.rate_minor, db::nullable(r.notes),
                           db::nullable(r.cancel_reason), db::nullable(r.checked_in_at), db::nullable(r.checked_out_at),
                           db::nullable(r.cancelled_at), db::nullable(r.updated_by), r.updated_at})
             .affected == 1;
}

std::vector<Stay> active_of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id,
                                 const std::string& from, const std::string& to) {
  return to_stays(tx.exec(kActiveOfType, {scope.tenant_id(), room_type_id, from, to}));
}

db::Statement active_of_type_statement(const access::TenantScope& scope, const std::string& room_type_id,
                                       const std::string& from, const std::string& to) {
  return {kActiveOfType, {scope.tenant_id(), room_type_id, from, to}};
}

db::Statement active_of_property_statement(const access::TenantScope& scope, const std::string& property_id,
                                           const std::string& from, const std::string& to) {
  return {kActiveOfProperty, {scope.tenant_id(), property_id, from, to}};
}

std::vector<Stay> read_stays(const db::Result& result) { return to_stays(result); }

bool confirmation_taken(db::Transaction& tx, const access::TenantScope& scope, const std::string& number) {
  auto r = tx.one(kConfirmationTaken, {scope.tenant_id(), number});
  return r && r->int64(0) > 0;
}

namespace {
db::Statement history_statement(const access::TenantScope& scope, const std::string& reservation_id,
                                const StatusChange& c) {
  return {kInsertHistory,
          {scope.tenant_id(), new_uuid(), reservation_id, db::nullable(c.from_status), c.to_status,
           db::nullable(c.reason), db::nullable(c.changed_by), c.changed_at}};
}
}  // namespace

void add_history(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id,
                 const StatusChange& c) {
  const auto s = history_statement(scope, reservation_id, c);
  tx.exec(s.sql, s.params);
}

Reservation insert_booked(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r,
                          const StatusChange& first) {
  std::vector<db::Statement> batch;
  batch.push_back({kInsert, insert_params(scope, r)});
  batch.push_back(history_statement(scope, r.id, first));
  batch.push_back({find_sql(), {scope.tenant_id(), r.id}});
  const auto results = tx.exec_batch(std::move(batch));
  return to_reservation(results[2].rows.at(0));
}

}  // namespace keycard::hotel::reservations::repo
