#include "events/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "events/service.hpp"
#include "request/context.hpp"

namespace keycard::events {
namespace json = boost::json;
namespace {

json::object to_json(const Event& e) {
  boost::system::error_code ec;
  auto data = json::parse(e.data, ec);
  return {{"id", e.seq},
          {"type", e.type},
          {"resource_type", e.resource_type},
          {"resource_id", e.resource_id ? json::value(*e.resource_id) : json::value(nullptr)},
          {"occurred_at", e.occurred_at},
          {"data", ec || !data.is_object() ? json::object() : data.as_object()}};
}

}  // namespace

void register_routes(http::Router& router) {
  router.add({"GET", "/api/hotel/events", http::Scope::hotel, "hotel:events:read",
              [](http::Request& req, request::Context& ctx) {
                const auto after = query_int(req, "after", 0, kMaxQueryInt).value_or(0);
                const auto limit = query_int(req, "limit", 1, 100).value_or(100);
                const auto page = list(ctx, after, limit);
                json::array items;
                for (const auto& e : page.items) items.push_back(to_json(e));
                return http::Response::json(200, {{"items", std::move(items)}, {"next_after", page.next_after}});
              }});
}

}  // namespace keycard::events
