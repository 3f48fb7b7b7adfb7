#include "hotel/rooms/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/rooms/codec.hpp"
#include "hotel/rooms/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::rooms {
void register_routes(http::Router& router) {
  using http::Scope;
  router.add(
      {"GET", "/api/hotel/rooms", Scope::hotel, "hotel:rooms:read", [](http::Request& req, request::Context& ctx) {
         repo::ListQuery q;
         const auto page = parse_page(
             req,
             {{"created_at", "created_at"}, {"room_number", "room_number"}, {"floor", "floor"}, {"status", "status"}},
             "room_number");
         q.page = page.page;
         q.limit = page.limit;
         q.order_by = page.order_by;
         q.property_id = query_uuid(req, "property_id");
         q.room_type_id = query_uuid(req, "room_type_id");
         q.status = query_enum(req, "status", kStatuses);
         q.q = query_search(req, "q");
         return http::Response::json(200, page_json(list(ctx, q)));
       }});
  router.add(
      {"POST", "/api/hotel/rooms", Scope::hotel, "hotel:rooms:create", [](http::Request& req, request::Context& ctx) {
         const auto body = tenant_body(ctx, req);
         return http::Response::json(201, to_json(create(ctx, decode_create(body))));
       }});
  router.add(
      {"GET", "/api/hotel/rooms/{id}", Scope::hotel, "hotel:rooms:read", [](http::Request& req, request::Context& ctx) {
         return http::Response::json(200, to_json(get(ctx, req.param("id"))));
       }});
  router.add({"PATCH", "/api/hotel/rooms/{id}", Scope::hotel, "hotel:rooms:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(update(ctx, req.param("id"), decode_patch(body, req))));
              }});
  router.add({"DELETE", "/api/hotel/rooms/{id}", Scope::hotel, "hotel:rooms:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req.param("id"), delete_version(req));
                return http::Response::no_content();
              }});
  router.add({"POST", "/api/hotel/rooms/{id}/status", Scope::hotel, "hotel:rooms:status",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200,
                                            to_json(change_status(ctx, req.param("id"), decode_status(body, req))));
              }});
}

}  // namespace keycard::hotel::rooms
