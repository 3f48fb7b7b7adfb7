#include "hotel/payments/api.hpp"

#include <boost/json.hpp>

#include "request/context.hpp"
#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "db/database.hpp"
#include "hotel/payments/service.hpp"

namespace keycard::hotel::payments {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/reservations/{id}/payments", Scope::hotel, "hotel:payments:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, of_reservation(ctx, req.param("id")));
              }});
  router.add({"POST", "/api/hotel/reservations/{id}/payments", Scope::hotel, "hotel:payments:create",
              [](http::Request& req, request::Context& ctx) {
                const auto& id = req.param("id");
                const auto key = idempotency::from_request(req, "POST /api/hotel/reservations/" + id + "/payments");
                const auto body = parse_json_object(req.body);
                try {
                  return http::Response::json(201, create(ctx, id, body, key));
                } catch (const ApiError& e) {
                  if (!key || e.status() != 409) throw;
                  if (auto first = idempotency::committed(ctx, *key)) return http::Response::json(201, *first);
                  throw;
                } catch (const db::ConstraintError&) {
                  // A concurrent request with the same key stored its answer first.
                  if (!key) throw;
                  if (auto first = idempotency::committed(ctx, *key)) return http::Response::json(201, *first);
                  throw;
                }
              }});
  router.add(
      {"GET", "/api/hotel/payments", Scope::hotel, "hotel:payments:read", [](http::Request& req, request::Context& ctx) {
         repo::ListQuery q;
         const auto page =
             parse_page(req, {{"created_at", "created_at"}, {"amount_minor", "amount_minor"}}, "-created_at");
         q.page = page.page;
         q.limit = page.limit;
         q.order_by = page.order_by;
         q.reservation_id = query_uuid(req, "reservation_id");
         q.method = query_enum(req, "method", kMethods);
         q.kind = query_enum(req, "kind", kKinds);
         return http::Response::json(200, list(ctx, q));
       }});
  router.add({"POST", "/api/hotel/payments/{id}/refund", Scope::hotel, "hotel:payments:refund",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(201, refund(ctx, req.param("id"), parse_json_object(req.body)));
              }});
}

}  // namespace keycard::hotel::payments
