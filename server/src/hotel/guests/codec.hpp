// The JSON forms of guests, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "audit/audit.hpp"
#include "hotel/guests/model.hpp"
#include "http/message.hpp"

namespace keycard::hotel::guests {

[[nodiscard]] boost::json::object to_json(const Guest& g);
[[nodiscard]] boost::json::object to_json(const Export& e);

// 422 with every field error of the body at once.
[[nodiscard]] CreateGuest decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchGuest decode_patch(const boost::json::object& body, const http::Request& req);
[[nodiscard]] EraseGuest decode_erase(const boost::json::object& body);

// The audit form of a guest change: which fields changed ({"fields": [...]}),
// never their values, so the append-only log keeps no personal data past an
// erasure (nullopt before a creation).
[[nodiscard]] audit::Changes audit_changes(const std::optional<Guest>& before, const Guest& after);

}  // namespace keycard::hotel::guests
