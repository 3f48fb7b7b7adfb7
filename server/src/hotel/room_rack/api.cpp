#include "hotel/room_rack/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "hotel/room_rack/codec.hpp"
#include "hotel/room_rack/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::room_rack {

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"GET", "/api/hotel/room-rack", Scope::hotel, "hotel:reservations:read",
              [](http::Request& req, request::Context& ctx) {
                const auto property = query_uuid(req, "property_id");
                const auto from = query_date(req, "from");
                auto to = query_date(req, "to");
                if (!property || !from) throw BadRequest("The room rack needs property_id and from.", "invalid_query");
                if (!to) to = date_from_days(days_from_date(*from) + kDefaultDays);
                const auto days = days_from_date(*to) - days_from_date(*from);
                if (days < 1 || days > kMaxDays) {
                  throw BadRequest("to must be 1 to " + std::to_string(kMaxDays) + " days after from.",
                                   "invalid_query");
                }
                return http::Response::json(200, to_json(read(ctx, {*property, *from, *to})));
              }});
}

}  // namespace keycard::hotel::room_rack
