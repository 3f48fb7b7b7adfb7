#include "audit/audit.hpp"

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "events/hub.hpp"
#include "events/repository.hpp"
#include "events/rules.hpp"

namespace keycard::audit {
namespace json = boost::json;
namespace {

constexpr std::string_view kEnsureHead = R"sql(
INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING)sql";
// Taking the next sequence number locks the chain head until commit.
constexpr std::string_view kAdvanceHead = R"sql(
UPDATE audit_chain_heads SET seq = seq + 1 WHERE chain = $1 RETURNING seq, hash)sql";
constexpr std::string_view kSetHeadHash = "UPDATE audit_chain_heads SET hash = $2 WHERE chain = $1";
constexpr std::string_view kInsert = R"sql(
INSERT INTO audit_logs (id, tenant_id, chain_seq, actor_user_id, actor_email, impersonated_by,
  impersonation_session_id, action, resource_type, resource_id, changes, ip, user_agent, request_id,
  created_at, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17))sql";
constexpr std::string_view kSelectChain = R"sql(
SELECT id, tenant_id, chain_seq, actor_user_id, actor_email, impersonated_by, impersonation_session_id,
  action, resource_type, resource_id, changes, ip, user_agent, request_id, created_at, prev_hash, hash
FROM audit_logs WHERE tenant_id = $1 ORDER BY chain_seq)sql";
constexpr std::string_view kSelectPlatformChain = R"sql(
SELECT id, tenant_id, chain_seq, actor_user_id, actor_email, impersonated_by, impersonation_session_id,
  action, resource_type, resource_id, changes, ip, user_agent, request_id, created_at, prev_hash, hash
FROM audit_logs WHERE tenant_id IS NULL ORDER BY chain_seq)sql";
constexpr std::string_view kSelectChains = "SELECT DISTINCT tenant_id FROM audit_logs WHERE tenant_id IS NOT NULL";

std::string genesis(const std::string& chain) { return sha256_hex("keycard-audit-genesis:" + chain); }

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

// The hashed form of an entry: every stored column in a fixed order.
std::string entry_hash(const std::vector<std::optional<std::string>>& columns, const std::string& prev_hash) {
  json::array a;
  for (const auto& c : columns) a.push_back(opt(c));
  a.push_back(json::value(prev_hash));
  return sha256_hex(json::serialize(a));
}

bool is_secret_key(std::string_view key) {
  for (auto word : {"password", "token", "secret", "hash", "card_number", "cvv", "cvc"}) {
    if (key.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// Objects inside lists are redacted too: {"users": [{"password": ...}]}.
void redact_value(json::value& value) {
  if (value.is_object()) {
    value = redact(std::move(value.as_object()));
  } else if (value.is_array()) {
    for (auto& item : value.as_array()) redact_value(item);
  }
}

}  // namespace

json::object redact(json::object changes) {
  for (auto& [key, value] : changes) {
    if (is_secret_key(key)) {
      value = "[redacted]";
    } else {
      redact_value(value);
    }
  }
  return changes;
}

void record(db::Transaction& tx, const Actor& actor, const Entry& entry) {
  const std::string chain = entry.tenant_id.value_or("platform");
  // One round trip: the head made (if new) and advanced, which locks it
  // until commit, so the lock that serializes a chain's writers is held for
  // as few round trips as can be.
  std::vector<db::Statement> advance;
  advance.push_back({kEnsureHead, {chain, genesis(chain)}});
  advance.push_back({kAdvanceHead, {chain}});
  const auto advanced = tx.exec_batch(std::move(advance));
  if (advanced[1].rows.size() != 1) throw db::DbError("audit chain head missing");
  const auto& head = advanced[1].rows.front();
  const auto seq = head.int64(0);
  const std::string prev = head.text(1);
  const std::string id = new_uuid();
  const auto redacted = redact(entry.changes);
  const std::string changes = json::serialize(redacted);
  const std::vector<std::optional<std::string>> columns = {id,
                                                           entry.tenant_id,
                                                           std::to_string(seq),
                                                           actor.user_id,
                                                           actor.email,
                                                           actor.impersonated_by,
                                                           actor.impersonation_session_id,
                                                           entry.action,
                                                           entry.resource_type,
                                                           entry.resource_id,
                                                           changes,
                                                           actor.ip,
                                                           actor.user_agent,
                                                           actor.request_id,
                                                           now_text()};
  const std::string hash = entry_hash(columns, prev);
  // The entry and the new head hash go out with the transaction's next
  // statement or its COMMIT (Transaction::defer): still in it, and without a
  // round trip of their own while the head is locked.
  tx.defer({kInsert,
            {id, db::nullable(entry.tenant_id), seq, db::nullable(actor.user_id), db::nullable(actor.email),
             db::nullable(actor.impersonated_by), db::nullable(actor.impersonation_session_id), entry.action,
             entry.resource_type, db::nullable(entry.resource_id), changes, db::nullable(actor.ip),
             db::nullable(actor.user_agent), db::nullable(actor.request_id), *columns[14], prev, hash}});
  tx.defer({kSetHeadHash, {chain, hash}});
  // The domain event of a tenant's state change, in the same transaction:
  // the chain position is its sequence (the head is locked until commit, so
  // within a tenant it is also the commit order).
  if (entry.tenant_id) {
    if (auto kind = events::classify(entry.action, entry.resource_type)) {
      tx.defer(events::outbox_insert(
          {*entry.tenant_id, seq, kind->type, entry.resource_type, entry.resource_id, *columns[14],
           json::serialize(events::event_data(entry.action, entry.resource_type, redacted)), kind->permission}));
      // Once committed, this instance's streams of the tenant read it; on
      // PostgreSQL the other instances hear of it by a NOTIFY sent after the
      // commit (never for a rollback).
      tx.on_commit([tenant = *entry.tenant_id] { events::Hub::instance().notify(tenant); });
      tx.notify_after_commit("keycard_events", *entry.tenant_id);
    }
  }
}

VerifyResult verify(db::Transaction& tx, const std::optional<std::string>& chain) {
  VerifyResult result;
  std::vector<std::optional<std::string>> chains;
  if (chain) {
    chains.emplace_back(*chain == "platform" ? std::nullopt : chain);
  } else {
    chains.emplace_back(std::nullopt);
    for (const auto& row : tx.exec(kSelectChains).rows) chains.emplace_back(row.text(0));
  }
  for (const auto& c : chains) {
    const auto rows = c ? tx.exec(kSelectChain, {*c}).rows : tx.exec(kSelectPlatformChain).rows;
    std::string prev = genesis(c.value_or("platform"));
    std::int64_t expected_seq = 1;
    for (const auto& row : rows) {
      ++result.checked;
      std::vector<std::optional<std::string>> columns;
      for (std::size_t i = 0; i < 15; ++i) columns.push_back(row.opt_text(i));
      const bool linked = row.text(15) == prev && row.int64(2) == expected_seq;
      const auto recomputed = entry_hash(columns, prev);
      if (!linked || recomputed != row.text(16)) {
        result.ok = false;
        result.first_broken_id = row.text(0);
        result.chain = c.value_or("platform");
        return result;
      }
      prev = row.text(16);
      ++expected_seq;
    }
  }
  return result;
}

}  // namespace keycard::audit
