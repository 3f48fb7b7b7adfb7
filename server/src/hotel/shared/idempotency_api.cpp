#include "hotel/shared/idempotency_api.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/utf8.hpp"

namespace keycard::hotel::idempotency {
namespace json = boost::json;
namespace {

// JSON with object members sorted by name at every level: the same body sent
// with its keys in another order or other whitespace hashes the same.
std::string canonical(const json::value& v) {
  if (v.is_object()) {
    std::vector<std::pair<std::string_view, const json::value*>> members;
    for (const auto& kv : v.as_object()) members.emplace_back(kv.key(), &kv.value());
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out += ',';
      out += json::serialize(json::string(members[i].first));
      out += ':';
      out += canonical(*members[i].second);
    }
    return out + "}";
  }
  if (v.is_array()) {
    std::string out = "[";
    const auto& a = v.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i > 0) out += ',';
      out += canonical(a[i]);
    }
    return out + "]";
  }
  return json::serialize(v);
}

}  // namespace

std::optional<Key> from_request(const http::Request& req, const std::string& endpoint) {
  auto h = req.header("idempotency-key");
  if (!h) return std::nullopt;
  const auto& k = *h;
  const bool ok =
      !k.empty() && k.size() <= 255 && std::all_of(k.begin(), k.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (!ok) throw BadRequest("Idempotency-Key must be 1-255 visible ASCII characters.", "invalid_idempotency_key");
  // The body as parsed JSON, so whitespace or member order does not make it "different".
  boost::system::error_code ec;
  auto parsed = json::parse(req.body, ec);
  return Key{k, endpoint, sha256_hex(ec ? req.body : canonical(parsed))};
}

http::Response response(const Stored& stored) {
  http::Response r;
  r.status = stored.status;
  r.content_type = "application/json";
  // Stored as Response::json wrote it; a row that is not UTF-8 any more is
  // mended rather than sent as it is.
  r.body = is_utf8(stored.body) ? stored.body : to_valid_utf8(stored.body);
  return r;
}

}  // namespace keycard::hotel::idempotency
