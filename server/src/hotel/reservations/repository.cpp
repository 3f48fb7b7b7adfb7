#include "hotel/reservations/repository.hpp"

#include "common/ids.hpp"
#include "db/filter.hpp"
#include "db/rows.hpp"
#include "hotel/reservations/rules.hpp"

namespace keycard::hotel::reservations::repo {
namespace {

std::string active_sql(std::string_view column) {
  return "SELECT id, room_id, room_type_id, check_in_date, check_out_date FROM reservations WHERE tenant_id = $1 AND " +
         std::string(column) + " = $2 AND status IN " + rules::active_statuses_sql() +
         " AND check_in_date < $4 AND $3 < check_out_date";
}

// Paid = payments minus refunds; the guest's name for lists and search.
constexpr std::string_view kSelect = R"sql(
SELECT r.id, r.tenant_id, r.property_id, r.room_type_id, r.room_id, r.guest_id, r.confirmation_number, r.status,
  r.check_in_date, r.check_out_date, r.adults, r.children, r.rate_minor, r.currency, r.notes, r.cancel_reason,
  r.checked_in_at, r.checked_out_at, r.cancelled_at, r.created_by, r.updated_by, r.created_at, r.updated_at,
  r.version,
  (SELECT COALESCE(SUM(CASE WHEN p.kind = 'payment' THEN p.amount_minor ELSE -p.amount_minor END), 0)
     FROM payments p WHERE p.tenant_id = r.tenant_id AND p.reservation_id = r.id) AS paid_minor,
  (SELECT COALESCE(SUM(f.amount_minor), 0)
     FROM folio_lines f WHERE f.tenant_id = r.tenant_id AND f.reservation_id = r.id) AS charges_minor,
  (SELECT count(*) FROM folio_lines f WHERE f.tenant_id = r.tenant_id AND f.reservation_id = r.id
     AND f.room_night >= r.check_in_date AND f.room_night < r.check_out_date) AS room_nights_posted,
  g.first_name || ' ' || g.last_name AS guest_name
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

// Active stays (rules::active_statuses_sql) of a room type or a property
// overlapping [$3, $4).
const std::string& active_of(std::string_view column) {
  static const std::string kOfType = active_sql("room_type_id");
  static const std::string kOfProperty = active_sql("property_id");
  return column == "room_type_id" ? kOfType : kOfProperty;
}

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

Status status_of(const std::string& name) {
  const auto s = parse_status(name);
  if (!s) throw db::DbError("unknown reservation status in the database: " + name);
  return *s;
}

std::vector<StatusChange> to_history(const db::Result& result) {
  return db::map_rows(result, [](const db::NamedRow& r) {
    const auto from = r.opt_text("from_status");
    return StatusChange{from ? std::optional<Status>(status_of(*from)) : std::nullopt, status_of(r.text("to_status")),
                        r.opt_text("reason"), r.opt_text("changed_by"), r.text("changed_at")};
  });
}

Reservation to_reservation(const db::NamedRow& r) {
  Reservation m;
  m.id = r.text("id");
  m.tenant_id = r.text("tenant_id");
  m.property_id = r.text("property_id");
  m.room_type_id = r.text("room_type_id");
  m.room_id = r.opt_text("room_id");
  m.guest_id = r.text("guest_id");
  m.confirmation_number = r.text("confirmation_number");
  m.status = status_of(r.text("status"));
  m.check_in_date = r.text("check_in_date");
  m.check_out_date = r.text("check_out_date");
  m.adults = r.int64("adults");
  m.children = r.int64("children");
  m.rate_minor = r.int64("rate_minor");
  m.currency = r.text("currency");
  m.notes = r.opt_text("notes");
  m.cancel_reason = r.opt_text("cancel_reason");
  m.checked_in_at = r.opt_text("checked_in_at");
  m.checked_out_at = r.opt_text("checked_out_at");
  m.cancelled_at = r.opt_text("cancelled_at");
  m.created_by = r.opt_text("created_by");
  m.updated_by = r.opt_text("updated_by");
  m.created_at = r.text("created_at");
  m.updated_at = r.text("updated_at");
  m.version = r.int64("version");
  m.paid_minor = r.int64("paid_minor");
  m.charges_minor = r.int64("charges_minor");
  m.room_nights_posted = r.int64("room_nights_posted");
  m.guest_name = r.text("guest_name");
  return m;
}

std::vector<Reservation> to_reservations(const db::Result& result) { return db::map_rows(result, to_reservation); }

std::vector<Stay> to_stays(const db::Result& result) {
  return db::map_rows(result, [](const db::NamedRow& r) {
    return Stay{r.text("id"), r.opt_text("room_id"), r.text("room_type_id"), r.text("check_in_date"),
                r.text("check_out_date")};
  });
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
          std::string(to_string(r.status)),
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
  return db::map_first(tx.exec(find_sql(), {scope.tenant_id(), id}), to_reservation);
}

std::optional<WithHistory> find_with_history(db::Transaction& tx, const access::TenantScope& scope,
                                             const std::string& id) {
  std::vector<db::Statement> batch;
  batch.push_back({find_sql(), {scope.tenant_id(), id}});
  batch.push_back({kHistory, {scope.tenant_id(), id}});
  const auto results = tx.exec_batch(std::move(batch));
  auto found = db::map_first(results[0], to_reservation);
  if (!found) return std::nullopt;
  return WithHistory{std::move(*found), to_history(results[1])};
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
  if (q.check_in_date) f.add("r.check_in_date = ?", *q.check_in_date);
  if (q.check_out_date) f.add("r.check_out_date = ?", *q.check_out_date);
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
  return {to_reservations(results[0]), results[1].rows.at(0).int64(0)};
}

std::vector<Reservation> open_of_property(db::Transaction& tx, const access::TenantScope& scope,
                                          const std::string& property_id, const std::string& date) {
  static const std::string kSql =
      std::string(kSelect) + " WHERE r.tenant_id = $1 AND r.property_id = $2 AND r.status IN " +
      rules::active_statuses_sql() + " AND r.check_in_date <= $3 ORDER BY r.check_in_date, r.id";
  return to_reservations(tx.exec(kSql, {scope.tenant_id(), property_id, date}));
}

db::Statement rack_statement(const access::TenantScope& scope, const std::string& property_id, const std::string& from,
                             const std::string& to) {
  static const std::string kSql = std::string(kSelect) +
                                  " WHERE r.tenant_id = $1 AND r.property_id = $2"
                                  " AND r.status IN ('pending','confirmed','checked_in','checked_out')"
                                  " AND r.check_in_date < $4 AND $3 < r.check_out_date ORDER BY r.check_in_date, r.id";
  return {kSql, {scope.tenant_id(), property_id, from, to}};
}

std::vector<Reservation> read_reservations(const db::Result& result) { return to_reservations(result); }

std::vector<Reservation> of_guest(db::Transaction& tx, const access::TenantScope& scope, const std::string& guest_id) {
  return to_reservations(tx.exec(std::string(kSelect) + std::string(kGuestWhere), {scope.tenant_id(), guest_id}));
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Reservation& r, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), r.id, version, db::nullable(r.room_id), std::string(to_string(r.status)),
                           r.check_in_date, r.check_out_date, r.adults, r.children, r.rate_minor, db::nullable(r.notes),
                           db::nullable(r.cancel_reason), db::nullable(r.checked_in_at), db::nullable(r.checked_out_at),
                           db::nullable(r.cancelled_at), db::nullable(r.updated_by), r.updated_at})
             .affected == 1;
}

std::vector<Stay> active_of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id,
                                 const std::string& from, const std::string& to) {
  return to_stays(tx.exec(active_of("room_type_id"), {scope.tenant_id(), room_type_id, from, to}));
}

db::Statement active_of_type_statement(const access::TenantScope& scope, const std::string& room_type_id,
                                       const std::string& from, const std::string& to) {
  return {active_of("room_type_id"), {scope.tenant_id(), room_type_id, from, to}};
}

db::Statement active_of_property_statement(const access::TenantScope& scope, const std::string& property_id,
                                           const std::string& from, const std::string& to) {
  return {active_of("property_id"), {scope.tenant_id(), property_id, from, to}};
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
          {scope.tenant_id(), new_uuid(), reservation_id,
           c.from_status ? db::Param(std::string(to_string(*c.from_status))) : db::Param(nullptr),
           std::string(to_string(c.to_status)), db::nullable(c.reason), db::nullable(c.changed_by), c.changed_at}};
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
  return to_reservations(results[2]).at(0);
}

}  // namespace keycard::hotel::reservations::repo
