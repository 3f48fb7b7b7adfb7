// Fuzzes the HTTP input path without a socket: raw bytes are cut into
// pipelined requests by http::parse_request (the socket loop's own checks and
// answers), and each complete request goes through App::handle, on an
// in-memory SQLite database with the catalogue, an admin and one hotel.
//
// So that the fuzzer gets past authentication, the input may name tokens
// made at start-up: @ADMIN@ (a platform admin's access token), @HOTEL@ (the
// hotel manager's) and @TENANT@ (that hotel's id) are replaced before parsing.
//
// Invariants: handle never throws (noexcept: a throw terminates); every
// status is in 100..599 and never 500; problem+json and JSON bodies parse and
// are UTF-8; a refusal closes the connection; parsing always makes progress.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "app/config.hpp"
#include "common/utf8.hpp"
#include "db/database.hpp"
#include "fuzz_support.hpp"
#include "http/message.hpp"
#include "http/parse.hpp"
#include "platform/catalogue.hpp"
#include "platform/users.hpp"

namespace {

namespace json = boost::json;
namespace http = keycard::http;
using keycard::fuzz::check;
using keycard::fuzz::fail;

constexpr std::string_view kAdminEmail = "admin@fuzz.test";
constexpr std::string_view kAdminPassword = "fuzz admin password 1";
constexpr std::string_view kManagerEmail = "ana@fuzz-hotel.test";
constexpr std::string_view kManagerPassword = "fuzz manager password 1";

std::unique_ptr<keycard::app::App> app;
std::string admin_token;
std::string hotel_token;
std::string tenant_id;

http::Request make(std::string method, std::string path, std::string body, const std::string& token = {}) {
  http::Request req;
  req.method = std::move(method);
  req.target = path;
  req.path = std::move(path);
  req.body = std::move(body);
  req.headers["content-type"] = "application/json";
  if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
  req.remote_address = "192.0.2.10";
  return req;
}

json::object call(http::Request req, int expected) {
  const auto r = app->handle(req);
  if (r.status != expected) fail("fuzz set-up: " + req.method + " " + req.path + " answered", r.body);
  return json::parse(r.body).as_object();
}

std::string login(std::string_view email, std::string_view password) {
  const auto b = call(
      make("POST", "/api/auth/login", json::serialize(json::object{{"email", email}, {"password", password}})), 200);
  return std::string(b.at("access_token").as_string());
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

bool is_json_type(std::string_view content_type) {
  return content_type.starts_with("application/json") || content_type.starts_with("application/problem+json");
}

std::string_view header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

void check_response(const http::Response& r, std::string_view what) {
  check(r.status >= 100 && r.status <= 599, "status out of range", what);
  check(r.status != 500, "500 Internal Server Error", r.body);
  if (is_json_type(r.content_type)) {
    check(keycard::is_utf8(r.body), "JSON body is not UTF-8", what);
    json::error_code ec;
    const auto v = json::parse(r.body, ec);
    check(!ec, "JSON body does not parse", r.body);
    if (r.content_type.starts_with("application/problem+json")) {
      check(v.is_object(), "problem is not an object", r.body);
      const auto* status = v.as_object().if_contains("status");
      check(status != nullptr && status->is_int64() && status->as_int64() == r.status, "problem status", r.body);
      check(r.status >= 400, "problem with a success status", r.body);
    }
  }
  for (const auto& [k, v] : r.headers) {
    check(k.find_first_of("\r\n") == std::string::npos && v.find_first_of("\r\n") == std::string::npos,
          "CR or LF in a response header", k);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::setenv("KEYCARD_PASSWORD_COST", "low", 1);
  spdlog::set_level(spdlog::level::off);

  keycard::app::Config config;
  config.database = "sqlite::memory:";
  config.data_dir = "/nonexistent-keycard-fuzz";
  config.jwt_secret = "fuzz-jwt-secret-0123456789abcdef-0123456789";
  // Long runs outlast the default 15 minutes; the tokens must stay valid.
  config.access_token_ttl_seconds = 7 * 24 * 3600;
  auto db = keycard::db::Database::open(config.database, {2, 5000});
  db->migrate();
  keycard::platform::sync_catalogue(*db);
  if (!keycard::platform::bootstrap_admin(*db, std::string(kAdminEmail), std::string(kAdminPassword))) {
    fail("fuzz set-up: bootstrap_admin");
  }
  app = std::make_unique<keycard::app::App>(config, std::move(db), keycard::app::make_jwt(config));

  admin_token = login(kAdminEmail, kAdminPassword);
  const json::object hotel{
      {"name", "Fuzz Hotel"},
      {"slug", "fuzz-hotel"},
      {"type", "INDEPENDENT"},
      {"email", "desk@fuzz-hotel.test"},
      {"manager",
       json::object{
           {"email", kManagerEmail}, {"first_name", "Ana"}, {"last_name", "Silva"}, {"password", kManagerPassword}}}};
  tenant_id = std::string(
      call(make("POST", "/api/admin/hotels", json::serialize(hotel), admin_token), 201).at("id").as_string());
  hotel_token = login(kManagerEmail, kManagerPassword);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  replace_all(bytes, "@ADMIN@", admin_token);
  replace_all(bytes, "@HOTEL@", hotel_token);
  replace_all(bytes, "@TENANT@", tenant_id);

  // Small limits as well, so that 413 and 431 are within the fuzzer's reach.
  const http::ParseLimits limits{4096, 2048};
  std::string_view rest = bytes;
  while (!rest.empty()) {
    auto parsed = http::parse_request(rest, limits);
    check(parsed.consumed <= rest.size(), "consumed more than the input");
    check(static_cast<int>(parsed.request.has_value()) + static_cast<int>(parsed.early.has_value()) +
                  static_cast<int>(parsed.need_more) <=
              1,
          "more than one outcome");
    if (parsed.early) {
      check_response(*parsed.early, "early answer");
      check(parsed.early->status >= 400, "early answer is not an error", parsed.early->body);
      check(header(*parsed.early, "Connection") == "close", "a refusal keeps the connection open", parsed.early->body);
      break;  // the server closes the connection
    }
    if (!parsed.request) break;  // need_more: the server would wait for bytes
    check(parsed.consumed > 0, "a request from no bytes");
    parsed.request->remote_address = "192.0.2.20";
    const auto response = app->handle(*parsed.request);
    check_response(response, parsed.request->method + " " + parsed.request->target);
    rest.remove_prefix(parsed.consumed);
  }
  return 0;
}
