// What a status change leaves in resolved_at, and which statuses are open,
// as tables of cases.
#include "hotel/incidents/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::incidents::rules {
namespace {

TEST(IncidentRules, ResolvedAndClosedAreDoneTheRestIsOpen) {
  struct Case {
    const char* status;
    bool done;
  };
  const std::vector<Case> cases = {{"open", false}, {"in_progress", false}, {"resolved", true}, {"closed", true}};
  for (const auto& c : cases) EXPECT_EQ(is_done(c.status), c.done) << c.status;
  EXPECT_EQ(open_statuses(), (std::vector<std::string_view>{"open", "in_progress"}));
  EXPECT_EQ(open_statuses_sql(), "('open','in_progress')");
}

TEST(IncidentRules, ClosingSetsResolvedAtOnceAndReopeningClearsIt) {
  const std::string earlier = "2026-12-01T08:00:00.000Z";
  const std::string now = "2026-12-03T19:30:00.000Z";
  struct Case {
    const char* status;
    std::optional<std::string> before;
    std::optional<std::string> after;
  };
  const std::vector<Case> cases = {
      {"open", std::nullopt, std::nullopt},         // reported open
      {"in_progress", std::nullopt, std::nullopt},  // work started
      {"resolved", std::nullopt, now},              // resolved now
      {"closed", std::nullopt, now},                // closed straight away
      {"closed", earlier, earlier},                 // resolved, then closed: keeps the first time
      {"resolved", earlier, earlier},               // done stays done
      {"open", earlier, std::nullopt},              // reopened
      {"in_progress", earlier, std::nullopt},       // back to work
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolved_at(c.status, c.before, now), c.after) << c.status << " from " << c.before.value_or("none");
  }
}

}  // namespace
}  // namespace keycard::hotel::incidents::rules
