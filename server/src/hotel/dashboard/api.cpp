#include "hotel/dashboard/api.hpp"

#include <boost/json.hpp>

#include "common/pagination.hpp"
#include "hotel/dashboard/codec.hpp"
#include "hotel/dashboard/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::dashboard {

void register_routes(http::Router& router) {
  router.add({"GET", "/api/hotel/dashboard", http::Scope::hotel, "hotel:dashboard:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200,
                                            to_json(get(ctx, query_uuid(req, "property_id"), query_date(req, "date"))));
              }});
}

}  // namespace keycard::hotel::dashboard
