// Process-wide metrics in the Prometheus text format (version 0.0.4),
// served on the metrics listener (KEYCARD_METRICS_LISTEN). Instruments are
// lock-free on the hot path (atomics); a labelled series is found under a
// mutex once and then kept, so label values must come from a bounded set
// (route templates, status codes, outcome names), never from user input.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace keycard::metrics {

// Latency buckets, in seconds (Prometheus' client defaults plus 1 ms).
inline constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                 0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

class Histogram {
 public:
  void observe(std::chrono::nanoseconds d);
  // Cumulative counts per bucket bound, then +Inf (== count()).
  [[nodiscard]] std::array<std::uint64_t, kBuckets.size() + 1> cumulative() const;
  [[nodiscard]] std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  [[nodiscard]] double sum_seconds() const;

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // non-cumulative; last is +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_ns_{0};
};

// --- what the server records ---------------------------------------------------

// One answered request: its method, route template ("unmatched" for a path
// no route has, "static" for the web app's files) and status.
void observe_request(std::string_view method, std::string_view route, int status, std::chrono::nanoseconds duration);

// An answer the HTTP layer gave before any route saw the request (a
// malformed request, a body or head over the limits, a target that is no
// URL: 400, 413, 431, 501), or a connection refused past the caps (503).
void count_transport_refusal(int status);

// Connections open on the API listener (the metrics listener's are not counted).
void connections_open(std::int64_t delta);

// Requests being handled, for the lifetime of the guard.
class InFlight {
 public:
  InFlight();
  ~InFlight();
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
};

// The database pools: their maximum (summed), connections open and lent out, the time
// an acquire waited, and acquires that gave up.
void pool_resized(std::int64_t delta);
void pool_opened(std::int64_t delta);
void pool_lent(std::int64_t delta);
void observe_pool_wait(std::chrono::nanoseconds waited);
void count_pool_timeout();

enum class TxOutcome { commit, rollback, retry };
void count_transaction(TxOutcome outcome);

// A login attempt's outcome as logged ("success", "invalid_credentials",
// "throttled_account", ...): failures and throttles are counted.
void count_login(std::string_view outcome);

// A report job that started, succeeded, failed, lost its lease or was given up.
void count_report_job(std::string_view status);

// Everything above, in the Prometheus text exposition format.
[[nodiscard]] std::string render();

}  // namespace keycard::metrics
