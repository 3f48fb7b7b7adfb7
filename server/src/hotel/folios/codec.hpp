// The JSON forms of folios, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include "audit/audit.hpp"
#include "hotel/folios/model.hpp"

namespace keycard::hotel::folios {

[[nodiscard]] boost::json::object to_json(const Line& l);
[[nodiscard]] boost::json::object to_json(const Totals& t, const std::string& currency);
[[nodiscard]] boost::json::object to_json(const Folio& f);
[[nodiscard]] boost::json::object to_json(const Posted& p);

[[nodiscard]] PostCharge decode_charge(const boost::json::object& body);
[[nodiscard]] CorrectLine decode_correction(const boost::json::object& body);

// A new line's fields, as the audit log keeps them.
[[nodiscard]] audit::Changes audit_changes(const Line& l);

}  // namespace keycard::hotel::folios
