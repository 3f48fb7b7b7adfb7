// The report job tables: a hotel's jobs in report_jobs (tenant-owned, every
// statement carries the tenant), the platform's in platform_report_jobs.
// Workers claim, renew and finish jobs in platform-scope transactions, always
// naming the job's tenant and id.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"

namespace keycard::reports {

struct Job {
  std::string id;
  std::optional<std::string> tenant_id;  // nullopt: a platform job
  std::string report_id;
  std::string format;
  std::map<std::string, std::string> parameters;
  std::string status = "queued";  // queued | running | done | failed
  int progress = 0;
  std::int64_t rows = 0;
  std::optional<std::string> error;
  int attempts = 0;
  std::optional<std::string> lease_owner;
  std::string file_name;
  std::optional<std::int64_t> file_size;
  std::optional<std::string> created_by;
  std::optional<std::string> impersonated_by;
  std::string created_at;
  std::optional<std::string> started_at, finished_at, expires_at, file_deleted_at;
};

// Makes the scope a job runs in: the tenant of its own row.
struct JobScope {
  [[nodiscard]] static access::TenantScope of(const Job& job) { return access::TenantScope(*job.tenant_id); }
};

namespace jobs {

inline constexpr int kMaxAttempts = 3;

// Hotel panel (tenant scope).
void insert(db::Transaction& tx, const access::TenantScope& scope, const Job& job);
[[nodiscard]] std::optional<Job> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// The jobs `user_id` created, newest first; every job of the tenant when nullopt.
[[nodiscard]] std::pair<std::vector<Job>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                             const std::optional<std::string>& user_id,
                                                             std::int64_t page, std::int64_t limit);
// Platform panel.
void insert_platform(db::Transaction& tx, const Job& job);
[[nodiscard]] std::optional<Job> find_platform(db::Transaction& tx, const std::string& id);
[[nodiscard]] std::pair<std::vector<Job>, std::int64_t> list_platform(db::Transaction& tx, const std::string& user_id,
                                                                      std::int64_t page, std::int64_t limit);

// Workers (platform-scope write transactions).
// Jobs whose last attempt's lease ran out with no attempt left become failed.
std::int64_t fail_exhausted(db::Transaction& tx, const std::string& now, const std::string& error);
// Takes the oldest queued job, or a running one whose lease ran out, for
// `owner` until `lease_until`; PostgreSQL skips rows other workers hold.
[[nodiscard]] std::optional<Job> claim(db::Transaction& tx, const std::string& owner, const std::string& now,
                                       const std::string& lease_until);
// Renews the lease and records progress; false when the job is no longer ours.
bool heartbeat(db::Transaction& tx, const Job& job, const std::string& owner, int progress, std::int64_t rows,
               const std::string& lease_until);
bool complete(db::Transaction& tx, const Job& job, const std::string& owner, std::int64_t rows, std::int64_t file_size,
              const std::string& now, const std::string& expires_at);
bool fail(db::Transaction& tx, const Job& job, const std::string& owner, const std::string& error,
          const std::string& now);
// Done jobs whose file has passed expires_at and is not yet deleted.
[[nodiscard]] std::vector<Job> expired(db::Transaction& tx, const std::string& now, std::int64_t limit);
void mark_deleted(db::Transaction& tx, const Job& job, const std::string& now);

}  // namespace jobs
}  // namespace keycard::reports
