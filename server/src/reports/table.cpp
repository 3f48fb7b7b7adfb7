#include "reports/table.hpp"

#include <cstdint>
#include <string>
#include <variant>

namespace keycard::reports {

std::string_view type_name(ColumnType t) {
  switch (t) {
    case ColumnType::text:
      return "text";
    case ColumnType::integer:
      return "integer";
    case ColumnType::decimal:
      return "decimal";
    case ColumnType::money:
      return "money";
    case ColumnType::percent:
      return "percent";
    case ColumnType::date:
      return "date";
    case ColumnType::timestamp:
      return "timestamp";
  }
  return "text";
}

std::string to_string(const Decimal& d) {
  // The magnitude as unsigned so that INT64_MIN has one too.
  const bool negative = d.units < 0;
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(d.units) + 1 : static_cast<std::uint64_t>(d.units);
  std::string digits = std::to_string(magnitude);
  if (d.scale < 0) {
    // A negative scale multiplies: {5, -2} is 500.
    if (magnitude != 0) digits.append(static_cast<std::size_t>(-static_cast<std::int64_t>(d.scale)), '0');
  } else if (d.scale > 0) {
    const auto scale = static_cast<std::size_t>(d.scale);
    if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, 1, '.');
  }
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

std::string cell_text(const Cell& c) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(const Decimal& d) const { return to_string(d); }
  };
  return std::visit(Visitor{}, c);
}

}  // namespace keycard::reports
