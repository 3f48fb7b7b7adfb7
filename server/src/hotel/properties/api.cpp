#include "hotel/properties/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/properties/codec.hpp"
#include "hotel/properties/service.hpp"
#include "hotel/shared/support.hpp"
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
         return http::Response::json(200, page_json(list(ctx, q)));
       }});
  router.add({"POST", "/api/hotel/properties", Scope::hotel, "hotel:properties:create",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(201, to_json(create(ctx, decode_create(body))));
              }});
  router.add({"GET", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add({"PATCH", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(update(ctx, req.param("id"), decode_patch(body, req))));
              }});
  router.add({"DELETE", "/api/hotel/properties/{id}", Scope::hotel, "hotel:properties:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req.param("id"), delete_version(req));
                return http::Response::no_content();
              }});
}

}  // namespace keycard::hotel::properties
