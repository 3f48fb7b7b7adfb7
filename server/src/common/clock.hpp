// Time as the database stores it: fixed-width RFC 3339 UTC with microseconds,
// so text comparison on SQLite orders like time does.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace keycard {

using TimePoint = std::chrono::system_clock::time_point;

[[nodiscard]] std::string format_time(TimePoint t);  // 2026-11-23T11:44:44.123456Z
[[nodiscard]] std::string now_text();
[[nodiscard]] std::int64_t unix_seconds(TimePoint t);
[[nodiscard]] TimePoint parse_time(std::string_view text);  // accepts our format and PostgreSQL's

}  // namespace keycard
