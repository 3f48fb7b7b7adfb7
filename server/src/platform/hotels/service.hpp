// The hotel registry's rules: creation with the first manager, status
// changes with a reason, all audited in the platform chain.
#pragma once

#include <boost/json/object.hpp>

#include "platform/hotels/repository.hpp"
#include "request/context.hpp"

namespace keycard::platform::hotels {

boost::json::object create(request::Context& ctx, const boost::json::object& body);
boost::json::object get(request::Context& ctx, const std::string& id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object update(request::Context& ctx, const std::string& id, const boost::json::object& body,
                           std::optional<std::int64_t> if_match);
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> if_match);
boost::json::object change_status(request::Context& ctx, const std::string& id, const boost::json::object& body);

}  // namespace keycard::platform::hotels
