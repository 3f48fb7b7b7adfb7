#include "hotel/properties/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/properties/service.hpp"
#include "request/context.hpp"

namespace keycard::hotel::properties {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add(
      {"GET", "/api/hotel/properties", Scope::hotel, "hotel:properties:read",
       [](http::Request& req, request::Context& ctx) {
         repo::ListQuery q;
         const auto page = parse_page(req, {{"created_at", "created_at"}, {"name", "name"}, {"code", "code"}}, "name");
         q.page = page.page;
         q.limit = page.limit;
         q.order_by = page.order_by;
         q.status = query_enum(req, "status", kStatuses);
         q.q = query_search(req, "q");
         return http::Response::json(200, list(ctx, q));
       }});
  router.add({"POST", "/api/hotel/properties", Scope::hotel, "hotel:properties:create",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(201, create(ctx, parse_json_object(req.body)));
              }});
  router.add(
      {"GET", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:read",
       [](http::Request& req, request::Context& ctx) { return http::Response::json(200, get(ctx, req.param("id"))); }});
  router.add({"PATCH", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:update",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, update(ctx, req, req.param("id"), parse_json_object(req.body)));
              }});
  router.add({"DELETE", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req, req.param("id"));
                return http::Response::no_content();
              }});
}

}  // namespace keycard::hotel::properties
