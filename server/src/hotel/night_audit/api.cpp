#include "hotel/night_audit/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/night_audit/codec.hpp"
#include "hotel/night_audit/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::night_audit {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"POST", "/api/hotel/properties/{id}/night-audit", Scope::hotel, "hotel:night_audit:run",
              [](http::Request& req, request::Context& ctx) {
                boost::json::object body;
                if (!trim(req.body).empty()) body = tenant_body(ctx, req);
                const auto cmd = decode_run(body);
                try {
                  const auto out = run(ctx, req.param("id"), cmd);
                  return http::Response::json(out.closed_now ? 201 : 200, to_json(out.summary));
                } catch (const DeparturesPending& e) {
                  boost::json::array list;
                  for (const auto& d : e.reservations) list.push_back(to_json(d));
                  return problem_with(e, {{"reservations", std::move(list)}});
                }
              }});
  router.add({"GET", "/api/hotel/properties/{id}/night-audits", Scope::hotel, "hotel:night_audit:read",
              [](http::Request& req, request::Context& ctx) {
                const auto page = parse_page(req, {{"business_date", "business_date"}}, "-business_date");
                return http::Response::json(
                    200, page_json(list(ctx, req.param("id"), {page.page, page.limit, page.order_by})));
              }});
}

}  // namespace keycard::hotel::night_audit
