// The JSON forms of invoices, for api.cpp.
#pragma once

#include <boost/json/object.hpp>

#include "audit/audit.hpp"
#include "hotel/invoices/model.hpp"

namespace keycard::hotel::invoices {

[[nodiscard]] boost::json::object to_json(const Invoice& i);
[[nodiscard]] CreditNote decode_credit(const boost::json::object& body);
// The issued document's figures, as the audit log keeps them (no lines, no
// guest details: those stay in the invoice itself).
[[nodiscard]] audit::Changes audit_changes(const Invoice& i);

}  // namespace keycard::hotel::invoices
