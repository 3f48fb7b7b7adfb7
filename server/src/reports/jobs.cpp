#include "reports/jobs.hpp"

#include <boost/json.hpp>

#include "db/rows.hpp"

namespace keycard::reports::jobs {
namespace {
namespace json = boost::json;

constexpr std::string_view kColumns =
    "id, report_id, format, parameters, status, progress, rows_written, error, attempts, lease_owner, file_name, "
    "file_size, created_by, impersonated_by, created_at, started_at, finished_at, expires_at, file_deleted_at";

std::string parameters_text(const std::map<std::string, std::string>& p) {
  json::object o;
  for (const auto& [k, v] : p) o[k] = v;
  return json::serialize(o);
}

std::map<std::string, std::string> parameters_of(const std::string& text) {
  std::map<std::string, std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, val] : v.as_object()) {
    if (val.is_string()) out[std::string(k)] = std::string(val.as_string());
  }
  return out;
}

// Columns in kColumns order, then tenant_id when the table has one.
Job to_job(const db::Row& r, bool with_tenant) {
  Job j;
  j.id = r.text(0);
  j.report_id = r.text(1);
  j.format = r.text(2);
  j.parameters = parameters_of(r.text(3));
  j.status = r.text(4);
  j.progress = static_cast<int>(r.int64(5));
  j.rows = r.int64(6);
  j.error = r.opt_text(7);
  j.attempts = static_cast<int>(r.int64(8));
  j.lease_owner = r.opt_text(9);
  j.file_name = r.text(10);
  j.file_size = r.opt_int64(11);
  j.created_by = r.opt_text(12);
  j.impersonated_by = r.opt_text(13);
  j.created_at = r.text(14);
  j.started_at = r.opt_text(15);
  j.finished_at = r.opt_text(16);
  j.expires_at = r.opt_text(17);
  j.file_deleted_at = r.opt_text(18);
  if (with_tenant) j.tenant_id = r.text(19);
  return j;
}

std::string select_hotel() { return "SELECT " + std::string(kColumns) + ", tenant_id FROM report_jobs"; }
std::string select_platform() { return "SELECT " + std::string(kColumns) + " FROM platform_report_jobs"; }

db::Params insert_params(const Job& j) {
  return {j.id,
          j.report_id,
          j.format,
          parameters_text(j.parameters),
          j.status,
          j.file_name,
          db::nullable(j.created_by),
          db::nullable(j.impersonated_by),
          j.created_at};
}

// The job's own row: (tenant_id, id) for a hotel job, id for a platform one.
// Returns the table, the WHERE clause and its leading parameters.
struct Target {
  std::string table;
  std::string where;
  db::Params params;
};
Target target(const Job& j) {
  if (j.tenant_id) return {"report_jobs", "tenant_id = $1 AND id = $2", {*j.tenant_id, j.id}};
  return {"platform_report_jobs", "id = $1", {j.id}};
}

// UPDATE <job> SET <set> WHERE <own row> AND lease_owner = <owner>; each
// `?` in `set` takes the next of `values`.
bool update_owned(db::Transaction& tx, const Job& j, const std::string& owner, std::string_view set,
                  const db::Params& values) {
  auto t = target(j);
  db::Params params = t.params;
  params.push_back(owner);
  std::string sql = "UPDATE " + t.table + " SET ";
  for (const char c : set) {
    if (c != '?') {
      sql += c;
      continue;
    }
    params.push_back(values.at(params.size() - t.params.size() - 1));
    sql += "$" + std::to_string(params.size());
  }
  sql += " WHERE " + t.where + " AND lease_owner = $" + std::to_string(t.params.size() + 1);
  return tx.exec(sql, params).affected == 1;
}

std::pair<std::vector<Job>, std::int64_t> page_of(db::Transaction& tx, const std::string& select,
                                                  const std::string& from_where, db::Params params, std::int64_t page,
                                                  std::int64_t limit, bool with_tenant) {
  const auto total = tx.one("SELECT count(*) " + from_where, params);
  const auto paged =
      db::with_page(select + from_where.substr(from_where.find(" WHERE")) + " ORDER BY created_at DESC, id DESC",
                    std::move(params), page, limit);
  std::vector<Job> items;
  for (const auto& r : tx.exec(paged.sql, paged.params).rows) items.push_back(to_job(r, with_tenant));
  return {std::move(items), total ? total->int64(0) : 0};
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Job& job) {
  auto params = insert_params(job);
  params.insert(params.begin(), scope.tenant_id());
  tx.exec(R"sql(
INSERT INTO report_jobs (tenant_id, id, report_id, format, parameters, status, file_name, created_by, impersonated_by,
  created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql",
          params);
}

std::optional<Job> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(select_hotel() + " WHERE tenant_id = $1 AND id = $2", {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_job(*r, true);
}

std::pair<std::vector<Job>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                               const std::optional<std::string>& user_id, std::int64_t page,
                                               std::int64_t limit) {
  if (!user_id)
    return page_of(tx, select_hotel(), "FROM report_jobs WHERE tenant_id = $1", {scope.tenant_id()}, page, limit, true);
  return page_of(tx, select_hotel(), "FROM report_jobs WHERE tenant_id = $1 AND created_by = $2",
                 {scope.tenant_id(), *user_id}, page, limit, true);
}

void insert_platform(db::Transaction& tx, const Job& job) {
  tx.exec(R"sql(
INSERT INTO platform_report_jobs (id, report_id, format, parameters, status, file_name, created_by, impersonated_by,
  created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))sql",
          insert_params(job));
}

std::optional<Job> find_platform(db::Transaction& tx, const std::string& id) {
  auto r = tx.one(select_platform() + " WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return to_job(*r, false);
}

std::pair<std::vector<Job>, std::int64_t> list_platform(db::Transaction& tx, const std::string& user_id,
                                                        std::int64_t page, std::int64_t limit) {
  return page_of(tx, select_platform(), "FROM platform_report_jobs WHERE created_by = $1", {user_id}, page, limit,
                 false);
}

std::int64_t fail_exhausted(db::Transaction& tx, const std::string& now, const std::string& error) {
  std::int64_t n = 0;
  for (const auto* table : {"report_jobs", "platform_report_jobs"}) {
    n += tx.exec(std::string("UPDATE ") + table +
                     " SET status = 'failed', error = $2, finished_at = $1, lease_owner = NULL, lease_until = NULL "
                     "WHERE status = 'running' AND lease_until < $1 AND attempts >= $3",
                 {now, error, static_cast<std::int64_t>(kMaxAttempts)})
             .affected;
  }
  return n;
}

std::optional<Job> claim(db::Transaction& tx, const std::string& owner, const std::string& now,
                         const std::string& lease_until) {
  const bool pg = tx.backend() == db::Backend::postgres;
  const std::string lock = pg ? " FOR UPDATE SKIP LOCKED" : "";
  const std::string pick =
      " WHERE (status = 'queued' OR (status = 'running' AND lease_until < $3)) AND attempts < $4"
      " ORDER BY created_at, id LIMIT 1" +
      lock;
  const std::string set =
      " SET status = 'running', attempts = attempts + 1, lease_owner = $1, lease_until = $2,"
      " started_at = COALESCE(started_at, $3), progress = 0, rows_written = 0";
  const db::Params params = {owner, lease_until, now, static_cast<std::int64_t>(kMaxAttempts)};
  auto r = tx.one("UPDATE report_jobs" + set + " WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM report_jobs" +
                      pick + ") RETURNING " + std::string(kColumns) + ", tenant_id",
                  params);
  if (r) return to_job(*r, true);
  r = tx.one("UPDATE platform_report_jobs" + set + " WHERE id IN (SELECT id FROM platform_report_jobs" + pick +
                 ") RETURNING " + std::string(kColumns),
             params);
  if (r) return to_job(*r, false);
  return std::nullopt;
}

bool heartbeat(db::Transaction& tx, const Job& job, const std::string& owner, int progress, std::int64_t rows,
               const std::string& lease_until) {
  return update_owned(tx, job, owner, "progress = ?, rows_written = ?, lease_until = ?",
                      {static_cast<std::int64_t>(progress), rows, lease_until});
}

bool complete(db::Transaction& tx, const Job& job, const std::string& owner, std::int64_t rows, std::int64_t file_size,
              const std::string& now, const std::string& expires_at) {
  return update_owned(tx, job, owner,
                      "status = 'done', progress = 100, rows_written = ?, file_size = ?, finished_at = ?, "
                      "expires_at = ?, lease_until = NULL",
                      {rows, file_size, now, expires_at});
}

bool fail(db::Transaction& tx, const Job& job, const std::string& owner, const std::string& error,
          const std::string& now) {
  return update_owned(tx, job, owner, "status = 'failed', error = ?, finished_at = ?, lease_until = NULL",
                      {error, now});
}

std::vector<Job> expired(db::Transaction& tx, const std::string& now, std::int64_t limit) {
  std::vector<Job> out;
  const std::string where = " WHERE status = 'done' AND file_deleted_at IS NULL AND expires_at < $1 LIMIT $2";
  for (const auto& r : tx.exec(select_hotel() + where, {now, limit}).rows) out.push_back(to_job(r, true));
  for (const auto& r : tx.exec(select_platform() + where, {now, limit}).rows) out.push_back(to_job(r, false));
  return out;
}

void mark_deleted(db::Transaction& tx, const Job& job, const std::string& now) {
  auto t = target(job);
  auto params = t.params;
  params.push_back(now);
  tx.exec("UPDATE " + t.table + " SET file_deleted_at = $" + std::to_string(params.size()) + " WHERE " + t.where,
          params);
}

}  // namespace keycard::reports::jobs
