// Idempotency-Key on POSTs that create reservations and payments: the first
// answer is stored in the same transaction as what it created; the same key
// with the same body replays it, the same key with another body is a 409.
// This part is the store, for services (no JSON, no HTTP); reading the
// header and answering a replay are in idempotency_api.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"

namespace keycard::hotel::idempotency {

struct Key {
  std::string key, endpoint, request_hash;
};

// An answer as it was first sent.
struct Stored {
  int status = 0;
  std::string body;
};

// What a create needs for a request with a key: the key, and how its answer
// is written down (the api's encoder of the created value).
template <class T>
struct Replay {
  Key key;
  std::function<std::string(const T&)> encode;
};

// What a create returns: the new value, or the first answer to its key.
template <class T>
using Created = std::variant<T, Stored>;

// The stored answer for the key, if any; throws Conflict when the key was
// used with another body.
std::optional<Stored> lookup(db::Transaction& tx, const access::TenantScope& scope, const Key& key);

// After a conflict: a concurrent request with the same key may have won;
// its committed answer, if any (read in a fresh transaction).
std::optional<Stored> committed(db::Database& db, const access::TenantScope& scope, const Key& key);

// Drops the stored answers that mention `text` (an erased guest's id: the
// answers hold the guest's name, which must not outlive an erasure).
void forget_mentions(db::Transaction& tx, const access::TenantScope& scope, const std::string& text);

void save(db::Transaction& tx, const access::TenantScope& scope, const Key& key, const Stored& answer,
          const std::string& user_id);

// The create skeleton of both services: with a key, a stored answer is
// returned as is; otherwise `make` runs and its value's answer is stored with
// it (status 201) before the caller commits.
template <class T, class Make>
Created<T> once(db::Transaction& tx, const access::TenantScope& scope, const std::optional<Replay<T>>& replay,
                const std::string& user_id, Make&& make) {
  if (replay) {
    if (auto previous = lookup(tx, scope, replay->key)) return std::move(*previous);
  }
  T value = std::forward<Make>(make)();
  if (replay) save(tx, scope, replay->key, {201, replay->encode(value)}, user_id);
  return value;
}

}  // namespace keycard::hotel::idempotency
