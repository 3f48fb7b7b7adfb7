// The audit trail: one entry per state change, written in the same
// transaction as the change, hash-chained per tenant (and one platform chain).
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "db/database.hpp"

namespace keycard::audit {

// Who did it, from where: filled from the request context.
struct Actor {
  std::optional<std::string> user_id;
  std::optional<std::string> email;
  std::optional<std::string> impersonated_by;
  std::optional<std::string> impersonation_session_id;
  std::optional<std::string> ip;
  std::optional<std::string> user_agent;
  std::optional<std::string> request_id;
};

// {"field": {"before":..,"after":..}} or a summary: made by each module's
// codec (the JSON forms live beside api.cpp), passed through by services.
using Changes = boost::json::object;

struct Entry {
  std::optional<std::string> tenant_id;  // nullopt: the platform chain
  std::string action;                    // e.g. "hotel.created", "auth.login"
  std::string resource_type;
  std::optional<std::string> resource_id;
  Changes changes;
};

// Appends an entry; the transaction must be a write transaction.
void record(db::Transaction& tx, const Actor& actor, const Entry& entry);

// Removes secrets before they reach the log.
[[nodiscard]] boost::json::object redact(boost::json::object changes);

struct VerifyResult {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::string> first_broken_id;
  std::optional<std::string> chain;  // tenant id, or "platform"
};

// Recomputes the hash chains (one tenant's, the platform's, or all when
// `chain` is empty: "platform" or a tenant id).
[[nodiscard]] VerifyResult verify(db::Transaction& tx, const std::optional<std::string>& chain);

}  // namespace keycard::audit
