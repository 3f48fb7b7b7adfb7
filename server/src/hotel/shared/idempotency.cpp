#include "hotel/shared/idempotency.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "request/context.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard::hotel::idempotency {
namespace json = boost::json;
namespace {

constexpr std::string_view kFind = R"sql(
SELECT request_hash, status_code, response_body FROM idempotency_keys
WHERE tenant_id = $1 AND idempotency_key = $2 AND endpoint = $3)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO idempotency_keys (tenant_id, idempotency_key, endpoint, request_hash, status_code, response_body,
  created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

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

constexpr std::string_view kForget = R"sql(
DELETE FROM idempotency_keys WHERE tenant_id = $1 AND response_body LIKE '%' || CAST($2 AS TEXT) || '%')sql";

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

std::optional<json::object> lookup(db::Transaction& tx, const access::TenantScope& scope, const Key& key) {
  auto r = tx.one(kFind, {scope.tenant_id(), key.key, key.endpoint});
  if (!r) return std::nullopt;
  if (r->text(0) != key.request_hash) {
    throw Conflict("This Idempotency-Key was already used with a different request body.", "idempotency_key_reused");
  }
  boost::system::error_code ec;
  auto v = json::parse(r->text(2), ec);
  if (ec || !v.is_object()) throw db::DbError("stored idempotent answer is not a JSON object");
  return std::move(v.as_object());
}

std::optional<json::object> committed(request::Context& ctx, const Key& key) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto found = lookup(tx, ctx.scope(), key);
  tx.commit();
  return found;
}

void forget_mentions(db::Transaction& tx, const access::TenantScope& scope, const std::string& text) {
  tx.exec(kForget, {scope.tenant_id(), text});
}

void save(db::Transaction& tx, const access::TenantScope& scope, const Key& key, int status, const json::object& body,
          const std::string& user_id) {
  tx.exec(kInsert, {scope.tenant_id(), key.key, key.endpoint, key.request_hash, static_cast<std::int64_t>(status),
                    json::serialize(body), user_id, now_text()});
}

}  // namespace keycard::hotel::idempotency
