#include "hotel/room_types/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/room_types/codec.hpp"
#include "hotel/room_types/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::room_types {
void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/room-types", Scope::hotel, "hotel:room_types:read",
              [](http::Request& req, request::Context& ctx) {
                repo::ListQuery q;
                const auto page = parse_page(req,
                                             {{"created_at", "t.created_at"},
                                              {"name", "t.name"},
                                              {"code", "t.code"},
                                              {"base_rate_minor", "t.base_rate_minor"}},
                                             "code");
                q.page = page.page;
                q.limit = page.limit;
                q.order_by = page.order_by;
                q.property_id = query_uuid(req, "property_id");
                q.q = query_search(req, "q");
                return http::Response::json(200, page_json(list(ctx, q)));
              }});
  router.add({"POST", "/api/hotel/room-types", Scope::hotel, "hotel:room_types:create",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(201, to_json(create(ctx, decode_create(body))));
              }});
  router.add({"GET", "/api/hotel/room-types/{id}", Scope::hotel, "hotel:room_types:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add({"PATCH", "/api/hotel/room-types/{id}", Scope::hotel, "hotel:room_types:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(update(ctx, req.param("id"), decode_patch(body, req))));
              }});
  router.add({"DELETE", "/api/hotel/room-types/{id}", Scope::hotel, "hotel:room_types:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req.param("id"), delete_version(req));
                return http::Response::no_content();
              }});
}

}  // namespace keycard::hotel::room_types
