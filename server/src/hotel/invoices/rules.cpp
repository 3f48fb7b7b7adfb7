#include "hotel/invoices/rules.hpp"

namespace keycard::hotel::invoices::rules {

std::string number(std::string_view property_code, std::int64_t year, std::int64_t sequence) {
  auto digits = std::to_string(sequence);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return std::string(property_code) + "-" + std::to_string(year) + "-" + digits;
}

Tax vat_included(std::int64_t gross_minor, std::int64_t rate_bp) {
  const bool negative = gross_minor < 0;
  const std::int64_t gross = negative ? -gross_minor : gross_minor;
  const std::int64_t divisor = 10000 + rate_bp;
  // round(gross × rate / divisor), half up, without forming gross × rate
  // (a large invoice times a rate does not fit in 64 bits): the whole
  // divisions of gross contribute exactly, only the remainder is rounded.
  const std::int64_t whole = gross / divisor, rest = gross % divisor;
  const std::int64_t tax = whole * rate_bp + (2 * rest * rate_bp + divisor) / (2 * divisor);
  return negative ? Tax{-(gross - tax), -tax} : Tax{gross - tax, tax};
}

std::vector<InvoiceLine> reversed(const std::vector<InvoiceLine>& lines) {
  std::vector<InvoiceLine> out = lines;
  for (auto& l : out) {
    l.unit_price_minor = -l.unit_price_minor;
    l.amount_minor = -l.amount_minor;
  }
  return out;
}

}  // namespace keycard::hotel::invoices::rules
