// The JSON forms of incidents, for api.cpp (and the guests' data export):
// bodies decoded into commands, answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "audit/audit.hpp"
#include "hotel/incidents/model.hpp"
#include "http/message.hpp"

namespace keycard::hotel::incidents {

[[nodiscard]] boost::json::object to_json(const Incident& i);

// 422 with every field error of the body at once.
[[nodiscard]] CreateIncident decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchIncident decode_patch(const boost::json::object& body, const http::Request& req);

// Every field that differs between the two forms (nullopt: none, before a
// creation or after a deletion).
[[nodiscard]] audit::Changes audit_changes(const std::optional<Incident>& before, const std::optional<Incident>& after);

}  // namespace keycard::hotel::incidents
