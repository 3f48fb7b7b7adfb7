#include "events/service.hpp"

#include "common/errors.hpp"
#include "events/hub.hpp"
#include "events/rules.hpp"
#include "request/context.hpp"

namespace keycard::events {

std::vector<std::string> readable(const request::Context& ctx) {
  std::vector<std::string> out;
  for (const auto& type : resource_types()) {
    const auto permission = read_permission(type);
    if (permission && ctx.user().can(*permission)) out.push_back(*permission);
  }
  return out;
}

std::shared_ptr<EventStream> open_stream(request::Context& ctx, std::optional<std::int64_t> after) {
  const auto& scope = ctx.scope();
  std::int64_t from = 0;
  if (after) {
    from = *after;
  } else {
    auto tx = ctx.db().begin(db::TxMode::read, scope);
    from = latest_seq(tx, scope);
    tx.commit();
  }
  auto stream = std::make_shared<EventStream>(ctx.db(), scope, readable(ctx), from);
  const std::weak_ptr<EventStream> weak = stream;
  auto subscription = Hub::instance().subscribe(scope.tenant_id(), ctx.user().user_id, [weak] {
    if (auto s = weak.lock()) s->wake();
  });
  if (!subscription) {
    throw TooManyRequests(
        "Too many live-update streams are open, on this server or for your account. Close one "
        "(another tab) or try again shortly.",
        5, "too_many_streams");
  }
  stream->hold(std::move(subscription));
  stream->heartbeat = Hub::instance().heartbeat();
  return stream;
}

EventsPage list(request::Context& ctx, std::int64_t after, std::int64_t limit) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::read, scope);
  EventsPage page;
  auto batch = read_after(tx, scope, after, limit, readable(ctx));
  tx.commit();
  page.items = std::move(batch.events);
  page.next_after = batch.position;
  return page;
}

}  // namespace keycard::events
