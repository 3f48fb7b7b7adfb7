#include "hotel/shared/idempotency.hpp"

#include <string_view>

#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/rows.hpp"

namespace keycard::hotel::idempotency {
namespace {

constexpr std::string_view kFind = R"sql(
SELECT request_hash, status_code, response_body FROM idempotency_keys
WHERE tenant_id = $1 AND idempotency_key = $2 AND endpoint = $3)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO idempotency_keys (tenant_id, idempotency_key, endpoint, request_hash, status_code, response_body,
  created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

constexpr std::string_view kForget = R"sql(
DELETE FROM idempotency_keys WHERE tenant_id = $1 AND response_body LIKE '%' || CAST($2 AS TEXT) || '%')sql";

}  // namespace

std::optional<Stored> lookup(db::Transaction& tx, const access::TenantScope& scope, const Key& key) {
  struct Found {
    std::string request_hash;
    Stored answer;
  };
  const auto found =
      db::map_first(tx.exec(kFind, {scope.tenant_id(), key.key, key.endpoint}), [](const db::NamedRow& r) {
        return Found{r.text("request_hash"), {static_cast<int>(r.int64("status_code")), r.text("response_body")}};
      });
  if (!found) return std::nullopt;
  if (found->request_hash != key.request_hash) {
    throw Conflict("This Idempotency-Key was already used with a different request body.", "idempotency_key_reused");
  }
  return found->answer;
}

std::optional<Stored> committed(db::Database& db, const access::TenantScope& scope, const Key& key) {
  auto tx = db.begin(db::TxMode::read, scope);
  auto found = lookup(tx, scope, key);
  tx.commit();
  return found;
}

void forget_mentions(db::Transaction& tx, const access::TenantScope& scope, const std::string& text) {
  tx.exec(kForget, {scope.tenant_id(), text});
}

void save(db::Transaction& tx, const access::TenantScope& scope, const Key& key, const Stored& answer,
          const std::string& user_id) {
  tx.exec(kInsert, {scope.tenant_id(), key.key, key.endpoint, key.request_hash,
                    static_cast<std::int64_t>(answer.status), answer.body, user_id, now_text()});
}

}  // namespace keycard::hotel::idempotency
