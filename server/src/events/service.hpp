// Reading the tenant's domain events: what the caller's permissions let them
// follow, after a position they already have.
#pragma once

#include <cstdint>
#include <vector>

#include <memory>
#include <optional>

#include "events/repository.hpp"
#include "events/stream.hpp"

namespace keycard::request {
struct Context;
}

namespace keycard::events {

struct EventsPage {
  std::vector<Event> items;
  // Where to resume (a caller polls with it and misses nothing): the last
  // item's id when the page is full, else the tenant's newest event id.
  std::int64_t next_after = 0;
};

// The permissions of the caller that read events (a subset of the readers
// in rules.cpp).
[[nodiscard]] std::vector<std::string> readable(const request::Context& ctx);

// A live stream of the caller's events after `after` (nullopt: from now on),
// subscribed to its tenant's wake-ups; 429 too_many_streams past the limits.
[[nodiscard]] std::shared_ptr<EventStream> open_stream(request::Context& ctx, std::optional<std::int64_t> after);

// At most `limit` events after `after` (oldest first) that the caller may read.
[[nodiscard]] EventsPage list(request::Context& ctx, std::int64_t after, std::int64_t limit);

}  // namespace keycard::events
