#include "common/metrics.hpp"

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <tuple>

#ifndef KEYCARD_VERSION
#define KEYCARD_VERSION "unknown"
#endif

namespace keycard::metrics {
namespace {

// Series of one family, keyed by their label values; a series once made
// stays, so the reference handed out remains valid.
template <typename Key, typename T>
class Family {
 public:
  // Readers share the lock: after warm-up every request finds its series.
  T& at(const Key& key) {
    {
      const std::shared_lock lock(mutex_);
      if (auto it = series_.find(key); it != series_.end()) return *it->second;
    }
    const std::unique_lock lock(mutex_);
    auto& slot = series_[key];
    if (!slot) slot = std::make_unique<T>();
    return *slot;
  }
  template <typename F>
  void each(F&& f) const {
    const std::shared_lock lock(mutex_);
    for (const auto& [key, value] : series_) f(key, *value);
  }

 private:
  mutable std::shared_mutex mutex_;
  std::map<Key, std::unique_ptr<T>> series_;
};

using Counter = std::atomic<std::uint64_t>;

struct Metrics {
  Family<std::tuple<std::string, std::string, int>, Histogram> requests;
  std::atomic<std::int64_t> in_flight{0};
  std::atomic<std::int64_t> connections{0};
  std::atomic<std::int64_t> pool_size{0};
  std::atomic<std::int64_t> pool_open{0};
  std::atomic<std::int64_t> pool_in_use{0};
  Histogram pool_wait;
  Counter pool_timeouts{0};
  std::array<Counter, 3> transactions{};
  Family<std::string, Counter> login_failures;
  Family<std::string, Counter> login_throttled;
  Family<std::string, Counter> report_jobs;
  Family<std::string, Counter> transport_refusals;
};

Metrics& metrics() {
  static Metrics m;
  return m;
}

std::string escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void head(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, const std::string& labels, const std::string& value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(value).append("\n");
}

void histogram(std::string& out, std::string_view name, const std::string& labels, const Histogram& h) {
  const auto counts = h.cumulative();
  const std::string sep = labels.empty() ? "" : ",";
  const std::string bucket = std::string(name) + "_bucket";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    sample(out, bucket, labels + sep + "le=\"" + number(kBuckets[i]) + "\"", std::to_string(counts[i]));
  }
  sample(out, bucket, labels + sep + "le=\"+Inf\"", std::to_string(counts.back()));
  sample(out, std::string(name) + "_sum", labels, number(h.sum_seconds()));
  sample(out, std::string(name) + "_count", labels, std::to_string(counts.back()));
}

void counters(std::string& out, std::string_view name, std::string_view label, const Family<std::string, Counter>& f) {
  f.each([&](const std::string& key, const Counter& c) {
    sample(out, name, std::string(label) + "=\"" + escape_label(key) + "\"",
           std::to_string(c.load(std::memory_order_relaxed)));
  });
}

}  // namespace

void Histogram::observe(std::chrono::nanoseconds d) {
  const auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(0, d.count()));
  const double seconds = static_cast<double>(ns) / 1e9;
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(ns, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::array<std::uint64_t, kBuckets.size() + 1> Histogram::cumulative() const {
  std::array<std::uint64_t, kBuckets.size() + 1> out{};
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

double Histogram::sum_seconds() const { return static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9; }

void observe_request(std::string_view method, std::string_view route, int status, std::chrono::nanoseconds duration) {
  metrics().requests.at({std::string(method), std::string(route), status}).observe(duration);
}

void count_transport_refusal(int status) { metrics().transport_refusals.at(std::to_string(status)).fetch_add(1); }

void connections_open(std::int64_t delta) { metrics().connections.fetch_add(delta, std::memory_order_relaxed); }

InFlight::InFlight() { metrics().in_flight.fetch_add(1, std::memory_order_relaxed); }
InFlight::~InFlight() { metrics().in_flight.fetch_sub(1, std::memory_order_relaxed); }

void pool_resized(std::int64_t delta) { metrics().pool_size.fetch_add(delta, std::memory_order_relaxed); }
void pool_opened(std::int64_t delta) { metrics().pool_open.fetch_add(delta, std::memory_order_relaxed); }
void pool_lent(std::int64_t delta) { metrics().pool_in_use.fetch_add(delta, std::memory_order_relaxed); }
void observe_pool_wait(std::chrono::nanoseconds waited) { metrics().pool_wait.observe(waited); }
void count_pool_timeout() { metrics().pool_timeouts.fetch_add(1, std::memory_order_relaxed); }

void count_transaction(TxOutcome outcome) {
  metrics().transactions[static_cast<std::size_t>(outcome)].fetch_add(1, std::memory_order_relaxed);
}

void count_login(std::string_view outcome) {
  if (outcome == "success") return;
  constexpr std::string_view kThrottled = "throttled_";
  if (outcome.starts_with(kThrottled)) {
    metrics().login_throttled.at(std::string(outcome.substr(kThrottled.size()))).fetch_add(1);
  } else {
    metrics().login_failures.at(std::string(outcome)).fetch_add(1);
  }
}

void count_report_job(std::string_view status) { metrics().report_jobs.at(std::string(status)).fetch_add(1); }

std::string render() {
  auto& m = metrics();
  std::string out;
  out.reserve(16 * 1024);
  head(out, "keycard_build_info", "gauge", "The running build's version (always 1).");
  sample(out, "keycard_build_info", "version=\"" + escape_label(KEYCARD_VERSION) + "\"", "1");

  head(out, "keycard_http_requests_in_flight", "gauge", "Requests being handled now.");
  sample(out, "keycard_http_requests_in_flight", "", std::to_string(m.in_flight.load()));
  head(out, "keycard_http_connections_open", "gauge",
       "Connections open on the API listener (KEYCARD_MAX_CONNECTIONS caps them).");
  sample(out, "keycard_http_connections_open", "", std::to_string(m.connections.load()));
  head(out, "keycard_http_request_duration_seconds", "histogram",
       "Answered requests by method, route template and status, and how long they took.");
  m.requests.each([&](const std::tuple<std::string, std::string, int>& key, const Histogram& h) {
    const auto& [method, route, status] = key;
    histogram(out, "keycard_http_request_duration_seconds",
              "method=\"" + escape_label(method) + "\",route=\"" + escape_label(route) + "\",status=\"" +
                  std::to_string(status) + "\"",
              h);
  });

  head(out, "keycard_http_transport_refusals_total", "counter",
       "Answers the HTTP layer gave before routing, by status: malformed or oversized requests (400, 413, 431, "
       "501) and connections refused past the caps (503). Not in the request histogram or the access log.");
  counters(out, "keycard_http_transport_refusals_total", "status", m.transport_refusals);

  head(out, "keycard_db_pool_size", "gauge", "Database connections the pool may open.");
  sample(out, "keycard_db_pool_size", "", std::to_string(m.pool_size.load()));
  head(out, "keycard_db_pool_open", "gauge", "Database connections open (idle or in use).");
  sample(out, "keycard_db_pool_open", "", std::to_string(m.pool_open.load()));
  head(out, "keycard_db_pool_in_use", "gauge", "Database connections lent to a transaction now.");
  sample(out, "keycard_db_pool_in_use", "", std::to_string(m.pool_in_use.load()));
  head(out, "keycard_db_pool_wait_seconds", "histogram", "Time taken to get a database connection from the pool.");
  histogram(out, "keycard_db_pool_wait_seconds", "", m.pool_wait);
  head(out, "keycard_db_pool_timeouts_total", "counter",
       "Requests for a connection that gave up (answered 503 database_unavailable).");
  sample(out, "keycard_db_pool_timeouts_total", "", std::to_string(m.pool_timeouts.load()));

  head(out, "keycard_db_transactions_total", "counter",
       "Transactions by outcome: commit, rollback, or retry (ended by a serialization failure or deadlock; "
       "the request is answered 503 busy with Retry-After for the client to retry).");
  constexpr std::array<std::string_view, 3> kOutcomes{"commit", "rollback", "retry"};
  for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
    sample(out, "keycard_db_transactions_total", "outcome=\"" + std::string(kOutcomes[i]) + "\"",
           std::to_string(m.transactions[i].load()));
  }

  head(out, "keycard_auth_login_failures_total", "counter", "Refused logins by reason (throttles not included).");
  counters(out, "keycard_auth_login_failures_total", "reason", m.login_failures);
  head(out, "keycard_auth_login_throttled_total", "counter",
       "Logins refused by the throttle, by what was throttled (account, address, known_address).");
  counters(out, "keycard_auth_login_throttled_total", "scope", m.login_throttled);

  head(out, "keycard_report_jobs_total", "counter",
       "Report jobs this instance worked on, by status: started, succeeded, failed, lease_lost, exhausted.");
  counters(out, "keycard_report_jobs_total", "status", m.report_jobs);
  return out;
}

}  // namespace keycard::metrics
