// Pure rules of invoices: the number's form, VAT included in prices, and a
// credit note's lines. No database, no JSON: unit-tested as tables
// (server/tests/unit/invoice_rules_test.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hotel/invoices/model.hpp"

namespace keycard::hotel::invoices::rules {

// "HQ-2027-000042": the property's code, the year and the sequence (at
// least six digits).
[[nodiscard]] std::string number(std::string_view property_code, std::int64_t year, std::int64_t sequence);

// Prices include VAT at `rate_bp` basis points: tax = gross × rate / (1 +
// rate), rounded half away from zero to the minor unit; net = gross - tax.
struct Tax {
  std::int64_t net = 0, tax = 0;
};
[[nodiscard]] Tax vat_included(std::int64_t gross_minor, std::int64_t rate_bp);

// The lines that reverse an invoice's: the same, with negated amounts.
[[nodiscard]] std::vector<InvoiceLine> reversed(const std::vector<InvoiceLine>& lines);

}  // namespace keycard::hotel::invoices::rules
