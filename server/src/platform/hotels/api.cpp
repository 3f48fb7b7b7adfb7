#include "platform/hotels/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "platform/hotels/service.hpp"
#include "request/context.hpp"

namespace keycard::platform::hotels {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add(
      {"GET", "/api/admin/hotels", Scope::admin, "admin:hotels:read", [](http::Request& req, request::Context& ctx) {
         repo::ListQuery q;
         const auto page =
             parse_page(req, {{"created_at", "created_at"}, {"name", "name"}, {"slug", "slug"}, {"status", "status"}},
                        "-created_at");
         q.page = page.page;
         q.limit = page.limit;
         q.order_by = page.order_by;
         q.status = query_enum(req, "status", kStatuses);
         q.type = query_enum(req, "type", kTypes);
         q.q = query_search(req, "q");
         q.include_deleted = query_bool(req, "include_deleted").value_or(false);
         return http::Response::json(200, list(ctx, q));
       }});
  router.add(
      {"POST", "/api/admin/hotels", Scope::admin, "admin:hotels:create", [](http::Request& req, request::Context& ctx) {
         return http::Response::json(201, create(ctx, parse_json_object(req.body)));
       }});
  router.add(
      {"GET", "/api/admin/hotels/{id}", Scope::admin, "admin:hotels:read",
       [](http::Request& req, request::Context& ctx) { return http::Response::json(200, get(ctx, req.param("id"))); }});
  router.add({"PATCH", "/api/admin/hotels/{id}", Scope::admin, "admin:hotels:update",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200,
                                            update(ctx, req.param("id"), parse_json_object(req.body), if_match(req)));
              }});
  router.add({"DELETE", "/api/admin/hotels/{id}", Scope::admin, "admin:hotels:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req.param("id"), if_match(req));
                return http::Response::no_content();
              }});
  router.add({"POST", "/api/admin/hotels/{id}/status", Scope::admin, "admin:hotels:update",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, change_status(ctx, req.param("id"), parse_json_object(req.body)));
              }});
}

}  // namespace keycard::platform::hotels
