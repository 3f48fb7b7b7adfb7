// Incidents: report, read, list, change (status, assignee, links), delete;
// audited in the same transaction.
#pragma once

#include <boost/json/object.hpp>

#include "app/context.hpp"
#include "hotel/incidents/repository.hpp"
#include "http/message.hpp"

namespace keycard::hotel::incidents {

boost::json::object create(app::Context& ctx, const boost::json::object& body);
boost::json::object get(app::Context& ctx, const std::string& id);
boost::json::object list(app::Context& ctx, const repo::ListQuery& query);
boost::json::object update(app::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
void remove(app::Context& ctx, const http::Request& req, const std::string& id);

}  // namespace keycard::hotel::incidents
