#include "hotel/payments/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/payments/codec.hpp"
#include "hotel/payments/service.hpp"
#include "hotel/shared/idempotency_api.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::payments {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/reservations/{id}/payments", Scope::hotel, "hotel:payments:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(of_reservation(ctx, req.param("id"))));
              }});
  router.add({"POST", "/api/hotel/reservations/{id}/payments", Scope::hotel, "hotel:payments:create",
              [](http::Request& req, request::Context& ctx) {
                const auto& id = req.param("id");
                return idempotency::create_once<Recorded>(
                    ctx, req, "POST /api/hotel/reservations/" + id + "/payments",
                    [](const Recorded& r) { return to_json(r); },
                    [&](const auto& replay) { return create(ctx, id, decode_payment(tenant_body(ctx, req)), replay); });
              }});
  router.add({"GET", "/api/hotel/payments", Scope::hotel, "hotel:payments:read",
              [](http::Request& req, request::Context& ctx) {
                repo::ListQuery q;
                const auto page =
                    parse_page(req, {{"created_at", "created_at"}, {"amount_minor", "amount_minor"}}, "-created_at");
                q.page = page.page;
                q.limit = page.limit;
                q.order_by = page.order_by;
                q.reservation_id = query_uuid(req, "reservation_id");
                q.method = query_enum(req, "method", kMethods);
                q.kind = query_enum(req, "kind", kKinds);
                return http::Response::json(200, page_json(list(ctx, q)));
              }});
  router.add({"POST", "/api/hotel/payments/{id}/refund", Scope::hotel, "hotel:payments:refund",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(201, to_json(refund(ctx, req.param("id"), decode_refund(body))));
              }});
}

}  // namespace keycard::hotel::payments
