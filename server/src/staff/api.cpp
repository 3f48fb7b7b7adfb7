#include "staff/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "request/context.hpp"
#include "staff/service.hpp"

namespace keycard::staff {
namespace {

using http::Scope;

Panel panel_of(Scope scope, const request::Context& ctx) {
  return scope == Scope::hotel ? Panel::hotel(ctx.scope()) : Panel::platform();
}

void register_panel(http::Router& router, Scope scope) {
  const std::string base = scope == Scope::hotel ? "/api/hotel" : "/api/admin";
  const std::string perm = scope == Scope::hotel ? "hotel:" : "admin:";

  router.add({"GET", base + "/users", scope, perm + "users:read", [scope](http::Request& req, request::Context& ctx) {
                const auto page = parse_page(req,
                                             {{"created_at", "u.created_at"},
                                              {"email", "u.email"},
                                              {"first_name", "u.first_name"},
                                              {"last_name", "u.last_name"}},
                                             "-created_at");
                repo::UserQuery q;
                q.page = page.page;
                q.limit = page.limit;
                q.order_by = page.order_by;
                q.q = query_search(req, "q");
                q.is_active = query_bool(req, "is_active");
                if (scope == Scope::admin) q.include_deleted = query_bool(req, "include_deleted").value_or(false);
                return http::Response::json(200, list_users(ctx, panel_of(scope, ctx), q));
              }});
  router.add(
      {"POST", base + "/users", scope, perm + "users:create", [scope](http::Request& req, request::Context& ctx) {
         return http::Response::json(201, create_user(ctx, panel_of(scope, ctx), parse_json_object(req.body)));
       }});
  router.add(
      {"GET", base + "/users/{id}", scope, perm + "users:read", [scope](http::Request& req, request::Context& ctx) {
         return http::Response::json(200, get_user(ctx, panel_of(scope, ctx), req.param("id")));
       }});
  router.add(
      {"PATCH", base + "/users/{id}", scope, perm + "users:update", [scope](http::Request& req, request::Context& ctx) {
         const auto version = if_match(req);
         return http::Response::json(
             200, update_user(ctx, panel_of(scope, ctx), req.param("id"), parse_json_object(req.body), version));
       }});
  router.add({"DELETE", base + "/users/{id}", scope, perm + "users:delete",
              [scope](http::Request& req, request::Context& ctx) {
                delete_user(ctx, panel_of(scope, ctx), req.param("id"));
                return http::Response::no_content();
              }});

  router.add({"GET", base + "/roles", scope, perm + "roles:read", [scope](http::Request& req, request::Context& ctx) {
                const auto page = parse_page(
                    req, {{"name", "r.name"}, {"display_name", "r.display_name"}, {"created_at", "r.created_at"}},
                    "name");
                repo::RoleQuery q;
                q.page = page.page;
                q.limit = page.limit;
                q.order_by = page.order_by;
                q.q = query_search(req, "q");
                q.is_system = query_bool(req, "is_system");
                return http::Response::json(200, list_roles(ctx, panel_of(scope, ctx), q));
              }});
  router.add(
      {"POST", base + "/roles", scope, perm + "roles:create", [scope](http::Request& req, request::Context& ctx) {
         return http::Response::json(201, create_role(ctx, panel_of(scope, ctx), parse_json_object(req.body)));
       }});
  router.add(
      {"GET", base + "/roles/{id}", scope, perm + "roles:read", [scope](http::Request& req, request::Context& ctx) {
         return http::Response::json(200, get_role(ctx, panel_of(scope, ctx), req.param("id")));
       }});
  router.add(
      {"PATCH", base + "/roles/{id}", scope, perm + "roles:update", [scope](http::Request& req, request::Context& ctx) {
         const auto version = if_match(req);
         return http::Response::json(
             200, update_role(ctx, panel_of(scope, ctx), req.param("id"), parse_json_object(req.body), version));
       }});
  router.add({"DELETE", base + "/roles/{id}", scope, perm + "roles:delete",
              [scope](http::Request& req, request::Context& ctx) {
                delete_role(ctx, panel_of(scope, ctx), req.param("id"));
                return http::Response::no_content();
              }});
  router.add({"GET", base + "/permissions", scope, perm + "roles:read", [scope](http::Request&, request::Context& ctx) {
                return http::Response::json(200, list_permissions(panel_of(scope, ctx)));
              }});
}

}  // namespace

void register_routes(http::Router& router) {
  register_panel(router, Scope::admin);
  register_panel(router, Scope::hotel);
}

}  // namespace keycard::staff
