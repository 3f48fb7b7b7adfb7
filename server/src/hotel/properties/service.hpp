// Properties: create, read, list, change and delete, each change audited in
// its own transaction.
#pragma once

#include <boost/json/object.hpp>

#include "app/context.hpp"
#include "hotel/properties/repository.hpp"
#include "http/message.hpp"

namespace keycard::hotel::properties {

boost::json::object create(app::Context& ctx, const boost::json::object& body);
boost::json::object get(app::Context& ctx, const std::string& id);
boost::json::object list(app::Context& ctx, const repo::ListQuery& query);
boost::json::object update(app::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
void remove(app::Context& ctx, const http::Request& req, const std::string& id);

// For other hotel modules: the property or 404, inside their transaction.
Property require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);

}  // namespace keycard::hotel::properties
