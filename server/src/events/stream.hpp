// GET /api/hotel/events as server-sent events: a ready message, then each
// new event the caller may read, as it commits; an end message when the
// caller's access ends or the server stops.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "events/hub.hpp"
#include "http/message.hpp"

namespace keycard::events {

class EventStream : public http::Stream {
 public:
  EventStream(db::Database& db, access::TenantScope scope, std::vector<std::string> permissions, std::int64_t after);

  // Keeps the stream subscribed to its tenant's wake-ups while it lives.
  void hold(std::unique_ptr<Hub::Subscription> subscription) { subscription_ = std::move(subscription); }

  std::optional<std::string> next() override;
  [[nodiscard]] std::string closing_text() const override;

 private:
  db::Database& db_;
  access::TenantScope scope_;
  std::vector<std::string> permissions_;
  std::int64_t last_;
  bool ready_sent_ = false;
  bool ended_ = false;
  std::unique_ptr<Hub::Subscription> subscription_;
};

// The SSE text of one message.
[[nodiscard]] std::string sse_message(const std::optional<std::int64_t>& id, const std::string& event,
                                      const std::string& data);

}  // namespace keycard::events
