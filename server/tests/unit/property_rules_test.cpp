// Property codes and settings checks, as tables of cases.
#include "hotel/properties/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::properties::rules {
namespace {

TEST(PropertyRules, CodesAreUpperCasedAndMustBeLettersDigitsOrHyphens) {
  struct Case {
    const char* sent;
    const char* stored;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"ber-1", "BER-1", true}, {"HQ", "HQ", true},        {"a1", "A1", true},        {"x", "X", false},
      {"", "", false},          {"ber 1", "BER 1", false}, {"ber_1", "BER_1", false}, {"münchen", "MüNCHEN", false},
      {"--", "--", true},
  };
  for (const auto& c : cases) {
    const auto normalized = normalize_code(c.sent);
    EXPECT_EQ(normalized, c.stored) << c.sent;
    EXPECT_EQ(!code_error(normalized).has_value(), c.valid) << c.sent;
  }
  EXPECT_EQ(code_error("X"), "must be 2-20 letters, digits or hyphens");
}

TEST(PropertyRules, SettingsAreChecked) {
  struct Case {
    const char* field;
    const char* value;
    std::optional<std::string> error;
  };
  const std::vector<Case> cases = {
      {"timezone", "Europe/Berlin", std::nullopt},
      {"timezone", "UTC", std::nullopt},
      {"timezone", "Mars/Olympus", "must be an IANA time zone, e.g. Europe/Berlin"},
      {"currency", "EUR", std::nullopt},
      {"currency", "eur", "must be an ISO 4217 code, e.g. EUR"},
      {"currency", "EU", "must be an ISO 4217 code, e.g. EUR"},
      {"time", "15:00", std::nullopt},
      {"time", "00:00", std::nullopt},
      {"time", "23:59", std::nullopt},
      {"time", "24:00", "must be a time HH:MM"},
      {"time", "9:00", "must be a time HH:MM"},
      {"time", "12:60", "must be a time HH:MM"},
      {"time", "", "must be a time HH:MM"},
  };
  for (const auto& c : cases) {
    const std::string field = c.field;
    const auto error = field == "timezone"   ? timezone_error(c.value)
                       : field == "currency" ? currency_error(c.value)
                                             : clock_time_error(c.value);
    EXPECT_EQ(error, c.error) << c.field << " " << c.value;
  }
}

TEST(PropertyRules, TheCurrencyStaysOnceThereAreReservations) {
  struct Case {
    const char* before;
    const char* after;
    bool has_reservations, refused;
  };
  const std::vector<Case> cases = {
      {"EUR", "EUR", true, false},
      {"EUR", "USD", true, true},
      {"EUR", "USD", false, false},
      {"EUR", "EUR", false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(currency_change_refused(c.before, c.after, c.has_reservations), c.refused)
        << c.before << " -> " << c.after << (c.has_reservations ? " with" : " without") << " reservations";
  }
}

}  // namespace
}  // namespace keycard::hotel::properties::rules
