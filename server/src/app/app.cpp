#include "app/app.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/routes.hpp"
#include "app/static_files.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/validation.hpp"

namespace keycard::app {
namespace json = boost::json;
namespace {

bool valid_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::optional<std::string> bearer_token(const http::Request& req) {
  auto h = req.header("authorization");
  if (!h || h->size() < 7) return std::nullopt;
  if (to_lower(h->substr(0, 7)) != "bearer ") return std::nullopt;
  auto token = trim(h->substr(7));
  if (token.empty()) return std::nullopt;
  return token;
}

void authorize(const http::Route& route, const auth::Principal& p, const Context& ctx) {
  auto refuse = [&](std::string detail, std::string code) {
    log::warn({{"event", "authorization_refused"},
               {"request_id", ctx.request_id},
               {"user_id", p.user_id},
               {"route", route.method + " " + route.path},
               {"permission", route.permission},
               {"reason", code}});
    throw Forbidden(std::move(detail), std::move(code));
  };
  if (route.scope == http::Scope::admin && !p.is_platform()) {
    refuse("This endpoint belongs to the platform admin panel.", "wrong_panel");
  }
  if (route.scope == http::Scope::hotel && !p.tenant) {
    refuse("This endpoint belongs to the hotel panel.", "wrong_panel");
  }
  if (!route.permission.empty() && !p.can(route.permission)) {
    refuse("You need the permission " + route.permission + " to do this.", "missing_permission");
  }
}

bool is_api_path(const std::string& path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz";
}

}  // namespace

auth::JwtCodec make_jwt(const Config& config) {
  std::string secret;
  if (config.jwt_secret) {
    secret = *config.jwt_secret;
  } else {
    namespace fs = std::filesystem;
    const fs::path file = fs::path(config.data_dir) / "jwt-secret";
    std::error_code ec;
    fs::create_directories(config.data_dir, ec);
    if (fs::exists(file)) {
      std::ifstream in(file);
      std::getline(in, secret);
    }
    if (secret.size() < 32) {
      secret = random_token(48);
      std::ofstream out(file, std::ios::trunc);
      out << secret << '\n';
      out.close();
      if (!out) throw ConfigError("cannot write the JWT secret to " + file.string());
      fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    }
  }
  std::vector<auth::JwtKey> previous;
  for (const auto& old : config.jwt_previous_secrets) previous.push_back({auth::JwtCodec::kid_for(old), old});
  return auth::JwtCodec(auth::JwtKey{auth::JwtCodec::kid_for(secret), secret}, std::move(previous));
}

App::App(Config config, std::unique_ptr<db::Database> db, auth::JwtCodec jwt)
    : config_(std::move(config)),
      db_(std::move(db)),
      jwt_(std::move(jwt)),
      tokens_(jwt_, config_.access_token_ttl_seconds, config_.refresh_token_ttl_seconds),
      authenticator_(*db_, jwt_, config_.access_token_ttl_seconds),
      services_{*db_, tokens_, report_queue_, config_.data_dir, config_.report_sync_rows} {
  register_all_routes(router_);
}

http::Response App::dispatch(http::Request& req, Context& ctx) {
  // Text that is not UTF-8 would reach SQL (PostgreSQL refuses it) and logs.
  if (!is_utf8(req.path)) throw BadRequest("The request path must be UTF-8 text.", "malformed_request");
  for (const auto& [key, value] : req.query) {
    if (!is_utf8(key) || !is_utf8(value)) throw BadRequest("Query parameters must be UTF-8 text.", "invalid_query");
  }
  if (!is_api_path(req.path)) {
    if ((req.method == "GET" || req.method == "HEAD") && !config_.web_root.empty()) {
      if (auto r = serve_static(config_.web_root, req.path)) {
        ctx.route = "static";
        return std::move(*r);
      }
    }
    throw NotFound("Nothing is served at " + std::string(truncate_utf8(req.path, 200)) + ".", "route_not_found");
  }
  auto match = router_.match(req.method, req.path);
  if (!match.route) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      auto r = http::problem(405, "method_not_allowed", "Method Not Allowed",
                             req.method.substr(0, 20) + " is not allowed here; use " + allow + ".");
      r.with_header("Allow", allow);
      return r;
    }
    throw NotFound(
        "There is no endpoint " + req.method.substr(0, 20) + " " + std::string(truncate_utf8(req.path, 200)) + ".",
        "route_not_found");
  }
  const auto& route = *match.route;
  ctx.route = route.path;
  for (auto& [name, value] : match.params) {
    if (route.uuid_params) value = normalize_uuid(value);
  }
  req.path_params = std::move(match.params);
  if (route.scope != http::Scope::public_) {
    auto token = bearer_token(req);
    if (!token) throw Unauthorized("Send an access token: Authorization: Bearer <token>.", "unauthorized");
    auto authenticated = authenticator_.authenticate(*token);
    if (authenticated.check) {
      auto& check = *authenticated.check;
      ctx.principal = std::move(authenticated.principal);
      ctx.tenant = std::move(authenticated.scope);
      if (auto res = run_checked(route, req, ctx, check)) return std::move(*res);
      // The cached principal was out of date: build it afresh, start over.
      authenticated = authenticator_.authenticate(*token, false);
    }
    ctx.principal = std::move(authenticated.principal);
    ctx.tenant = std::move(authenticated.scope);
    authorize(route, *ctx.principal, ctx);
  }
  return route.handler(req, ctx);
}

// A request on a cached principal: its stamp check rides with the request's
// first statement (db::RequestCheckScope); a request that ran none runs the
// check on its own before it answers. Either way no answer, and no write,
// rests on a principal older than the request. nullopt: the check did not
// hold, and nothing was done.
std::optional<http::Response> App::run_checked(const http::Route& route, http::Request& req, Context& ctx,
                                               db::RequestCheck& check) {
  std::optional<http::Response> res;
  std::exception_ptr error;
  {
    const db::RequestCheckScope scope(check);
    try {
      authorize(route, *ctx.principal, ctx);
      res = route.handler(req, ctx);
    } catch (const db::CheckFailed&) {
      return std::nullopt;
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (!check.done && !db_->run_check(check)) return std::nullopt;
  if (error) std::rethrow_exception(error);
  return res;
}

http::Response App::handle(http::Request& req) noexcept {
  const metrics::InFlight in_flight;
  const auto started = std::chrono::steady_clock::now();
  auto rid = req.header("x-request-id").value_or("");
  if (!valid_request_id(rid)) rid = new_uuid();
  Context ctx{services_,
              rid,
              client_address(req.remote_address, req.header("x-forwarded-for"), config_.trusted_proxies),
              req.header("user-agent").value_or(""),
              std::nullopt,
              std::nullopt,
              std::string()};
  http::Response res;
  try {
    res = dispatch(req, ctx);
    if (res.stream) guard_stream(*res.stream, req, ctx);
  } catch (const ApiError& e) {
    res = http::problem(e.status(), e.code(), e.title(), e.detail(), e.field_errors());
    if (auto ra = e.retry_after_seconds()) res.with_header("Retry-After", std::to_string(*ra));
  } catch (const db::UnavailableError& e) {
    log::error({{"event", "database_unavailable"}, {"request_id", rid}, {"error", e.what()}});
    res = http::problem(503, "database_unavailable", "Service Unavailable",
                        "The database is not reachable right now. Try again shortly.");
    res.with_header("Retry-After", "2");
  } catch (const db::RetryableError& e) {
    log::warn({{"event", "transaction_conflict"}, {"request_id", rid}, {"error", e.what()}});
    res = http::problem(503, "busy", "Service Unavailable", "The server is busy with a conflicting change. Try again.");
    res.with_header("Retry-After", "1");
  } catch (const db::ConstraintError& e) {
    // A constraint no service mapped: answer without naming data of anyone.
    log::warn({{"event", "unmapped_constraint"}, {"request_id", rid}, {"constraint", e.constraint}});
    res = http::problem(409, "conflict", "Conflict", "The change conflicts with existing data.");
  } catch (const std::exception& e) {
    log::error({{"event", "unhandled_error"},
                {"request_id", rid},
                {"error", e.what()},
                {"route", req.method + " " + std::string(truncate_utf8(req.path, 200))}});
    res = http::problem(500, "internal_error", "Internal Server Error",
                        "Something went wrong on our side. Quote request id " + rid + " when reporting it.");
  } catch (...) {
    log::error({{"event", "unhandled_error"}, {"request_id", rid}});
    res = http::problem(500, "internal_error", "Internal Server Error",
                        "Something went wrong on our side. Quote request id " + rid + " when reporting it.");
  }
  res.with_header("X-Request-Id", rid);
  res.with_header("X-Content-Type-Options", "nosniff");
  if (is_api_path(req.path)) res.with_header("Cache-Control", "no-store");
  try {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed);
    // The method as a label only when it is one we route: anything else
    // a client sends would make a new series.
    static const std::set<std::string, std::less<>> kMethods{"GET",   "HEAD",   "POST",   "PUT",
                                                             "PATCH", "DELETE", "OPTIONS"};
    metrics::observe_request(kMethods.contains(req.method) ? std::string_view(req.method) : std::string_view("other"),
                             ctx.route.empty() ? std::string_view("unmatched") : std::string_view(ctx.route),
                             res.status, elapsed);
    json::object line{{"event", "request"},
                      {"request_id", rid},
                      {"method", req.method},
                      {"path", std::string(truncate_utf8(req.path, 300))},
                      {"route", ctx.route.empty() ? "unmatched" : ctx.route},
                      {"status", res.status},
                      {"duration_ms", static_cast<double>(us.count()) / 1000.0},
                      {"ip", ctx.ip}};
    if (ctx.principal) {
      line["user_id"] = ctx.principal->user_id;
      if (ctx.principal->tenant) line["tenant_id"] = ctx.principal->tenant->id;
      if (ctx.principal->impersonation) line["impersonated_by"] = ctx.principal->impersonation->admin_user_id;
    }
    log::event(res.status >= 500 ? spdlog::level::err : spdlog::level::info, line);
  } catch (...) {
    // Logging must never take a request down.
  }
  return res;
}

// A stream outlives its request: before each piece it asks whether the
// caller may still receive it, as the next request would be asked. It ends
// when the token expires, the user, membership, tenant or impersonation is
// no longer valid, or the permissions it was opened with changed (the client
// reconnects and gets what its access now allows).
void App::guard_stream(http::Stream& stream, const http::Request& req, const Context& ctx) {
  auto token = bearer_token(req);
  if (!token || !ctx.principal) return;
  auto permissions = ctx.principal->permissions;
  std::sort(permissions.begin(), permissions.end());
  // Asked again just after the token expires (a second past `exp`, which
  // has a second's grain), so the stream ends then, not at a heartbeat.
  try {
    const auto claims = jwt_.verify(*token, "access", std::chrono::hours(24));
    if (const auto* exp = claims.if_contains("exp"); exp && exp->is_int64()) {
      const auto left = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(exp->as_int64())) -
                        std::chrono::system_clock::now() + std::chrono::seconds(1);
      stream.deadline =
          std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(left);
    }
  } catch (const ApiError&) {
    // authenticate() accepted it a moment ago; without a deadline the heartbeat asks.
  }
  stream.set_guard([this, token = *token, permissions]() -> std::optional<std::string> {
    try {
      auto authenticated = authenticator_.authenticate(token);
      if (authenticated.check && !db_->run_check(*authenticated.check)) {
        authenticated = authenticator_.authenticate(token, false);
      }
      auto now = authenticated.principal.permissions;
      std::sort(now.begin(), now.end());
      if (now != permissions) return "access_changed";
      return std::nullopt;
    } catch (const Unauthorized& e) {
      return e.code() == "token_expired" ? "token_expired" : "access_changed";
    } catch (const ApiError&) {
      return "access_changed";
    } catch (const std::exception&) {
      return "unavailable";  // the database is away: the client reconnects later
    }
  });
}

http::Response App::handle_metrics(const http::Request& req) noexcept {
  try {
    if (req.path != "/metrics") {
      return http::problem(404, "route_not_found", "Not Found", "This listener serves GET /metrics only.");
    }
    if (req.method != "GET" && req.method != "HEAD") {
      auto r = http::problem(405, "method_not_allowed", "Method Not Allowed", "Use GET /metrics.");
      r.with_header("Allow", "GET, HEAD");
      return r;
    }
    http::Response r;
    r.status = 200;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics::render();
    r.with_header("Cache-Control", "no-store");
    return r;
  } catch (...) {
    return http::problem(500, "internal_error", "Internal Server Error", "The metrics could not be rendered.");
  }
}

}  // namespace keycard::app
