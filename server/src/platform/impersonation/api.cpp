#include "platform/impersonation/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "platform/impersonation/service.hpp"
#include "request/context.hpp"

namespace keycard::platform::impersonation {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"POST", "/api/admin/impersonation/start", Scope::admin, "admin:hotels:impersonate",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, start(ctx, parse_json_object(req.body)));
              }});
  // Authorised by the impersonation token itself.
  router.add({"POST", "/api/admin/impersonation/end", Scope::authenticated, "",
              [](http::Request&, request::Context& ctx) { return http::Response::json(200, end(ctx)); }});
  router.add({"GET", "/api/admin/impersonation/sessions", Scope::admin, "admin:impersonation:read",
              [](http::Request& req, request::Context& ctx) {
                repo::ListQuery q;
                const auto page = parse_page(req, {{"started_at", "started_at"}}, "-started_at");
                q.page = page.page;
                q.limit = page.limit;
                q.ascending = page.order_by.find("ASC") != std::string::npos;
                q.tenant_id = query_uuid(req, "tenant_id");
                q.admin_user_id = query_uuid(req, "admin_user_id");
                q.active = query_bool(req, "active");
                return http::Response::json(200, list(ctx, q));
              }});
}

}  // namespace keycard::platform::impersonation
