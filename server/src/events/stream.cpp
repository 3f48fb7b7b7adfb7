#include "events/stream.hpp"

#include <boost/json.hpp>

#include "events/codec.hpp"

namespace keycard::events {
namespace json = boost::json;
namespace {

// Events read per wake-up; a fuller backlog wakes the stream again at once.
constexpr std::int64_t kBatch = 100;

std::string end_message(const std::string& reason) {
  return sse_message(std::nullopt, "end", json::serialize(json::object{{"reason", reason}}));
}

}  // namespace

std::string sse_message(const std::optional<std::int64_t>& id, const std::string& event, const std::string& data) {
  std::string out;
  if (id) out += "id: " + std::to_string(*id) + "\n";
  out += "event: " + event + "\n";
  out += "data: " + data + "\n\n";  // one line: serialized JSON has no newline
  return out;
}

EventStream::EventStream(db::Database& db, access::TenantScope scope, std::vector<std::string> permissions,
                         std::int64_t after)
    : db_(db), scope_(std::move(scope)), permissions_(std::move(permissions)), last_(after) {}

std::optional<std::string> EventStream::next() {
  if (ended_) return std::nullopt;
  if (auto reason = refused()) {
    ended_ = true;
    subscription_.reset();  // its place is free for the client's reconnect
    wake();                 // the next call ends the stream at once, not at the next heartbeat
    return end_message(*reason);
  }
  std::string out;
  if (!ready_sent_) {
    ready_sent_ = true;
    // retry: how long a browser's EventSource waits before reconnecting.
    out += "retry: 3000\n";
    out += sse_message(std::nullopt, "ready", json::serialize(json::object{{"last_id", last_}}));
  }
  auto tx = db_.begin(db::TxMode::read, scope_);
  const auto batch = read_after(tx, scope_, last_, kBatch, permissions_);
  tx.commit();
  for (const auto& e : batch.events) out += sse_message(e.seq, e.type, json::serialize(to_json(e)));
  last_ = batch.position;
  if (static_cast<std::int64_t>(batch.events.size()) == kBatch) wake();
  return out;
}

std::string EventStream::closing_text() const { return end_message("shutdown"); }

}  // namespace keycard::events
