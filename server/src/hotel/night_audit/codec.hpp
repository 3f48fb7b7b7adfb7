// The JSON forms of the night audit, for api.cpp.
#pragma once

#include <boost/json/object.hpp>

#include "audit/audit.hpp"
#include "hotel/night_audit/model.hpp"

namespace keycard::hotel::night_audit {

[[nodiscard]] boost::json::object to_json(const Summary& s);
[[nodiscard]] boost::json::object to_json(const PendingDeparture& d);
[[nodiscard]] RunAudit decode_run(const boost::json::object& body);
[[nodiscard]] audit::Changes audit_changes(const Summary& s);

}  // namespace keycard::hotel::night_audit
