#include "audit/api.hpp"

#include <boost/json.hpp>

#include <regex>

#include "audit/audit.hpp"
#include "audit/repository.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/utf8.hpp"
#include "common/validation.hpp"
#include "request/context.hpp"

namespace keycard::audit {
namespace json = boost::json;
namespace {

constexpr const char* kNames[] = {"id",
                                  "tenant_id",
                                  "chain_seq",
                                  "actor_user_id",
                                  "actor_email",
                                  "impersonated_by",
                                  "impersonation_session_id",
                                  "action",
                                  "resource_type",
                                  "resource_id",
                                  "changes",
                                  "ip",
                                  "user_agent",
                                  "request_id",
                                  "created_at",
                                  "hash"};

json::object to_json(const repo::EntryRow& e) {
  json::object o;
  for (std::size_t i = 0; i < e.columns.size(); ++i) {
    const auto& v = e.columns[i];
    if (!v) {
      o[kNames[i]] = nullptr;
    } else if (std::string_view(kNames[i]) == "changes") {
      boost::system::error_code ec;
      auto parsed = json::parse(*v, ec);
      o["changes"] = ec ? json::value(*v) : parsed;
    } else if (std::string_view(kNames[i]) == "chain_seq") {
      o["chain_seq"] = std::stoll(*v);
    } else {
      o[kNames[i]] = *v;
    }
  }
  return o;
}

// Whether the calendar fields of "YYYY-MM-DDTHH:MM:SS" name a real instant
// (parse_time alone would roll 2024-02-30 over into March).
bool real_date_time(const std::string& text) {
  try {
    return format_time(parse_time(text + "Z")).substr(0, 19) == text;
  } catch (const std::exception&) {
    return false;
  }
}

// from/to: a date (YYYY-MM-DD, a whole day) or an RFC 3339 time.
std::optional<std::string> time_param(const http::Request& req, std::string_view name, bool end_of_day) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  static const std::regex kTime(R"((\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))");
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  const BadRequest bad(
      "The query parameter '" + std::string(name) + "' must be a date (YYYY-MM-DD) or an RFC 3339 time.",
      "invalid_query");
  if (v->size() > 64) throw bad;
  const std::string text(*v);
  std::smatch m;
  if (std::regex_match(text, kDate)) {
    if (!real_date_time(text + "T00:00:00")) throw bad;
    auto t = parse_time(text + "T00:00:00Z");
    if (end_of_day) t += std::chrono::hours(24);
    return format_time(t);
  }
  if (!std::regex_match(text, m, kTime) || !real_date_time(m[1].str() + "T" + m[2].str())) throw bad;
  return format_time(parse_time(text));
}

repo::ListQuery parse_query(const http::Request& req) {
  repo::ListQuery q;
  const auto page = parse_page(req, {{"created_at", "created_at"}}, "-created_at");
  q.page = page.page;
  q.limit = page.limit;
  q.ascending = page.order_by.find("ASC") != std::string::npos;
  q.user_id = query_uuid(req, "user_id");
  if (auto v = req.query_param("action"); v && !v->empty()) q.action = std::string(truncate_utf8(*v, 100));
  if (auto v = req.query_param("resource_type"); v && !v->empty())
    q.resource_type = std::string(truncate_utf8(*v, 100));
  if (auto v = req.query_param("resource_id"); v && !v->empty()) q.resource_id = std::string(truncate_utf8(*v, 100));
  q.from = time_param(req, "from", false);
  q.to = time_param(req, "to", true);
  return q;
}

json::object page_json(std::pair<std::vector<repo::EntryRow>, std::int64_t> result, const repo::ListQuery& q) {
  json::array items;
  for (const auto& e : result.first) items.push_back(to_json(e));
  return {{"items", std::move(items)}, {"page", q.page}, {"limit", q.limit}, {"total", result.second}};
}

}  // namespace

void register_routes(http::Router& router) {
  using http::Scope;
  router.add(
      {"GET", "/api/admin/audit-logs", Scope::admin, "admin:audit:read", [](http::Request& req, request::Context& ctx) {
         auto q = parse_query(req);
         if (auto t = req.query_param("tenant_id"); t && !t->empty()) {
           q.tenant_id = *t == "platform" ? *t : *query_uuid(req, "tenant_id");
         }
         auto tx = ctx.db().begin_platform(db::TxMode::read);
         auto result = repo::list_platform(tx, q);
         tx.commit();
         return http::Response::json(200, page_json(std::move(result), q));
       }});
  router.add({"GET", "/api/admin/audit-logs/verify", Scope::admin, "admin:audit:read",
              [](http::Request& req, request::Context& ctx) {
                std::optional<std::string> chain;
                if (auto t = req.query_param("tenant_id"); t && !t->empty()) {
                  chain = *t == "platform" ? *t : *query_uuid(req, "tenant_id");
                }
                auto tx = ctx.db().begin_platform(db::TxMode::read);
                auto result = verify(tx, chain);
                tx.commit();
                json::object body{{"ok", result.ok},
                                  {"checked", result.checked},
                                  {"first_broken_id", result.first_broken_id ? json::value(*result.first_broken_id)
                                                                             : json::value(nullptr)},
                                  {"chain", result.chain ? json::value(*result.chain) : json::value(nullptr)}};
                return http::Response::json(200, body);
              }});
  router.add(
      {"GET", "/api/hotel/audit-logs", Scope::hotel, "hotel:audit:read", [](http::Request& req, request::Context& ctx) {
         auto q = parse_query(req);
         auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
         auto result = repo::list_tenant(tx, ctx.scope(), q);
         tx.commit();
         return http::Response::json(200, page_json(std::move(result), q));
       }});
}

}  // namespace keycard::audit
