#include "hotel/guests/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/guests/codec.hpp"
#include "hotel/guests/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::guests {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add(
      {"GET", "/api/hotel/guests", Scope::hotel, "hotel:guests:read", [](http::Request& req, request::Context& ctx) {
         repo::ListQuery q;
         const auto page = parse_page(req,
                                      {{"created_at", "created_at"},
                                       {"last_name", "last_name"},
                                       {"first_name", "first_name"},
                                       {"email", "email"}},
                                      "last_name");
         q.page = page.page;
         q.limit = page.limit;
         q.order_by = page.order_by;
         q.q = query_search(req, "q");
         return http::Response::json(200, page_json(list(ctx, q)));
       }});
  router.add(
      {"POST", "/api/hotel/guests", Scope::hotel, "hotel:guests:create", [](http::Request& req, request::Context& ctx) {
         const auto body = tenant_body(ctx, req);
         return http::Response::json(201, to_json(create(ctx, decode_create(body))));
       }});
  router.add({"GET", "/api/hotel/guests/{id}", Scope::hotel, "hotel:guests:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add({"PATCH", "/api/hotel/guests/{id}", Scope::hotel, "hotel:guests:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(update(ctx, req.param("id"), decode_patch(body, req))));
              }});
  router.add({"DELETE", "/api/hotel/guests/{id}", Scope::hotel, "hotel:guests:delete",
              [](http::Request& req, request::Context& ctx) {
                remove(ctx, req.param("id"), delete_version(req));
                return http::Response::no_content();
              }});
  router.add({"GET", "/api/hotel/guests/{id}/export", Scope::hotel, "hotel:guests:export",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(export_data(ctx, req.param("id"))));
              }});
  router.add({"POST", "/api/hotel/guests/{id}/erase", Scope::hotel, "hotel:guests:erase",
              [](http::Request& req, request::Context& ctx) {
                const auto body = trim(req.body).empty() ? boost::json::object{} : parse_json_object(req.body);
                check_body_tenant(ctx, body);
                return http::Response::json(200, to_json(erase(ctx, req.param("id"), decode_erase(body))));
              }});
}

}  // namespace keycard::hotel::guests
