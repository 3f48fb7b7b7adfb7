// Pure rules of properties: the code's normal form, and the checks of a
// property's settings (time zone, currency, check-in and check-out times).
// Unit-tested as tables (server/tests/unit/property_rules_test.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace keycard::hotel::properties::rules {

// A property's code is kept upper-case: "ber-1" is stored as "BER-1".
[[nodiscard]] std::string normalize_code(std::string_view code);
// The field error of a normalised code (2-20 letters, digits or hyphens; the
// length limit itself is the body's), or nullopt when it is fine.
[[nodiscard]] std::optional<std::string> code_error(std::string_view normalized);
// The field errors of a time zone (an IANA name), a currency (ISO 4217
// shape) and a check-in or check-out time (HH:MM), or nullopt.
[[nodiscard]] std::optional<std::string> timezone_error(std::string_view zone);
[[nodiscard]] std::optional<std::string> currency_error(std::string_view currency);
[[nodiscard]] std::optional<std::string> clock_time_error(std::string_view time);
// Reservations keep the currency they were priced in, so a property's
// currency may change only while it has no reservations.
[[nodiscard]] bool currency_change_refused(std::string_view before, std::string_view after, bool has_reservations);

}  // namespace keycard::hotel::properties::rules
