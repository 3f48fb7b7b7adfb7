// The JSON forms of room types, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "audit/audit.hpp"
#include "hotel/room_types/model.hpp"
#include "http/message.hpp"

namespace keycard::hotel::room_types {

[[nodiscard]] boost::json::object to_json(const RoomType& t);

// 422 with every field error of the body at once.
[[nodiscard]] CreateRoomType decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchRoomType decode_patch(const boost::json::object& body, const http::Request& req);

// Every field that differs between the two forms (nothing before a creation,
// nothing after a deletion).
[[nodiscard]] audit::Changes audit_changes(const std::optional<RoomType>& before, const std::optional<RoomType>& after);

}  // namespace keycard::hotel::room_types
