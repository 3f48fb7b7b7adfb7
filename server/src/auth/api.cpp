#include "auth/api.hpp"

#include <boost/json.hpp>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "common/errors.hpp"
#include "common/validation.hpp"
#include "request/context.hpp"

namespace keycard::auth {
namespace json = boost::json;
namespace {

constexpr std::string_view kCookie = "keycard_refresh";

std::string cookie_header(const http::Request& req, const std::string& value, int max_age) {
  std::string c = std::string(kCookie) + "=" + value +
                  "; Path=/api/auth; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (req.secure) c += "; Secure";
  return c;
}

std::optional<std::string> cookie_value(const http::Request& req) {
  auto header = req.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto part = trim(rest.substr(0, semi));
    if (part.rfind(std::string(kCookie) + "=", 0) == 0) return part.substr(kCookie.size() + 1);
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  return std::nullopt;
}

// The refresh token from the body, or from the cookie when the body has none.
std::optional<std::string> refresh_token_of(const http::Request& req, bool required) {
  if (!trim(req.body).empty()) {
    auto body = parse_json_object(req.body);
    Fields f(body);
    auto token = f.optional_string("refresh_token", 512);
    f.finish();
    if (token && !token->empty()) return token;
  }
  if (auto c = cookie_value(req); c && !c->empty()) return c;
  if (required) throw ValidationError(FieldErrors{{"refresh_token", "is required"}});
  return std::nullopt;
}

http::Response session_response(const http::Request& req, const Session& s, int refresh_ttl) {
  json::object body{{"access_token", s.tokens.access_token},
                    {"refresh_token", s.tokens.refresh_token},
                    {"token_type", "Bearer"},
                    {"expires_in", s.tokens.expires_in},
                    {"user", s.user}};
  auto r = http::Response::json(200, body);
  r.with_header("Set-Cookie", cookie_header(req, s.tokens.refresh_token, refresh_ttl));
  return r;
}

}  // namespace

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"POST", "/api/auth/login", Scope::public_, "", [](http::Request& req, request::Context& ctx) {
                auto body = parse_json_object(req.body);
                Fields f(body);
                auto email = to_lower(f.required_string("email", 254));
                auto password = f.required_secret("password");
                auto tenant_id = f.optional_uuid("tenant_id");
                f.finish();
                auto s = login(ctx, email, password, tenant_id);
                return session_response(req, s, ctx.services.tokens.refresh_ttl());
              }});
  router.add({"POST", "/api/auth/refresh", Scope::public_, "", [](http::Request& req, request::Context& ctx) {
                auto token = refresh_token_of(req, true);
                auto s = refresh(ctx, *token);
                return session_response(req, s, ctx.services.tokens.refresh_ttl());
              }});
  router.add({"POST", "/api/auth/logout", Scope::public_, "", [](http::Request& req, request::Context& ctx) {
                if (auto token = refresh_token_of(req, false)) logout(ctx, *token);
                auto r = http::Response::no_content();
                r.with_header("Set-Cookie", cookie_header(req, "", 0));
                return r;
              }});
  router.add({"GET", "/api/auth/me", Scope::authenticated, "", [](http::Request&, request::Context& ctx) {
                // The principal was just loaded; only a hotel user's
                // tenant list needs another look at the database.
                if (!lists_memberships(ctx.user())) return http::Response::json(200, describe(ctx.user()));
                auto tx = ctx.db().begin_platform(db::TxMode::read);
                auto body = describe(tx, ctx.user());
                tx.commit();
                return http::Response::json(200, body);
              }});
  router.add(
      {"POST", "/api/auth/switch-tenant", Scope::authenticated, "", [](http::Request& req, request::Context& ctx) {
         auto body = parse_json_object(req.body);
         Fields f(body);
         auto tenant_id = f.required_uuid("tenant_id");
         f.finish();
         auto s = switch_tenant(ctx, tenant_id);
         return session_response(req, s, ctx.services.tokens.refresh_ttl());
       }});
  router.add(
      {"POST", "/api/auth/change-password", Scope::authenticated, "", [](http::Request& req, request::Context& ctx) {
         auto body = parse_json_object(req.body);
         Fields f(body);
         auto current = f.required_secret("current_password");
         auto next = f.required_secret("new_password");
         auto refresh_token = f.optional_string("refresh_token", 512);
         f.finish();
         if (!refresh_token) refresh_token = cookie_value(req);
         change_password(ctx, current, next, refresh_token);
         return http::Response::no_content();
       }});
}

}  // namespace keycard::auth
