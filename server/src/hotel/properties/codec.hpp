// The JSON forms of properties, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "audit/audit.hpp"
#include "hotel/properties/model.hpp"
#include "http/message.hpp"

namespace keycard::hotel::properties {

[[nodiscard]] boost::json::object to_json(const Property& p);

// 422 with every field error of the body at once.
[[nodiscard]] CreateProperty decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchProperty decode_patch(const boost::json::object& body, const http::Request& req);

// Every field that differs between the two forms (nothing before a creation,
// nothing after a deletion).
[[nodiscard]] audit::Changes audit_changes(const std::optional<Property>& before, const std::optional<Property>& after);

}  // namespace keycard::hotel::properties
