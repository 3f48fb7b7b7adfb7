// The rules of staff and roles in both panels: validation, optimistic
// locking, the escalation guard (nobody grants, edits or takes away what they
// do not hold), immutable system roles, the last SuperAdmin, sessions ended
// on deactivation; every change audited in its own transaction.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "request/context.hpp"
#include "staff/model.hpp"
#include "staff/repository.hpp"

namespace keycard::staff {

// `if_match` is the version from an If-Match header; the body's `version` wins.
boost::json::object list_users(request::Context& ctx, const Panel& panel, const repo::UserQuery& query);
boost::json::object get_user(request::Context& ctx, const Panel& panel, const std::string& id);
boost::json::object create_user(request::Context& ctx, const Panel& panel, const boost::json::object& body);
boost::json::object update_user(request::Context& ctx, const Panel& panel, const std::string& id,
                                const boost::json::object& body, std::optional<std::int64_t> if_match);
void delete_user(request::Context& ctx, const Panel& panel, const std::string& id);

boost::json::object list_roles(request::Context& ctx, const Panel& panel, const repo::RoleQuery& query);
boost::json::object get_role(request::Context& ctx, const Panel& panel, const std::string& id);
boost::json::object create_role(request::Context& ctx, const Panel& panel, const boost::json::object& body);
boost::json::object update_role(request::Context& ctx, const Panel& panel, const std::string& id,
                                const boost::json::object& body, std::optional<std::int64_t> if_match);
void delete_role(request::Context& ctx, const Panel& panel, const std::string& id);

// The catalogue codes of the panel's scope.
boost::json::object list_permissions(const Panel& panel);

}  // namespace keycard::staff
