#include "platform/impersonation/repository.hpp"

#include "common/clock.hpp"
#include "common/utf8.hpp"
#include "db/filter.hpp"

namespace keycard::platform::impersonation::repo {
namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO impersonation_sessions (id, tenant_id, admin_user_id, target_user_id, reason, started_at, expires_at,
  ip, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))sql";
constexpr std::string_view kEnd = R"sql(
UPDATE impersonation_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL)sql";
constexpr std::string_view kSelect = R"sql(
SELECT s.id, s.tenant_id, t.name, s.admin_user_id, a.email, s.reason, s.started_at, s.expires_at,
  s.target_user_id, u.email, s.ended_at, s.end_reason, s.ip
FROM impersonation_sessions s
JOIN tenants t ON t.id = s.tenant_id
JOIN users a ON a.id = s.admin_user_id
LEFT JOIN users u ON u.id = s.target_user_id)sql";
constexpr std::string_view kMember = R"sql(
SELECT 1 FROM tenant_users tu JOIN users u ON u.id = tu.user_id
WHERE tu.tenant_id = $1 AND tu.user_id = $2 AND tu.is_active = $3 AND u.is_active = $3 AND u.deleted_at IS NULL)sql";

SessionRow to_row(const db::Row& r) {
  return SessionRow{r.text(0), r.text(1),     r.text(2),     r.text(3),      r.text(4),      r.text(5),     r.text(6),
                    r.text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10), r.opt_text(11), r.opt_text(12)};
}

db::Filter filters(const ListQuery& q) {
  db::Filter f;
  if (q.tenant_id) f.add("s.tenant_id = ?", *q.tenant_id);
  if (q.admin_user_id) f.add("s.admin_user_id = ?", *q.admin_user_id);
  if (q.active && *q.active) f.add("(s.ended_at IS NULL AND s.expires_at > ?)", now_text());
  if (q.active && !*q.active) f.add("(s.ended_at IS NOT NULL OR s.expires_at <= ?)", now_text());
  return f;
}

}  // namespace

void insert(db::Transaction& tx, const std::string& id, const std::string& tenant_id, const std::string& admin_id,
            const std::optional<std::string>& target_user_id, const std::string& reason, const std::string& started_at,
            const std::string& expires_at, const std::string& ip, const std::string& user_agent) {
  tx.exec(kInsert, {id, tenant_id, admin_id, db::nullable(target_user_id), reason, started_at, expires_at, ip,
                    clean_text(user_agent, 512)});
}

bool end(db::Transaction& tx, const std::string& id, const std::string& reason) {
  return tx.exec(kEnd, {id, now_text(), reason}).affected == 1;
}

std::optional<SessionRow> find(db::Transaction& tx, const std::string& id) {
  auto r = tx.one(std::string(kSelect) + " WHERE s.id = $1", {id});
  if (!r) return std::nullopt;
  return to_row(*r);
}

std::pair<std::vector<SessionRow>, std::int64_t> list(db::Transaction& tx, const ListQuery& q) {
  auto f = filters(q);
  auto total = tx.one("SELECT count(*) FROM impersonation_sessions s" + f.where(), f.params());
  const auto sql = std::string(kSelect) + f.where() + " ORDER BY s.started_at " + (q.ascending ? "ASC" : "DESC") +
                   ", s.id LIMIT " + f.bind(q.limit) + " OFFSET " + f.bind((q.page - 1) * q.limit);
  std::vector<SessionRow> out;
  for (const auto& r : tx.exec(sql, f.params()).rows) out.push_back(to_row(r));
  return {std::move(out), total ? total->int64(0) : 0};
}

bool is_active_member(db::Transaction& tx, const std::string& tenant_id, const std::string& user_id) {
  return tx.one(kMember, {tenant_id, user_id, true}).has_value();
}

}  // namespace keycard::platform::impersonation::repo
