// The application: configuration, database, token services and the route
// table, plus the request pipeline that every request goes through.
#pragma once

#include <memory>
#include <optional>

#include "app/config.hpp"
#include "auth/authenticator.hpp"
#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "db/database.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "reports/queue.hpp"
#include "request/context.hpp"

namespace keycard::app {

using request::Context;

class App {
 public:
  App(Config config, std::unique_ptr<db::Database> db, auth::JwtCodec jwt);
  // services_ refers to the members: an App stays where it was made.
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The whole pipeline: request id, routing, authentication, authorization,
  // handler, problem details, access log. Never throws.
  http::Response handle(http::Request& req) noexcept;
  // The metrics listener's pipeline: GET /metrics and nothing else.
  static http::Response handle_metrics(const http::Request& req) noexcept;

  [[nodiscard]] db::Database& db() { return *db_; }
  [[nodiscard]] const Config& config() const { return config_; }
  [[nodiscard]] const auth::TokenIssuer& tokens() const { return tokens_; }
  [[nodiscard]] const http::Router& router() const { return router_; }
  // Wakes this instance's report workers when a request queues a job.
  [[nodiscard]] reports::Queue& report_queue() { return report_queue_; }

 private:
  http::Response dispatch(http::Request& req, Context& ctx);
  void guard_stream(http::Stream& stream, const http::Request& req, const Context& ctx);
  std::optional<http::Response> run_checked(const http::Route& route, http::Request& req, Context& ctx,
                                            db::RequestCheck& check);
  Config config_;
  std::unique_ptr<db::Database> db_;
  auth::JwtCodec jwt_;
  auth::TokenIssuer tokens_;
  auth::Authenticator authenticator_;
  http::Router router_;
  reports::Queue report_queue_;
  request::Services services_;
};

// The JWT key: KEYCARD_JWT_SECRET, or a secret generated once into the data dir.
[[nodiscard]] auth::JwtCodec make_jwt(const Config& config);

}  // namespace keycard::app
