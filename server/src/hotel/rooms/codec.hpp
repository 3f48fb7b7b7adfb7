// The JSON forms of rooms, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "audit/audit.hpp"
#include "hotel/rooms/model.hpp"
#include "http/message.hpp"

namespace keycard::hotel::rooms {

[[nodiscard]] boost::json::object to_json(const Room& r);

// 422 with every field error of the body at once.
[[nodiscard]] CreateRoom decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchRoom decode_patch(const boost::json::object& body, const http::Request& req);
// The version, optional, from the body's `version` or else If-Match.
[[nodiscard]] ChangeStatus decode_status(const boost::json::object& body, const http::Request& req);

// Every field that differs between the two forms (nothing before a creation,
// nothing after a deletion).
[[nodiscard]] audit::Changes audit_changes(const std::optional<Room>& before, const std::optional<Room>& after);

}  // namespace keycard::hotel::rooms
