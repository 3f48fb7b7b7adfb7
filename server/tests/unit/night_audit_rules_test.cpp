// The night audit's selection of stays, its figures, when it may run and
// when the scheduler runs it, as tables.
#include "hotel/night_audit/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keycard::hotel::night_audit::rules {
namespace {

using reservations::Status;

reservations::Reservation stay(Status status, std::string check_in, std::string check_out) {
  reservations::Reservation r;
  r.status = status;
  r.check_in_date = std::move(check_in);
  r.check_out_date = std::move(check_out);
  return r;
}

TEST(NightAuditRules, ClosingADateSelectsChargesNoShowsCancellationsAndOverdueStays) {
  const std::string d = "2027-03-10";
  const std::vector<reservations::Reservation> stays = {
      stay(Status::checked_in, "2027-03-09", "2027-03-12"),  // 0: in house
      stay(Status::checked_in, "2027-03-10", "2027-03-11"),  // 1: arrived today, in house
      stay(Status::checked_in, "2027-03-08", "2027-03-10"),  // 2: should have left today
      stay(Status::checked_in, "2027-03-05", "2027-03-09"),  // 3: should have left yesterday
      stay(Status::confirmed, "2027-03-10", "2027-03-12"),   // 4: did not arrive today: no-show
      stay(Status::confirmed, "2027-03-08", "2027-03-12"),   // 5: did not arrive two days ago: no-show
      stay(Status::confirmed, "2027-03-11", "2027-03-12"),   // 6: arrives tomorrow: untouched
      stay(Status::pending, "2027-03-10", "2027-03-11"),     // 7: never confirmed: cancelled
      stay(Status::pending, "2027-03-12", "2027-03-13"),     // 8: later: untouched
  };
  const auto p = plan(stays, d);
  EXPECT_EQ(p.charge, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(p.overdue, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(p.no_show, (std::vector<std::size_t>{4, 5}));
  EXPECT_EQ(p.cancel, (std::vector<std::size_t>{7}));
}

TEST(NightAuditRules, FiguresAreRoundedHalfUpAndZeroWithoutRooms) {
  struct Case {
    std::int64_t available, sold, revenue;
    double occupancy;
    std::int64_t adr, revpar;
  };
  const std::vector<Case> cases = {
      {10, 4, 48000, 0.4, 12000, 4800}, {3, 2, 25001, 0.6667, 12501, 8334}, {0, 0, 0, 0.0, 0, 0}, {5, 0, 0, 0.0, 0, 0},
      {8, 8, 80000, 1.0, 10000, 10000}, {3, 1, 10001, 0.3333, 10001, 3334},
  };
  for (const auto& c : cases) {
    const auto f = figures(c.available, c.sold, c.revenue);
    EXPECT_DOUBLE_EQ(f.occupancy, c.occupancy) << c.available << "/" << c.sold;
    EXPECT_EQ(f.adr_minor, c.adr) << c.revenue << "/" << c.sold;
    EXPECT_EQ(f.revpar_minor, c.revpar) << c.revenue << "/" << c.available;
  }
}

TEST(NightAuditRules, OnlyTheCurrentDateCloses_AndOnlyOnceItHasEnded) {
  EXPECT_EQ(refusal("2027-03-10", "2027-03-10", "2027-03-11"), std::nullopt);
  EXPECT_EQ(refusal("2027-03-10", "2027-03-10", "2027-03-14"), std::nullopt);
  EXPECT_EQ(refusal("2027-03-10", "2027-03-10", "2027-03-10"), "audit_too_early");
  EXPECT_EQ(refusal("2027-03-11", "2027-03-10", "2027-03-12"), "audit_date_mismatch");
}

TEST(NightAuditRules, TheSchedulerRunsOnceTheAuditTimeHasPassedAfterTheDate) {
  struct Case {
    std::string business_date, local_date, local_time, audit_time;
    bool due;
  };
  const std::vector<Case> cases = {
      {"2027-03-10", "2027-03-10", "23:59", "03:00", false},  // the day is not over
      {"2027-03-10", "2027-03-11", "02:59", "03:00", false},  // before the audit time
      {"2027-03-10", "2027-03-11", "03:00", "03:00", true},
      {"2027-03-10", "2027-03-11", "14:00", "03:00", true},
      {"2027-03-10", "2027-03-12", "00:10", "03:00", true},  // a day missed: catch up
      {"2027-03-10", "2027-03-11", "00:00", "00:00", true},
      {"2027-03-31", "2027-04-01", "04:00", "03:00", true},  // across a month
  };
  for (const auto& c : cases) {
    EXPECT_EQ(due(c.business_date, c.local_date, c.local_time, c.audit_time), c.due)
        << c.business_date << " at " << c.local_date << " " << c.local_time;
  }
}

}  // namespace
}  // namespace keycard::hotel::night_audit::rules
