#include "hotel/shared/support.hpp"

#include <chrono>
#include <climits>

#include "common/errors.hpp"
#include "common/pagination.hpp"

namespace keycard::hotel {
namespace json = boost::json;

void field_error(std::string field, std::string message) {
  throw ValidationError(FieldErrors{{std::move(field), std::move(message)}});
}

void check_body_tenant(const request::Context& ctx, const json::object& body) {
  auto it = body.find("tenant_id");
  if (it == body.end() || it->value().is_null()) return;
  const auto& v = it->value();
  if (!v.is_string() || to_lower(std::string_view(v.as_string())) != ctx.scope().tenant_id()) {
    throw Forbidden("The body names another tenant; the tenant comes from your token.", "tenant_mismatch");
  }
}

json::object tenant_body(const request::Context& ctx, const http::Request& req) {
  auto body = parse_json_object(req.body);
  check_body_tenant(ctx, body);
  return body;
}

std::optional<std::int64_t> delete_version(const http::Request& req) {
  if (!req.header("if-match")) return std::nullopt;
  return if_match(req).value_or(0);
}

std::int64_t required_version(Fields& f, const http::Request& req) {
  auto v = f.optional_int("version", 1, INT32_MAX);
  if (!v) {
    v = if_match(req);
  }
  if (!v && !f.has("version")) f.add_error("version", "is required: send the version you read (or an If-Match header)");
  return v.value_or(0);
}

bool is_valid_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const unsigned m = static_cast<unsigned>((t[5] - '0') * 10 + (t[6] - '0'));
  const unsigned d = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
  if (y < 1900 || y > 9999) return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

std::int64_t days_from_date(std::string_view t) {
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const unsigned m = static_cast<unsigned>((t[5] - '0') * 10 + (t[6] - '0'));
  const unsigned d = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
  const std::chrono::sys_days sd{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return sd.time_since_epoch().count();
}

std::string date_from_days(std::int64_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<std::string> optional_date(Fields& f, std::string_view key) {
  auto s = f.optional_string(key, 10);
  if (!s) return std::nullopt;
  if (!is_valid_date(*s)) {
    f.add_error(std::string(key), "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

std::string required_date(Fields& f, std::string_view key) {
  if (!f.raw(key)) {
    f.add_error(std::string(key), "is required");
    return {};
  }
  return optional_date(f, key).value_or(std::string());
}

std::optional<std::string> query_date(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (!is_valid_date(*v)) {
    throw BadRequest("The query parameter '" + std::string(name) + "' must be a date YYYY-MM-DD.", "invalid_query");
  }
  return v;
}

bool is_currency(std::string_view t) {
  return t.size() == 3 && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_clock_time(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[3] - '0') < 6;
}

json::object money(std::int64_t amount_minor, const std::string& currency) {
  return {{"amount_minor", amount_minor}, {"currency", currency}};
}

json::object changes_between(const json::object& before, const json::object& after) {
  json::object out;
  for (const auto& [key, value] : after) {
    if (key == "version" || key == "updated_at" || key == "created_at") continue;
    auto it = before.find(key);
    const json::value old = it == before.end() ? json::value(nullptr) : it->value();
    if (old != value) out[key] = {{"before", old}, {"after", value}};
  }
  for (const auto& [key, value] : before) {
    if (key == "version" || key == "updated_at" || key == "created_at" || after.contains(key)) continue;
    if (!value.is_null()) out[key] = {{"before", value}, {"after", nullptr}};
  }
  return out;
}

json::object page_json(json::array items, std::int64_t page, std::int64_t limit, std::int64_t total) {
  return {{"items", std::move(items)}, {"page", page}, {"limit", limit}, {"total", total}};
}

std::optional<std::optional<std::string>> patch_string(Fields& f, const json::object& body, std::string_view key,
                                                       std::size_t max_len) {
  auto it = body.find(key);
  if (it == body.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<std::string>();
  auto s = f.optional_string(key, max_len);
  if (s && s->empty()) return std::optional<std::string>();
  return s;
}

http::Response problem_with(const ApiError& e, const boost::json::object& members) {
  auto body =
      boost::json::parse(http::problem(e.status(), e.code(), e.title(), e.detail(), e.field_errors()).body).as_object();
  for (const auto& [key, value] : members) body[key] = value;
  auto res = http::Response::json(e.status(), body);
  res.content_type = "application/problem+json";
  return res;
}

}  // namespace keycard::hotel
