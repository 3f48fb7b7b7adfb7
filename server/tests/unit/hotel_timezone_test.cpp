// hotel/shared/timezone: the business date at a property, which decides
// whether a stay may check in. Checked on both sides of DST changes (Lisbon,
// New York, Lord Howe's half hour, Sydney's southern summer), in years past
// the zone files' explicit transitions (the POSIX rule of the footer), at
// +14/-11 and +05:30, against values from Python's zoneinfo.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "hotel/shared/timezone.hpp"

namespace keycard::hotel::tz {
namespace {

std::chrono::system_clock::time_point at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

std::int64_t unix(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

struct Case {
  const char* zone;
  std::chrono::system_clock::time_point utc;
  const char* date;
  std::int64_t offset;
};

TEST(HotelTimezoneTest, LocalDateAndOffsetAroundDstChanges) {
  const Case cases[] = {
      // Lisbon: WET -> WEST on 2026-03-29 01:00 UTC, back on 2026-10-25 01:00 UTC.
      {"Europe/Lisbon", at(2026, 3, 28, 23, 59, 59), "2026-03-28", 0},
      {"Europe/Lisbon", at(2026, 3, 29, 0, 59, 59), "2026-03-29", 0},
      {"Europe/Lisbon", at(2026, 3, 29, 1, 0, 0), "2026-03-29", 3600},
      {"Europe/Lisbon", at(2026, 10, 24, 23, 30, 0), "2026-10-25", 3600},
      {"Europe/Lisbon", at(2026, 10, 25, 23, 30, 0), "2026-10-25", 0},
      // New York: EST -> EDT on 2026-03-08, back on 2026-11-01.
      {"America/New_York", at(2026, 3, 8, 4, 59, 59), "2026-03-07", -18000},
      {"America/New_York", at(2026, 3, 8, 5, 0, 0), "2026-03-08", -18000},
      {"America/New_York", at(2026, 3, 9, 3, 59, 59), "2026-03-08", -14400},
      {"America/New_York", at(2026, 11, 1, 3, 59, 59), "2026-10-31", -14400},
      {"America/New_York", at(2026, 11, 1, 4, 0, 0), "2026-11-01", -14400},
      {"America/New_York", at(2026, 11, 2, 4, 30, 0), "2026-11-01", -18000},
      // Years after the explicit transitions: the footer's rule applies.
      {"Europe/Lisbon", at(2045, 3, 25, 23, 30, 0), "2045-03-25", 0},
      {"Europe/Lisbon", at(2045, 3, 26, 23, 30, 0), "2045-03-27", 3600},
      {"America/New_York", at(2045, 3, 12, 4, 30, 0), "2045-03-11", -18000},
      {"America/New_York", at(2045, 3, 13, 3, 30, 0), "2045-03-12", -14400},
      {"America/New_York", at(2045, 7, 1, 3, 30, 0), "2045-06-30", -14400},
      {"America/New_York", at(2045, 12, 1, 4, 30, 0), "2045-11-30", -18000},
      {"Australia/Sydney", at(2045, 1, 15, 12, 0, 0), "2045-01-15", 39600},
      {"Australia/Sydney", at(2045, 7, 15, 13, 30, 0), "2045-07-15", 36000},
      {"Australia/Sydney", at(2045, 7, 15, 14, 0, 0), "2045-07-16", 36000},
      // Half-hour DST and half-hour zones, the date line.
      {"Australia/Lord_Howe", at(2026, 10, 4, 13, 0, 0), "2026-10-05", 39600},
      {"Asia/Kolkata", at(2026, 1, 1, 18, 29, 59), "2026-01-01", 19800},
      {"Asia/Kolkata", at(2026, 1, 1, 18, 30, 0), "2026-01-02", 19800},
      {"Pacific/Kiritimati", at(2026, 1, 1, 10, 0, 0), "2026-01-02", 50400},
      {"Pacific/Pago_Pago", at(2026, 1, 1, 10, 0, 0), "2025-12-31", -39600},
      // A leap day.
      {"UTC", at(2028, 2, 29, 12, 0, 0), "2028-02-29", 0},
      {"Europe/Berlin", at(2028, 2, 29, 23, 0, 0), "2028-03-01", 3600},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(local_date(c.zone, c.utc), c.date) << c.zone << " at " << unix(c.utc);
    EXPECT_EQ(utc_offset(c.zone, unix(c.utc)), c.offset) << c.zone << " at " << unix(c.utc);
  }
}

TEST(HotelTimezoneTest, LocalTimeIsTheWallClockOfTheZone) {
  struct Case {
    const char* zone;
    std::chrono::system_clock::time_point utc;
    const char* time;
  };
  const std::vector<Case> cases = {
      {"UTC", at(2026, 12, 4, 0, 0, 0), "00:00"},
      {"UTC", at(2026, 12, 4, 23, 59, 59), "23:59"},
      {"Europe/Berlin", at(2026, 12, 4, 2, 5, 0), "03:05"},      // CET
      {"Europe/Berlin", at(2026, 7, 4, 2, 5, 0), "04:05"},       // CEST
      {"Asia/Kolkata", at(2026, 1, 1, 21, 45, 0), "03:15"},      // +05:30
      {"America/New_York", at(2026, 11, 1, 3, 59, 0), "23:59"},  // the evening before
      {"Pacific/Pago_Pago", at(2026, 1, 1, 10, 0, 0), "23:00"},
  };
  for (const auto& c : cases) EXPECT_EQ(local_time(c.zone, c.utc), c.time) << c.zone << " at " << unix(c.utc);
}

TEST(HotelTimezoneTest, KnowsIanaNamesAndRefusesOthers) {
  for (const char* zone :
       {"Europe/Lisbon", "America/New_York", "UTC", "Asia/Kolkata", "America/Argentina/Buenos_Aires"}) {
    EXPECT_TRUE(is_known_zone(zone)) << zone;
  }
  for (const char* zone :
       {"", "Mars/Olympus", "../../etc/passwd", "/etc/passwd", "Europe/../UTC", "Europe/Lisbon\n", "Europe Lisbon"}) {
    EXPECT_FALSE(is_known_zone(zone)) << zone;
  }
  EXPECT_THROW((void)utc_offset("Mars/Olympus", 0), std::runtime_error);
}

}  // namespace
}  // namespace keycard::hotel::tz
