// IANA time zones from the system tz database (/usr/share/zoneinfo, or
// $TZDIR), read directly from the TZif files: libstdc++ 12 has no
// std::chrono::locate_zone, and TZ/tzset would change process-wide state
// under other threads' feet. Parsed zones are cached.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace keycard::hotel::tz {

// A name the tz database knows ("Europe/Berlin", "UTC").
[[nodiscard]] bool is_known_zone(std::string_view name);

// UTC offset in seconds of `zone` at `utc_seconds` (Unix time). Throws
// std::runtime_error for an unknown zone.
[[nodiscard]] std::int64_t utc_offset(std::string_view zone, std::int64_t utc_seconds);

// The calendar date (YYYY-MM-DD) in `zone` at the given moment.
[[nodiscard]] std::string local_date(std::string_view zone, std::chrono::system_clock::time_point at);
// The wall-clock time (HH:MM) in `zone` at the given moment.
[[nodiscard]] std::string local_time(std::string_view zone, std::chrono::system_clock::time_point at);

}  // namespace keycard::hotel::tz
