// Invoices: issuing one for a reservation's posted charges (numbered per
// property and year without gaps), reversing one with a credit note, reading
// them, and their PDFs; the registration card PDF for check-in. Each issue is
// audited in its transaction. Typed commands in, model out (PDFs as bytes).
#pragma once

#include <string>
#include <vector>

#include "hotel/invoices/model.hpp"
#include "request/context.hpp"

namespace keycard::hotel::invoices {

Invoice issue(request::Context& ctx, const std::string& reservation_id);
Invoice credit(request::Context& ctx, const std::string& invoice_id, const CreditNote& cmd);
Invoice get(request::Context& ctx, const std::string& id);
std::vector<Invoice> of_reservation(request::Context& ctx, const std::string& reservation_id);

// A PDF and the name to save it as.
struct Pdf {
  std::string bytes, file_name;
};
Pdf invoice_pdf(request::Context& ctx, const std::string& id);
Pdf registration_card(request::Context& ctx, const std::string& reservation_id);

}  // namespace keycard::hotel::invoices
