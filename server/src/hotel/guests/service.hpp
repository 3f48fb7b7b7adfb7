// Guests: create, read, search, change, delete; export of everything held on
// a guest; erasure that anonymises personal data and keeps the financial
// records. Audit entries name the personal fields that changed, never their
// values, so the append-only log keeps no personal data past an erasure.
#pragma once

#include <boost/json/object.hpp>

#include "hotel/guests/repository.hpp"
#include "http/message.hpp"
#include "request/context.hpp"

namespace keycard::hotel::guests {

boost::json::object create(request::Context& ctx, const boost::json::object& body);
boost::json::object get(request::Context& ctx, const std::string& id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object update(request::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
void remove(request::Context& ctx, const http::Request& req, const std::string& id);
boost::json::object export_data(request::Context& ctx, const std::string& id);
boost::json::object erase(request::Context& ctx, const std::string& id, const boost::json::object& body);

}  // namespace keycard::hotel::guests
