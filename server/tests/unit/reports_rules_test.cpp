// reports/rules and reports/catalog: the USALI figures, currency decimals,
// date ranges, file names and the parameter checks, as tables of cases.
#include "reports/rules.hpp"

#include <gtest/gtest.h>

#include "reports/catalog.hpp"

namespace keycard::reports {
namespace {

TEST(ReportRules, CurrencyDecimalsFollowIso4217) {
  EXPECT_EQ(currency_decimals("EUR"), 2);
  EXPECT_EQ(currency_decimals("JPY"), 0);
  EXPECT_EQ(currency_decimals("KRW"), 0);
  EXPECT_EQ(currency_decimals("KWD"), 3);
  EXPECT_EQ(currency_decimals("INR"), 2);
  EXPECT_EQ(money(12500, "EUR"), (Decimal{12500, 2}));
  EXPECT_EQ(money(1250, "JPY"), (Decimal{1250, 0}));
}

struct StatsCase {
  RoomStats stats;
  Decimal pct;
  std::optional<Decimal> adr;
  Decimal revpar;
};

TEST(ReportRules, OccupancyAdrAndRevpar) {
  const std::vector<StatsCase> cases = {
      {{2, 2, 22000}, {1000, 1}, Decimal{11000, 2}, {11000, 2}},
      {{2, 1, 10000}, {500, 1}, Decimal{10000, 2}, {5000, 2}},
      // 32000 / 3 = 10666.67 minor units: rounded half up to 10667.
      {{4, 3, 32000}, {750, 1}, Decimal{10667, 2}, {8000, 2}},
      // 1 of 3 = 33.33..% -> 33.3; 2 of 3 = 66.66..% -> 66.7.
      {{3, 1, 100}, {333, 1}, Decimal{100, 2}, {33, 2}},
      {{3, 2, 100}, {667, 1}, Decimal{50, 2}, {33, 2}},
      // Nothing sold: ADR is empty, not zero.
      {{5, 0, 0}, {0, 1}, std::nullopt, {0, 2}},
      // Nothing available (every room out of order).
      {{0, 0, 0}, {0, 1}, std::nullopt, {0, 2}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.stats.available) + "/" + std::to_string(c.stats.sold));
    EXPECT_EQ(occupancy_pct(c.stats), c.pct);
    EXPECT_EQ(adr(c.stats, "EUR"), c.adr);
    EXPECT_EQ(revpar(c.stats, "EUR"), c.revpar);
  }
  EXPECT_EQ(adr({1, 1, 1250}, "JPY"), (Decimal{1250, 0}));
}

TEST(ReportRules, SoldStatuses) {
  for (const auto* s : {"pending", "confirmed", "checked_in", "checked_out"}) EXPECT_TRUE(is_sold_status(s)) << s;
  for (const auto* s : {"cancelled", "no_show", ""}) EXPECT_FALSE(is_sold_status(s)) << s;
}

TEST(ReportRules, DateRanges) {
  EXPECT_FALSE(check_range("2026-12-01", "2026-12-01"));
  EXPECT_FALSE(check_range("2026-01-01", "2026-12-31"));  // 365 days
  EXPECT_FALSE(check_range("2028-01-01", "2028-12-31"));  // 366 days, a leap year
  EXPECT_FALSE(check_range("2026-01-01", "2027-01-01"));  // 366 days
  ASSERT_TRUE(check_range("2026-01-01", "2027-01-02"));   // 367 days
  EXPECT_EQ(check_range("2026-01-01", "2027-01-02")->field, "parameters.to");
  ASSERT_TRUE(check_range("2026-12-02", "2026-12-01"));
  EXPECT_EQ(check_range("2026-12-02", "2026-12-01")->field, "parameters.to");
  ASSERT_TRUE(check_range("2026-02-30", "2026-03-01"));
  EXPECT_EQ(check_range("2026-02-30", "2026-03-01")->field, "parameters.from");
  ASSERT_TRUE(check_range("2026-03-01", "tomorrow"));
  EXPECT_EQ(check_range("2026-03-01", "tomorrow")->field, "parameters.to");
}

TEST(ReportRules, FormatsAndFileNames) {
  EXPECT_EQ(parse_format("xlsx"), Format::xlsx);
  EXPECT_FALSE(parse_format("XLSX"));
  EXPECT_FALSE(parse_format("docx"));
  EXPECT_EQ(content_type(Format::pdf), "application/pdf");
  EXPECT_EQ(file_name("occupancy", "2026-12-01", "2026-12-31", Format::csv), "occupancy-2026-12-01-2026-12-31.csv");
  EXPECT_EQ(file_name("occupancy", "2026-12-01", "2026-12-01", Format::csv), "occupancy-2026-12-01-2026-12-01.csv");
  EXPECT_EQ(file_name("arrivals", "2026-12-02", std::nullopt, Format::pdf), "arrivals-2026-12-02.pdf");
}

TEST(ReportRules, ProgressNeverReaches100BeforeTheEnd) {
  EXPECT_EQ(progress_percent(0, 100), 0);
  EXPECT_EQ(progress_percent(50, 100), 50);
  EXPECT_EQ(progress_percent(100, 100), 99);
  EXPECT_EQ(progress_percent(150, 100), 99);
  EXPECT_EQ(progress_percent(10, 0), 0);
}

TEST(ReportCatalog, ValidatesParametersPerReport) {
  const auto* occ = find_report(Panel::hotel, "occupancy");
  ASSERT_NE(occ, nullptr);
  EXPECT_EQ(find_report(Panel::admin, "occupancy"), nullptr);
  EXPECT_NE(find_report(Panel::admin, "hotels"), nullptr);

  Parameters out;
  RawParameters raw;
  raw.values = {{"from", "2026-12-01"}, {"to", "2026-12-31"}, {"property_id", "0190F0C4-0000-7000-8000-00000000000A"}};
  EXPECT_TRUE(validate(*occ, raw, out).empty());
  EXPECT_EQ(out.get("property_id"), "0190f0c4-0000-7000-8000-00000000000a");

  raw.values = {{"to", "2026-12-31"}, {"property_id", "not-a-uuid"}, {"color", "red"}};
  raw.wrong_type = {"date"};
  const auto errors = validate(*occ, raw, out);
  EXPECT_EQ(errors.count("parameters.from"), 1u);
  EXPECT_EQ(errors.count("parameters.property_id"), 1u);
  EXPECT_EQ(errors.count("parameters.color"), 1u);
  EXPECT_EQ(errors.count("parameters.date"), 1u);

  const auto* arrivals = find_report(Panel::hotel, "arrivals");
  raw = {};
  raw.values = {{"date", "2026-12-02"}};
  EXPECT_TRUE(validate(*arrivals, raw, out).empty());
  EXPECT_EQ(file_name(*arrivals, out, Format::csv), "arrivals-2026-12-02.csv");

  const auto* audit = find_report(Panel::admin, "audit");
  raw.values = {{"from", "2026-12-01"}, {"to", "2026-12-01"}, {"tenant_id", "platform"}};
  EXPECT_TRUE(validate(*audit, raw, out).empty());
  raw.values["tenant_id"] = "somebody";
  EXPECT_EQ(validate(*audit, raw, out).count("parameters.tenant_id"), 1u);
}

}  // namespace
}  // namespace keycard::reports
