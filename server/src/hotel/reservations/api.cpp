#include "hotel/reservations/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/reservations/codec.hpp"
#include "hotel/reservations/service.hpp"
#include "hotel/shared/idempotency_api.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::reservations {
namespace {

// Status actions may come without a body.
boost::json::object optional_body(const http::Request& req) {
  if (trim(req.body).empty()) return {};
  return parse_json_object(req.body);
}

http::Handler action(Action a) {
  return [a](http::Request& req, request::Context& ctx) {
    const auto body = optional_body(req);
    check_body_tenant(ctx, body);
    return http::Response::json(200, to_json(transition(ctx, req.param("id"), a, decode_status(body, a))));
  };
}

}  // namespace

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/reservations", Scope::hotel, "hotel:reservations:read",
              [](http::Request& req, request::Context& ctx) {
                repo::ListQuery q;
                const auto page = parse_page(req,
                                             {{"created_at", "r.created_at"},
                                              {"check_in_date", "r.check_in_date"},
                                              {"check_out_date", "r.check_out_date"},
                                              {"status", "r.status"},
                                              {"confirmation_number", "r.confirmation_number"}},
                                             "check_in_date");
                q.page = page.page;
                q.limit = page.limit;
                q.order_by = page.order_by;
                q.property_id = query_uuid(req, "property_id");
                q.guest_id = query_uuid(req, "guest_id");
                q.status = query_enum(req, "status", status_names());
                q.from = query_date(req, "from");
                q.to = query_date(req, "to");
                q.check_in_date = query_date(req, "check_in_date");
                q.check_out_date = query_date(req, "check_out_date");
                q.q = query_search(req, "q");
                return http::Response::json(200, page_json(list(ctx, q)));
              }});
  router.add({"POST", "/api/hotel/reservations", Scope::hotel, "hotel:reservations:create",
              [](http::Request& req, request::Context& ctx) {
                return idempotency::create_once<Reservation>(
                    ctx, req, "POST /api/hotel/reservations", [](const Reservation& r) { return to_json(r); },
                    [&](const auto& replay) { return create(ctx, decode_create(tenant_body(ctx, req)), replay); });
              }});
  router.add({"GET", "/api/hotel/reservations/{id}", Scope::hotel, "hotel:reservations:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add({"PATCH", "/api/hotel/reservations/{id}", Scope::hotel, "hotel:reservations:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(update(ctx, req.param("id"), decode_patch(body, req))));
              }});
  router.add({"POST", "/api/hotel/reservations/{id}/confirm", Scope::hotel, "hotel:reservations:update",
              action(Action::confirm)});
  router.add({"POST", "/api/hotel/reservations/{id}/check-in", Scope::hotel, "hotel:reservations:check_in",
              action(Action::check_in)});
  router.add({"POST", "/api/hotel/reservations/{id}/check-out", Scope::hotel, "hotel:reservations:check_out",
              [check_out = action(Action::check_out)](http::Request& req, request::Context& ctx) {
                try {
                  return check_out(req, ctx);
                } catch (const BalanceOutstanding& e) {
                  return problem_with(e, {{"balance", money(e.balance_minor, e.currency)}});
                }
              }});
  router.add({"POST", "/api/hotel/reservations/{id}/cancel", Scope::hotel, "hotel:reservations:cancel",
              action(Action::cancel)});
  router.add({"POST", "/api/hotel/reservations/{id}/no-show", Scope::hotel, "hotel:reservations:cancel",
              action(Action::no_show)});
  router.add({"POST", "/api/hotel/reservations/{id}/assign-room", Scope::hotel, "hotel:reservations:update",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(200, to_json(assign_room(ctx, req.param("id"), decode_assign(body))));
              }});
  router.add({"GET", "/api/hotel/availability", Scope::hotel, "hotel:reservations:read",
              [](http::Request& req, request::Context& ctx) {
                AvailabilityQuery q;
                auto property = query_uuid(req, "property_id");
                auto check_in = query_date(req, "check_in");
                auto check_out = query_date(req, "check_out");
                if (!property || !check_in || !check_out) {
                  throw BadRequest("Availability needs property_id, check_in and check_out.", "invalid_query");
                }
                if (rules::stay_length_error(*check_in, *check_out)) {
                  throw BadRequest("check_out must be 1 to 365 nights after check_in.", "invalid_query");
                }
                q.property_id = *property;
                q.check_in = *check_in;
                q.check_out = *check_out;
                q.room_type_id = query_uuid(req, "room_type_id");
                return http::Response::json(200, to_json(availability(ctx, q)));
              }});
}

}  // namespace keycard::hotel::reservations
