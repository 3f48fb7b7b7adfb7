// Rooms: create, read, list, change, delete and housekeeping status, audited.
#pragma once

#include <boost/json/object.hpp>

#include "hotel/rooms/repository.hpp"
#include "http/message.hpp"
#include "request/context.hpp"

namespace keycard::hotel::rooms {

boost::json::object create(request::Context& ctx, const boost::json::object& body);
boost::json::object get(request::Context& ctx, const std::string& id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object update(request::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
boost::json::object change_status(request::Context& ctx, const http::Request& req, const std::string& id,
                                  const boost::json::object& body);
void remove(request::Context& ctx, const http::Request& req, const std::string& id);

}  // namespace keycard::hotel::rooms
