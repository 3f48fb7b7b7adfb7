#include "events/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "events/codec.hpp"
#include "events/service.hpp"
#include "request/context.hpp"

namespace keycard::events {
namespace json = boost::json;
namespace {

// Where a reconnecting client resumes: Last-Event-ID (what EventSource
// sends), else ?after; nullopt: from now on.
std::optional<std::int64_t> resume_point(const http::Request& req) {
  if (auto last = req.header("last-event-id"); last && !last->empty()) {
    const auto n = whole_number(*last, 0, kMaxQueryInt);
    if (!n) throw BadRequest("Last-Event-ID must be the id of an event (a whole number).", "invalid_query");
    return n;
  }
  return query_int(req, "after", 0, kMaxQueryInt);
}

bool wants_stream(const http::Request& req) {
  const auto accept = req.header("accept");
  return accept && accept->find("text/event-stream") != std::string::npos;
}

http::Response open_stream(request::Context& ctx, const http::Request& req) {
  auto stream = events::open_stream(ctx, resume_point(req));
  http::Response r;
  r.status = 200;
  r.content_type = "text/event-stream; charset=utf-8";
  r.stream = std::move(stream);
  r.with_header("X-Accel-Buffering", "no");  // nginx: pass each event on at once
  return r;
}

}  // namespace

void register_routes(http::Router& router) {
  router.add({"GET", "/api/hotel/events", http::Scope::hotel, "hotel:events:read",
              [](http::Request& req, request::Context& ctx) {
                if (wants_stream(req)) return open_stream(ctx, req);
                const auto after = query_int(req, "after", 0, kMaxQueryInt).value_or(0);
                const auto limit = query_int(req, "limit", 1, 100).value_or(100);
                const auto page = list(ctx, after, limit);
                json::array items;
                for (const auto& e : page.items) items.push_back(to_json(e));
                return http::Response::json(200, {{"items", std::move(items)}, {"next_after", page.next_after}});
              }});
}

}  // namespace keycard::events
