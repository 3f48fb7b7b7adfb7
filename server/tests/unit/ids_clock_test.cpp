// common/ids and common/clock: UUID v7 layout and ordering, UUID checks,
// random tokens and SHA-256, and timestamps in our form and PostgreSQL's.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::uint64_t uuid_millis(const std::string& u) { return std::stoull(u.substr(0, 8) + u.substr(9, 4), nullptr, 16); }

TEST(UuidTest, NewUuidIsLowercaseVersion7Rfc4122) {
  for (int i = 0; i < 200; ++i) {
    const auto u = new_uuid();
    ASSERT_EQ(u.size(), 36U) << u;
    EXPECT_TRUE(is_uuid(u)) << u;
    for (std::size_t p : {8U, 13U, 18U, 23U}) EXPECT_EQ(u[p], '-') << u;
    EXPECT_EQ(u[14], '7') << "version nibble: " << u;
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos) << "variant bits: " << u;
    EXPECT_EQ(u.find_first_not_of("0123456789abcdef-"), std::string::npos) << u;
  }
}

TEST(UuidTest, CarriesTheCurrentUnixMilliseconds) {
  const auto ms = [] {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  };
  const auto before = ms();
  const auto u = new_uuid();
  const auto after = ms();
  EXPECT_GE(uuid_millis(u), before) << u;
  EXPECT_LE(uuid_millis(u), after) << u;
}

TEST(UuidTest, LaterUuidsSortAfterEarlierOnes) {
  const auto a = new_uuid();
  std::this_thread::sleep_for(milliseconds(3));
  const auto b = new_uuid();
  std::this_thread::sleep_for(milliseconds(3));
  const auto c = new_uuid();
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

TEST(UuidTest, NoCollisions) {
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) seen.insert(new_uuid());
  EXPECT_EQ(seen.size(), 5000U);
}

TEST(UuidTest, IsUuidCases) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"0190f0c4-0000-7000-8000-000000000001", true},   {"0190F0C4-ABCD-7EF0-8000-00000000000A", true},
      {"550e8400-e29b-41d4-a716-446655440000", true},  // v4: any version is a UUID
      {"00000000-0000-0000-0000-000000000000", true},   {"", false},
      {"0190f0c4-0000-7000-8000-00000000000", false},    // 35
      {"0190f0c4-0000-7000-8000-0000000000011", false},  // 37
      {"0190f0c400007000800000000000000001", false},    {"0190f0c4-0000-7000-8000_000000000001", false},
      {"0190f0c40-000-7000-8000-000000000001", false},  // hyphen moved
      {"0190f0g4-0000-7000-8000-000000000001", false},  // g
      {"{190f0c4-0000-7000-8000-00000000001}", false},  {"0190f0c4-0000-7000-8000-00000000000 ", false},
      {"../../../../../../../../etc/passwd00", false},
  };
  for (const auto& [text, valid] : cases) EXPECT_EQ(is_uuid(text), valid) << "'" << text << "'";
}

TEST(UuidTest, NormalizeLowercasesOrThrowsBadRequest) {
  EXPECT_EQ(normalize_uuid("0190F0C4-ABCD-7EF0-8000-00000000000A"), "0190f0c4-abcd-7ef0-8000-00000000000a");
  try {
    (void)normalize_uuid("not-a-uuid");
    FAIL() << "no exception";
  } catch (const BadRequest& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_uuid");
  }
}

TEST(RandomTokenTest, UrlSafeUnpaddedAndUnique) {
  const std::vector<std::pair<std::size_t, std::size_t>> lengths = {{32, 43}, {18, 24}, {1, 2}, {48, 64}};
  for (const auto& [bytes, chars] : lengths) {
    const auto t = random_token(bytes);
    EXPECT_EQ(t.size(), chars) << bytes;
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << t;
  }
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random_token());
  EXPECT_EQ(seen.size(), 1000U);
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string("a\0b", 3)), sha256_hex(std::string("a\0b", 3)));
  EXPECT_NE(sha256_hex(std::string("a\0b", 3)), sha256_hex("a"));
}

// ---- clock ----

TimePoint at(std::int64_t unix_seconds, std::int64_t micros = 0) {
  return TimePoint(seconds(unix_seconds)) + microseconds(micros);
}

TEST(ClockTest, FormatTimeIsFixedWidthUtc) {
  const std::vector<std::pair<TimePoint, std::string>> cases = {
      {at(0), "1970-01-01T00:00:00.000000Z"},
      {at(1'795'434'284, 123'000), "2026-11-23T11:44:44.123000Z"},
      {at(1'795'434'284, 999'999), "2026-11-23T11:44:44.999999Z"},
      {at(951'782'400), "2000-02-29T00:00:00.000000Z"},
      {at(0, -1), "1969-12-31T23:59:59.999999Z"},
      {at(-86'400, 500'000), "1969-12-31T00:00:00.500000Z"},
      {at(4'102'444'799), "2099-12-31T23:59:59.000000Z"},
  };
  for (const auto& [t, text] : cases) {
    EXPECT_EQ(format_time(t), text);
    EXPECT_EQ(format_time(t).size(), 27U);
  }
}

TEST(ClockTest, FormatTimeSortsLikeTime) {
  const auto a = format_time(at(1'795'434'284, 999'999));
  const auto b = format_time(at(1'795'434'285));
  const auto c = format_time(at(1'795'434'285, 1));
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

TEST(ClockTest, ParseTimeReadsOurFormAndPostgresForms) {
  const auto base = at(1'795'434'284);  // 2026-11-23 11:44:44 UTC
  const std::vector<std::pair<std::string, TimePoint>> cases = {
      {"2026-11-23T11:44:44.123456Z", base + microseconds(123'456)},
      {"2026-11-23T11:44:44Z", base},
      {"2026-11-23T11:44:44", base},
      {"2026-11-23 11:44:44.123+00", base + microseconds(123'000)},
      {"2026-11-23 11:44:44+00", base},
      {"2026-11-23 11:44:44.1+00:00", base + microseconds(100'000)},
      {"2026-11-23 11:44:44.000001+00", base + microseconds(1)},
      {"2026-11-23T11:44:44.1234567Z", base + microseconds(123'456)},  // beyond microseconds: cut
      {"2026-11-23T17:14:44+05:30", base},
      {"2026-11-23T17:14:44+0530", base},
      {"2026-11-23 13:44:44.5+02", base + microseconds(500'000)},
      {"2026-11-23T08:44:44-03", base},
      {"2026-11-23T08:14:44-03:30", base},
      {"2026-11-24T00:44:44+13", base},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(format_time(parse_time(text)), format_time(expected)) << text;
  }
}

TEST(ClockTest, ParseTimeRollsOutOfRangeFieldsOver) {
  // What timegm did: audit/api.cpp tells a real date from a rolled-over one.
  EXPECT_EQ(format_time(parse_time("2024-02-30T00:00:00Z")), "2024-03-01T00:00:00.000000Z");
  EXPECT_EQ(format_time(parse_time("2023-02-29T12:00:00Z")), "2023-03-01T12:00:00.000000Z");
  EXPECT_EQ(format_time(parse_time("2026-13-01T00:00:00Z")), "2027-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_time(parse_time("2026-12-31T24:00:00Z")), "2027-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_time(parse_time("1969-12-31T23:59:59.5Z")), "1969-12-31T23:59:59.500000Z");
}

TEST(ClockTest, ParseTimeRefusesGarbage) {
  for (const std::string text :
       {"", "garbage", "2026-11-23", "2026-11-23T11:44", "yesterday at noon", "2026/11/23 11:44:44",
        "2026-1-23T11:44:44Z", " 2026-11-23T11:44:44Z", "2026-11-23T11:4x:44Z"}) {
    EXPECT_THROW((void)parse_time(text), std::invalid_argument) << "'" << text << "'";
  }
}

TEST(ClockTest, RoundTrips) {
  const std::vector<TimePoint> points = {
      at(0),
      at(1'795'434'284, 123'456),
      at(1'795'434'284, 1),
      at(951'782'400, 999'999),
      at(4'102'444'799, 42),
      std::chrono::time_point_cast<microseconds>(std::chrono::system_clock::now()),
  };
  for (const auto& t : points) {
    const auto text = format_time(t);
    EXPECT_EQ(parse_time(text), t) << text;
    EXPECT_EQ(format_time(parse_time(text)), text);
  }
}

TEST(ClockTest, NowTextAndUnixSeconds) {
  const auto before = std::chrono::system_clock::now();
  const auto text = now_text();
  const auto after = std::chrono::system_clock::now();
  const auto parsed = parse_time(text);
  EXPECT_GE(parsed, std::chrono::time_point_cast<microseconds>(before));
  EXPECT_LE(parsed, after);
  EXPECT_EQ(unix_seconds(at(1'795'434'284, 999'999)), 1'795'434'284);
  EXPECT_EQ(unix_seconds(at(0)), 0);
}

}  // namespace
}  // namespace keycard
