#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace keycard::metrics {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(MetricsHistogram, PutsEachObservationInItsBucketAndCountsCumulatively) {
  Histogram h;
  h.observe(microseconds(500));  // <= 0.001
  h.observe(milliseconds(1));    // == 0.001: a bound is inclusive (le)
  h.observe(milliseconds(2));    // <= 0.0025
  h.observe(milliseconds(300));  // <= 0.5
  h.observe(seconds(100));       // only +Inf
  const auto c = h.cumulative();
  EXPECT_EQ(c[0], 2U);
  EXPECT_EQ(c[1], 3U);
  EXPECT_EQ(c[7], 3U);  // <= 0.25
  EXPECT_EQ(c[8], 4U);  // <= 0.5
  EXPECT_EQ(c[kBuckets.size() - 1], 4U);
  EXPECT_EQ(c.back(), 5U);
  EXPECT_EQ(h.count(), 5U);
  EXPECT_NEAR(h.sum_seconds(), 100.3035, 1e-9);
}

TEST(MetricsHistogram, ANegativeDurationCountsAsZero) {
  Histogram h;
  h.observe(std::chrono::nanoseconds(-5));
  EXPECT_EQ(h.cumulative()[0], 1U);
  EXPECT_EQ(h.sum_seconds(), 0.0);
}

// The value of one sample line of the rendered text, or "" when absent.
std::string value_of(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return "";
  const auto start = at + series.size() + 2;
  return text.substr(start, text.find('\n', start) - start);
}

TEST(MetricsRender, WritesTheTextFormatWithHelpTypeAndShortBucketBounds) {
  observe_request("GET", "/api/test/render/{id}", 200, milliseconds(3));
  const auto text = render();
  for (const char* family :
       {"keycard_http_requests_in_flight", "keycard_http_request_duration_seconds", "keycard_db_pool_size",
        "keycard_db_pool_open", "keycard_db_pool_in_use", "keycard_db_pool_wait_seconds",
        "keycard_db_pool_timeouts_total", "keycard_db_transactions_total", "keycard_auth_login_failures_total",
        "keycard_auth_login_throttled_total", "keycard_report_jobs_total", "keycard_build_info"}) {
    EXPECT_NE(text.find(std::string("# TYPE ") + family + " "), std::string::npos) << family;
    EXPECT_NE(text.find(std::string("# HELP ") + family + " "), std::string::npos) << family;
  }
  const std::string labels = R"(method="GET",route="/api/test/render/{id}",status="200")";
  EXPECT_EQ(value_of(text, "keycard_http_request_duration_seconds_bucket{" + labels + R"(,le="0.0025"})"), "0");
  EXPECT_EQ(value_of(text, "keycard_http_request_duration_seconds_bucket{" + labels + R"(,le="0.005"})"), "1");
  EXPECT_EQ(value_of(text, "keycard_http_request_duration_seconds_bucket{" + labels + R"(,le="+Inf"})"), "1");
  EXPECT_EQ(value_of(text, "keycard_http_request_duration_seconds_count{" + labels + "}"), "1");
  EXPECT_EQ(value_of(text, "keycard_http_request_duration_seconds_sum{" + labels + "}"), "0.003");
}

TEST(MetricsRender, EscapesLabelValues) {
  observe_request("GET", "/a\"b\\c\nd", 404, milliseconds(1));
  const auto text = render();
  EXPECT_NE(text.find(R"(route="/a\"b\\c\nd")"), std::string::npos);
}

TEST(MetricsLogin, CountsFailuresByReasonAndThrottlesByScopeButNotSuccesses) {
  const auto before = render();
  const auto failures = [](const std::string& t) {
    const auto v = value_of(t, R"(keycard_auth_login_failures_total{reason="unit_test_reason"})");
    return v.empty() ? 0 : std::stoi(v);
  };
  const auto throttled = [](const std::string& t) {
    const auto v = value_of(t, R"(keycard_auth_login_throttled_total{scope="unit_test_scope"})");
    return v.empty() ? 0 : std::stoi(v);
  };
  count_login("unit_test_reason");
  count_login("unit_test_reason");
  count_login("throttled_unit_test_scope");
  count_login("success");
  const auto after = render();
  EXPECT_EQ(failures(after), failures(before) + 2);
  EXPECT_EQ(throttled(after), throttled(before) + 1);
  EXPECT_EQ(after.find(R"(reason="success")"), std::string::npos);
  EXPECT_EQ(after.find(R"(reason="throttled_)"), std::string::npos);
}

TEST(MetricsGauges, FollowInFlightRequestsAndThePool) {
  const auto gauge = [](const std::string& name) { return std::stoll(value_of(render(), name)); };
  const auto in_flight = gauge("keycard_http_requests_in_flight");
  {
    const InFlight a;
    const InFlight b;
    EXPECT_EQ(gauge("keycard_http_requests_in_flight"), in_flight + 2);
  }
  EXPECT_EQ(gauge("keycard_http_requests_in_flight"), in_flight);
  const auto in_use = gauge("keycard_db_pool_in_use");
  pool_lent(3);
  EXPECT_EQ(gauge("keycard_db_pool_in_use"), in_use + 3);
  pool_lent(-3);
  EXPECT_EQ(gauge("keycard_db_pool_in_use"), in_use);
}

TEST(MetricsTransactions, CountsEachOutcome) {
  const auto count = [](const char* outcome) {
    return std::stoll(value_of(render(), std::string(R"(keycard_db_transactions_total{outcome=")") + outcome + "\"}"));
  };
  const auto retry = count("retry");
  const auto commit = count("commit");
  count_transaction(TxOutcome::retry);
  EXPECT_EQ(count("retry"), retry + 1);
  EXPECT_EQ(count("commit"), commit);
}

}  // namespace
}  // namespace keycard::metrics
