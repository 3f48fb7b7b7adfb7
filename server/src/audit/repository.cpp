#include "audit/repository.hpp"

#include "db/filter.hpp"

namespace keycard::audit::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, chain_seq, actor_user_id, actor_email, impersonated_by,
  impersonation_session_id, action, resource_type, resource_id, changes, ip, user_agent, request_id, created_at, hash)sql";
constexpr std::size_t kColumnCount = 16;

std::pair<std::vector<EntryRow>, std::int64_t> run(db::Transaction& tx, db::Filter f, const ListQuery& q) {
  if (q.user_id) f.add("(actor_user_id = ? OR impersonated_by = ?)", *q.user_id);
  // "hotel" matches hotel.created and hotel.status_changed; no LIKE, so the
  // client's % and _ are plain characters.
  if (q.action) f.add("(action = ? OR substr(action, 1, length(?) + 1) = ? || '.')", *q.action);
  if (q.resource_type) f.add("resource_type = ?", *q.resource_type);
  if (q.resource_id) f.add("resource_id = ?", *q.resource_id);
  if (q.from) f.add("created_at >= ?", *q.from);
  if (q.to) f.add("created_at < ?", *q.to);
  auto total = tx.one("SELECT count(*) FROM audit_logs" + f.where(), f.params());
  const std::string order = q.ascending ? " ORDER BY created_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC";
  const auto sql = "SELECT " + std::string(kColumns) + " FROM audit_logs" + f.where() + order + " LIMIT " +
                   f.bind(q.limit) + " OFFSET " + f.bind((q.page - 1) * q.limit);
  std::vector<EntryRow> out;
  for (const auto& r : tx.exec(sql, f.params()).rows) {
    EntryRow e;
    for (std::size_t i = 0; i < kColumnCount; ++i) e.columns.push_back(r.opt_text(i));
    out.push_back(std::move(e));
  }
  return {std::move(out), total ? total->int64(0) : 0};
}

}  // namespace

std::pair<std::vector<EntryRow>, std::int64_t> list_platform(db::Transaction& tx, const ListQuery& q) {
  db::Filter f;
  if (q.tenant_id && *q.tenant_id == "platform") {
    f.add_fixed("tenant_id IS NULL");
  } else if (q.tenant_id) {
    f.add("tenant_id = ?", *q.tenant_id);
  }
  return run(tx, std::move(f), q);
}

std::pair<std::vector<EntryRow>, std::int64_t> list_tenant(db::Transaction& tx, const access::TenantScope& scope,
                                                           const ListQuery& q) {
  db::Filter f;
  f.add("tenant_id = ?", scope.tenant_id());
  return run(tx, std::move(f), q);
}

}  // namespace keycard::audit::repo
