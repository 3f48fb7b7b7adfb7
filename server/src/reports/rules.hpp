// The pure rules of reports: formats and file names, currency decimals, the
// USALI room statistics, and the checks on a report's date range. No
// database, no I/O: unit-tested in tests/unit/reports_rules_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reports/table.hpp"

namespace keycard::reports {

enum class Format { csv, xlsx, pdf, json };

[[nodiscard]] std::optional<Format> parse_format(std::string_view text);
[[nodiscard]] std::string_view format_name(Format f);   // "csv"
[[nodiscard]] std::string_view extension(Format f);     // "csv", "xlsx", "pdf", "json"
[[nodiscard]] std::string_view content_type(Format f);  // "text/csv; charset=utf-8", ...

// ISO 4217 minor units: 0 for JPY, KRW, ...; 3 for BHD, KWD, ...; else 2.
[[nodiscard]] int currency_decimals(std::string_view currency);
// An amount in minor units as major units with the currency's decimals.
[[nodiscard]] Decimal money(std::int64_t minor, std::string_view currency);

// Room statistics of one property for one night or a range (USALI):
// available = rooms minus out of order, sold = room nights held by a sold
// stay, revenue = those nights' rates (minor units).
struct RoomStats {
  std::int64_t available = 0;
  std::int64_t sold = 0;
  std::int64_t revenue_minor = 0;
};
// sold ÷ available × 100, one decimal, rounded half up; 0.0 when nothing is available.
[[nodiscard]] Decimal occupancy_pct(const RoomStats& s);
// revenue ÷ sold, in the currency's decimals; nullopt (an empty cell) when nothing was sold.
[[nodiscard]] std::optional<Decimal> adr(const RoomStats& s, std::string_view currency);
// revenue ÷ available, in the currency's decimals; 0 when nothing is available.
[[nodiscard]] Decimal revpar(const RoomStats& s, std::string_view currency);

// Statuses whose nights are sold: pending, confirmed, checked_in, checked_out.
[[nodiscard]] bool is_sold_status(std::string_view status);

// The longest range a report takes, in days (inclusive).
inline constexpr std::int64_t kMaxRangeDays = 366;

// The error for a date range (inclusive `from`..`to`), or nullopt when it is
// good: {field, message}.
struct FieldProblem {
  std::string field;
  std::string message;
};
[[nodiscard]] std::optional<FieldProblem> check_range(std::string_view from, std::string_view to);

// "occupancy-2026-12-01-2026-12-31.csv", "arrivals-2026-12-02.pdf",
// "hotels.xlsx": the report id plus the dates it covers.
[[nodiscard]] std::string file_name(std::string_view report_id, const std::optional<std::string>& from,
                                    const std::optional<std::string>& to, Format f);

// How far a job is: rows done of an expected total, 0..100, never 100 before it is finished.
[[nodiscard]] int progress_percent(std::int64_t done, std::int64_t expected);

}  // namespace keycard::reports
