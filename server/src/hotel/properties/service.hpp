// Properties: create, read, list, change and delete, each change audited in
// its own transaction.
#pragma once

#include <boost/json/object.hpp>

#include "hotel/properties/repository.hpp"
#include "http/message.hpp"
#include "request/context.hpp"

namespace keycard::hotel::properties {

boost::json::object create(request::Context& ctx, const boost::json::object& body);
boost::json::object get(request::Context& ctx, const std::string& id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object update(request::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
void remove(request::Context& ctx, const http::Request& req, const std::string& id);

// For other hotel modules: the property or 404, inside their transaction.
Property require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);

}  // namespace keycard::hotel::properties
