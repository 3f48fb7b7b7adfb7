#include "hotel/folios/api.hpp"

#include <boost/json.hpp>

#include "hotel/folios/codec.hpp"
#include "hotel/folios/service.hpp"
#include "hotel/shared/idempotency_api.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::folios {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/reservations/{id}/folio", Scope::hotel, "hotel:folios:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add(
      {"POST", "/api/hotel/reservations/{id}/folio/charges", Scope::hotel, "hotel:folios:post",
       [](http::Request& req, request::Context& ctx) {
         const auto& id = req.param("id");
         return idempotency::create_once<Posted>(
             ctx, req, "POST /api/hotel/reservations/" + id + "/folio/charges",
             [](const Posted& p) { return to_json(p); },
             [&](const auto& replay) { return post_charge(ctx, id, decode_charge(tenant_body(ctx, req)), replay); });
       }});
  router.add({"POST", "/api/hotel/reservations/{id}/folio/lines/{line_id}/correct", Scope::hotel,
              "hotel:folios:correct", [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(
                    201, to_json(correct(ctx, req.param("id"), req.param("line_id"), decode_correction(body))));
              }});
}

}  // namespace keycard::hotel::folios
