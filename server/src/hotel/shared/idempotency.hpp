// Idempotency-Key on POSTs that create reservations and payments: the first
// answer is stored in the same transaction as what it created; the same key
// with the same body replays it, the same key with another body is a 409.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "access/tenant_scope.hpp"
#include "request/context.hpp"
#include "db/database.hpp"
#include "http/message.hpp"

namespace keycard::hotel::idempotency {

struct Key {
  std::string key, endpoint, request_hash;
};

// The request's key, if it sent one (400 when malformed). `endpoint` names
// what the key is scoped to, e.g. "POST /api/hotel/reservations".
std::optional<Key> from_request(const http::Request& req, const std::string& endpoint);

// The stored answer for the key, if any; throws Conflict when the key was
// used with another body.
std::optional<boost::json::object> lookup(db::Transaction& tx, const access::TenantScope& scope, const Key& key);

// After a conflict: a concurrent request with the same key may have won;
// its committed answer, if any (read in a fresh transaction).
std::optional<boost::json::object> committed(request::Context& ctx, const Key& key);

// Drops the stored answers that mention `text` (an erased guest's id: the
// answers hold the guest's name, which must not outlive an erasure).
void forget_mentions(db::Transaction& tx, const access::TenantScope& scope, const std::string& text);

void save(db::Transaction& tx, const access::TenantScope& scope, const Key& key, int status,
          const boost::json::object& body, const std::string& user_id);

}  // namespace keycard::hotel::idempotency
