// The read side every hotel service shares: one read transaction around a
// repository read, committed before the answer is encoded (a get-one, and a
// list page with its total).
#pragma once

#include <utility>

#include "common/list_page.hpp"
#include "db/database.hpp"
#include "request/context.hpp"

namespace keycard::hotel {

// `read(tx, scope)` in a read transaction of the caller's tenant; its value.
template <class Read>
auto read_in_tenant(request::Context& ctx, Read&& read) {
  auto tx = ctx.db().begin(db::TxMode::read, ctx.scope());
  auto out = std::forward<Read>(read)(tx, ctx.scope());
  tx.commit();
  return out;
}

// A page of a list: `list(tx, scope, query)` returns {items, total}.
template <class T, class Query, class List>
ListPage<T> read_page(request::Context& ctx, const Query& query, List&& list) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    auto [items, total] = std::forward<List>(list)(tx, scope, query);
    return ListPage<T>{std::move(items), query.page, query.limit, total};
  });
}

}  // namespace keycard::hotel
