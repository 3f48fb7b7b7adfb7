#include "events/service.hpp"

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

EventsPage list(request::Context& ctx, std::int64_t after, std::int64_t limit) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::read, scope);
  EventsPage page;
  page.items = list_after(tx, scope, after, limit, readable(ctx));
  tx.commit();
  page.next_after = page.items.empty() ? after : page.items.back().seq;
  return page;
}

}  // namespace keycard::events
