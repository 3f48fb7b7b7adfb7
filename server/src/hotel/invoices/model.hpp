// An invoice of a reservation's folio, or a credit note that reverses one:
// numbered per property and year without gaps, immutable once issued, with
// the hotel's and the guest's details as they were at issue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::invoices {

struct InvoiceLine {
  std::string business_date, description;
  std::int64_t quantity = 1, unit_price_minor = 0, amount_minor = 0;
};

struct Invoice {
  std::string id, tenant_id, property_id, reservation_id, kind, number;
  std::int64_t year = 0, sequence = 0;
  std::optional<std::string> credit_of;
  std::optional<std::string> credited_by;  // read only: the credit note that reverses it
  std::string business_date, seller_name;
  std::optional<std::string> seller_address;
  std::string buyer_name;
  std::optional<std::string> buyer_email;
  std::string confirmation_number, currency;
  std::int64_t vat_rate_bp = 0, net_minor = 0, tax_minor = 0, gross_minor = 0, paid_minor = 0;
  std::optional<std::string> reason, issued_by;
  std::string issued_at;
  std::vector<InvoiceLine> lines;
};

// POST /api/hotel/invoices/{id}/credit-note.
struct CreditNote {
  std::string reason;
};

}  // namespace keycard::hotel::invoices
