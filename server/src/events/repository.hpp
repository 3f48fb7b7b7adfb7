// The domain_events table: the outbox row audit::record writes with each
// tenant entry, and the reads of the stream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"

namespace keycard::events {

struct Event {
  std::string tenant_id;
  std::int64_t seq = 0;  // the tenant's audit chain position: commit order
  std::string type;
  std::string resource_type;
  std::optional<std::string> resource_id;
  std::string occurred_at;
  std::string data;  // JSON text
  std::string permission;
};

// The INSERT of one event, for Transaction::defer (it goes out with the
// audit entry it belongs to).
[[nodiscard]] db::Statement outbox_insert(const Event& e);

// The tenant's events after `after`, oldest first, at most `limit`, of the
// permissions given, and the position a reader resumes from: the last one
// listed when the batch is full, else the tenant's newest event read, even
// one of other permissions (so a reader of few permissions does not scan the
// same rows again; safe because `seq` is commit order: every event up to the
// newest had committed when it was read).
struct Batch {
  std::vector<Event> events;
  std::int64_t position = 0;
};
[[nodiscard]] Batch read_after(db::Transaction& tx, const access::TenantScope& scope, std::int64_t after,
                               std::int64_t limit, const std::vector<std::string>& permissions);

// The tenant's newest event sequence (0: none yet).
[[nodiscard]] std::int64_t latest_seq(db::Transaction& tx, const access::TenantScope& scope);

}  // namespace keycard::events
