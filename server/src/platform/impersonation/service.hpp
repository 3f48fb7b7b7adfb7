// Impersonation for support: an admin acts inside one hotel, always with a
// reason, a time limit (60 minutes at most) and an audit trail in both the
// platform's chain and the hotel's.
#pragma once

#include <boost/json/object.hpp>

#include "platform/impersonation/repository.hpp"
#include "request/context.hpp"

namespace keycard::platform::impersonation {

inline constexpr int kMaxMinutes = 60;

boost::json::object start(request::Context& ctx, const boost::json::object& body);
boost::json::object end(request::Context& ctx);
boost::json::object list(request::Context& ctx, const repo::ListQuery& q);

}  // namespace keycard::platform::impersonation
