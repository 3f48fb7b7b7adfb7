#include "hotel/properties/rules.hpp"

#include <algorithm>
#include <cctype>

#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"

namespace keycard::hotel::properties::rules {

std::string normalize_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::optional<std::string> code_error(std::string_view normalized) {
  const bool ok = normalized.size() >= 2 && std::all_of(normalized.begin(), normalized.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (ok) return std::nullopt;
  return "must be 2-20 letters, digits or hyphens";
}

std::optional<std::string> timezone_error(std::string_view zone) {
  if (tz::is_known_zone(zone)) return std::nullopt;
  return "must be an IANA time zone, e.g. Europe/Berlin";
}

std::optional<std::string> currency_error(std::string_view currency) {
  if (is_currency(currency)) return std::nullopt;
  return "must be an ISO 4217 code, e.g. EUR";
}

std::optional<std::string> clock_time_error(std::string_view time) {
  if (is_clock_time(time)) return std::nullopt;
  return "must be a time HH:MM";
}

bool currency_change_refused(std::string_view before, std::string_view after, bool has_reservations) {
  return before != after && has_reservations;
}

}  // namespace keycard::hotel::properties::rules
