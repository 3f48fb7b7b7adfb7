#include "reports/rules.hpp"

#include <array>

#include "hotel/shared/support.hpp"

namespace keycard::reports {
namespace {

// (a × 10^scale + b/2) / b for a ≥ 0: a ÷ b rounded half up at `scale` decimals.
std::int64_t divide_rounded(std::int64_t a, std::int64_t b, int scale) {
  std::int64_t factor = 1;
  for (int i = 0; i < scale; ++i) factor *= 10;
  const auto n = a * factor;  // room counts and minor units: far below the int64 range
  return (n * 2 + b) / (b * 2);
}

}  // namespace

std::optional<Format> parse_format(std::string_view text) {
  if (text == "csv") return Format::csv;
  if (text == "xlsx") return Format::xlsx;
  if (text == "pdf") return Format::pdf;
  if (text == "json") return Format::json;
  return std::nullopt;
}

std::string_view format_name(Format f) { return extension(f); }

std::string_view extension(Format f) {
  switch (f) {
    case Format::csv:
      return "csv";
    case Format::xlsx:
      return "xlsx";
    case Format::pdf:
      return "pdf";
    case Format::json:
      return "json";
  }
  return "bin";
}

std::string_view content_type(Format f) {
  switch (f) {
    case Format::csv:
      return "text/csv; charset=utf-8";
    case Format::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case Format::pdf:
      return "application/pdf";
    case Format::json:
      return "application/json";
  }
  return "application/octet-stream";
}

int currency_decimals(std::string_view c) {
  static constexpr std::array<std::string_view, 17> kZero = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                             "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                                             "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::array<std::string_view, 7> kThree = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (auto z : kZero) {
    if (c == z) return 0;
  }
  for (auto t : kThree) {
    if (c == t) return 3;
  }
  return 2;
}

Decimal money(std::int64_t minor, std::string_view currency) { return {minor, currency_decimals(currency)}; }

Decimal occupancy_pct(const RoomStats& s) {
  if (s.available <= 0) return {0, 1};
  return {divide_rounded(s.sold * 100, s.available, 1), 1};
}

std::optional<Decimal> adr(const RoomStats& s, std::string_view currency) {
  if (s.sold <= 0) return std::nullopt;
  // Minor units ÷ sold, rounded to whole minor units: the currency's decimals.
  return Decimal{divide_rounded(s.revenue_minor, s.sold, 0), currency_decimals(currency)};
}

Decimal revpar(const RoomStats& s, std::string_view currency) {
  if (s.available <= 0) return {0, currency_decimals(currency)};
  return {divide_rounded(s.revenue_minor, s.available, 0), currency_decimals(currency)};
}

bool is_sold_status(std::string_view s) {
  return s == "pending" || s == "confirmed" || s == "checked_in" || s == "checked_out";
}

std::optional<FieldProblem> check_range(std::string_view from, std::string_view to) {
  if (!hotel::is_valid_date(from)) return FieldProblem{"parameters.from", "must be a date YYYY-MM-DD"};
  if (!hotel::is_valid_date(to)) return FieldProblem{"parameters.to", "must be a date YYYY-MM-DD"};
  const auto days = hotel::days_from_date(to) - hotel::days_from_date(from) + 1;
  if (days < 1) return FieldProblem{"parameters.to", "must not be before from"};
  if (days > kMaxRangeDays) {
    return FieldProblem{"parameters.to", "the range may cover at most " + std::to_string(kMaxRangeDays) + " days"};
  }
  return std::nullopt;
}

std::string file_name(std::string_view report_id, const std::optional<std::string>& from,
                      const std::optional<std::string>& to, Format f) {
  std::string name(report_id);
  if (from) name += "-" + *from;
  if (to) name += "-" + *to;
  name += ".";
  name += extension(f);
  return name;
}

int progress_percent(std::int64_t done, std::int64_t expected) {
  if (expected <= 0 || done <= 0) return 0;
  if (done >= expected) return 99;
  return static_cast<int>(done * 100 / expected);
}

}  // namespace keycard::reports
