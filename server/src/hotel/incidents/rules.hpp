// Pure rules of incidents: which statuses are done (resolved, closed) and
// which are still open, and the resolved_at a status change leaves behind.
// Unit-tested as tables (server/tests/unit/incident_rules_test.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::incidents::rules {

// Resolved and closed incidents are done; open and in_progress ones are not.
[[nodiscard]] bool is_done(std::string_view status);
// The statuses that are not done (the list's `open` filter, the dashboard's
// open incidents): the one list; SQL gets it from open_statuses_sql().
[[nodiscard]] const std::vector<std::string_view>& open_statuses();
// "('open','in_progress')", for `status IN ...` in SQL.
[[nodiscard]] const std::string& open_statuses_sql();

// The resolved_at of an incident whose status is (now) `status`: a done
// incident keeps the time it was first done (`before`) or is done `now`; an
// incident that is not done has none (reopening clears it).
[[nodiscard]] std::optional<std::string> resolved_at(std::string_view status, const std::optional<std::string>& before,
                                                     const std::string& now);

}  // namespace keycard::hotel::incidents::rules
