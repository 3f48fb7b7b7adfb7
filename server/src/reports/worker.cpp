#include "reports/worker.hpp"

#include <boost/json.hpp>

#include <filesystem>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "reports/catalog.hpp"
#include "reports/jobs.hpp"
#include "reports/service.hpp"

namespace keycard::reports {
namespace {
namespace fs = std::filesystem;

// What a user reads when a job fails for a reason that is ours, not theirs.
constexpr const char* kFailed = "The report could not be produced; run it again, or narrow the range.";
constexpr const char* kExhausted = "The report could not be completed after 3 attempts; run it again.";

struct LeaseLost : std::exception {};

std::string later(std::chrono::seconds s) { return format_time(std::chrono::system_clock::now() + s); }

}  // namespace

Worker::Worker(db::Database& db, Queue& queue, WorkerOptions options)
    : db_(db), queue_(queue), options_(std::move(options)) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { loop(i); });
}

void Worker::stop() {
  stopping_ = true;
  queue_.stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void Worker::loop(int index) {
  // A fresh owner per start: a restarted instance does not mistake a lease
  // of its previous life for its own.
  const std::string owner = random_token(9) + "-" + std::to_string(index);
  auto next_sweep = std::chrono::steady_clock::now();
  while (!stopping_) {
    bool worked = false;
    try {
      if (index == 0 && std::chrono::steady_clock::now() >= next_sweep) {
        sweep();
        next_sweep = std::chrono::steady_clock::now() + std::chrono::minutes(1);
      }
      worked = run_one(owner);
    } catch (const std::exception& e) {
      log::error({{"event", "report_worker_error"}, {"error", e.what()}});
    }
    if (!worked && !queue_.wait(options_.poll)) break;
  }
}

bool Worker::run_one(const std::string& owner) {
  std::optional<Job> claimed;
  {
    auto tx = db_.begin_platform(db::TxMode::write);
    if (const auto exhausted = jobs::fail_exhausted(tx, now_text(), kExhausted); exhausted > 0) {
      log::warn({{"event", "report_jobs_exhausted"}, {"count", exhausted}});
      for (std::int64_t i = 0; i < exhausted; ++i) metrics::count_report_job("exhausted");
    }
    claimed = jobs::claim(tx, owner, now_text(), later(options_.lease));
    tx.commit();
  }
  if (!claimed) return false;
  const Job job = *claimed;
  const auto finish_failed = [&](const std::string& error) {
    auto tx = db_.begin_platform(db::TxMode::write);
    jobs::fail(tx, job, owner, error, now_text());
    tx.commit();
    metrics::count_report_job("failed");
  };
  const Panel panel = job.tenant_id ? Panel::hotel : Panel::admin;
  const auto* def = find_report(panel, job.report_id);
  const auto format = parse_format(job.format);
  if (!def || !format || *format == Format::json) {
    finish_failed("This report is no longer offered.");
    return true;
  }
  metrics::count_report_job("started");
  log::info(
      {{"event", "report_job_started"}, {"job_id", job.id}, {"report", job.report_id}, {"attempt", job.attempts}});
  const auto final_path = job_path(options_.data_dir, job);
  const auto part = fs::path(final_path.string() + ".part");
  std::error_code ec;
  fs::create_directories(final_path.parent_path(), ec);
  std::int64_t expected = 0;
  auto last_beat = std::chrono::steady_clock::now();
  const auto beat_every = std::max<std::chrono::milliseconds>(options_.lease / 3, std::chrono::milliseconds(500));
  const auto beat = [&](std::int64_t rows) {
    if (std::chrono::steady_clock::now() - last_beat < beat_every) return;
    last_beat = std::chrono::steady_clock::now();
    auto tx = db_.begin_platform(db::TxMode::write);
    const bool ours = jobs::heartbeat(tx, job, owner, progress_percent(rows, expected), rows, later(options_.lease));
    tx.commit();
    if (!ours) throw LeaseLost();
  };
  try {
    Parameters params{job.parameters};
    std::optional<access::TenantScope> scope;
    if (job.tenant_id) scope = JobScope::of(job);
    std::int64_t rows = 0;
    {
      auto writer = make_writer(*format, part);
      RunHooks hooks;
      hooks.on_start = [&](std::int64_t n) { expected = n; };
      hooks.on_rows = beat;
      rows = write_report(db_, scope, panel, *def, params, *writer, hooks);
    }
    fs::rename(part, final_path);
    const auto size = static_cast<std::int64_t>(fs::file_size(final_path));
    auto tx = db_.begin_platform(db::TxMode::write);
    const bool ours =
        jobs::complete(tx, job, owner, rows, size, now_text(), later(std::chrono::hours(24) * options_.retention_days));
    tx.commit();
    if (!ours) {
      fs::remove(final_path, ec);
      throw LeaseLost();
    }
    metrics::count_report_job("succeeded");
    log::info({{"event", "report_job_done"}, {"job_id", job.id}, {"rows", rows}, {"bytes", size}});
  } catch (const LeaseLost&) {
    fs::remove(part, ec);
    metrics::count_report_job("lease_lost");
    log::warn({{"event", "report_job_lease_lost"}, {"job_id", job.id}});
  } catch (const ReportTooLarge& e) {
    fs::remove(part, ec);
    finish_failed(e.what());
  } catch (const std::exception& e) {
    fs::remove(part, ec);
    log::error({{"event", "report_job_failed"}, {"job_id", job.id}, {"error", e.what()}});
    finish_failed(kFailed);
  }
  return true;
}

void Worker::sweep() {
  std::vector<Job> expired;
  {
    auto tx = db_.begin_platform(db::TxMode::read);
    expired = jobs::expired(tx, now_text(), 500);
    tx.commit();
  }
  for (const auto& job : expired) {
    std::error_code ec;
    fs::remove(job_path(options_.data_dir, job), ec);
    auto tx = db_.begin_platform(db::TxMode::write);
    jobs::mark_deleted(tx, job, now_text());
    tx.commit();
  }
  if (!expired.empty()) log::info({{"event", "report_files_expired"}, {"count", expired.size()}});
  // Files of previous runs that never finished: sync temporaries.
  std::error_code ec;
  const auto tmp = fs::path(options_.data_dir) / "reports" / "tmp";
  for (const auto& entry : fs::directory_iterator(tmp, ec)) {
    const auto age = fs::file_time_type::clock::now() - entry.last_write_time(ec);
    if (!ec && age > std::chrono::hours(1)) fs::remove(entry.path(), ec);
  }
}

}  // namespace keycard::reports
