#include "app/health.hpp"

#include <boost/json.hpp>

#include "app/app.hpp"
#include "common/log.hpp"
#include "request/context.hpp"

namespace keycard::app {

void register_health_routes(http::Router& router) {
  router.add({"GET", "/healthz", http::Scope::public_, "", [](http::Request&, Context&) {
                return http::Response::json(200, {{"status", "ok"}});
              }});
  router.add({"GET", "/readyz", http::Scope::public_, "", [](http::Request&, Context& ctx) {
                try {
                  const auto status = ctx.db().migration_status();
                  auto tx = ctx.db().begin_platform(db::TxMode::read);
                  tx.exec("SELECT 1");
                  tx.commit();
                  boost::json::object body{{"status", status.current() ? "ready" : "migrations_pending"},
                                           {"database", "ok"},
                                           {"migrations", {{"applied", status.applied}, {"latest", status.latest}}}};
                  return http::Response::json(status.current() ? 200 : 503, body);
                } catch (const std::exception& e) {
                  log::warn({{"event", "readiness_failed"}, {"error", e.what()}});
                  return http::Response::json(503, {{"status", "unavailable"}, {"database", "unreachable"}});
                }
              }});
}

}  // namespace keycard::app
