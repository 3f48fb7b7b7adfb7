#include "platform/dashboard/api.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "common/clock.hpp"
#include "platform/hotels/model.hpp"
#include "request/context.hpp"

namespace keycard::platform::dashboard {
namespace json = boost::json;
namespace {

constexpr std::string_view kByStatus =
    "SELECT status, count(*) FROM tenants WHERE deleted_at IS NULL GROUP BY status ORDER BY status";
constexpr std::string_view kByType =
    "SELECT type, count(*) FROM tenants WHERE deleted_at IS NULL GROUP BY type ORDER BY type";
// Users who can sign in: platform staff with an active account; hotel users
// with an active account and an active membership of a hotel not deleted.
constexpr std::string_view kPlatformUsers = R"sql(
SELECT count(*) FROM users WHERE user_type = 'admin' AND is_active = $1 AND deleted_at IS NULL)sql";
constexpr std::string_view kHotelUsers = R"sql(
SELECT count(DISTINCT u.id)
FROM users u
JOIN tenant_users tu ON tu.user_id = u.id AND tu.is_active = $1
JOIN tenants t ON t.id = tu.tenant_id AND t.deleted_at IS NULL
WHERE u.user_type = 'hotel' AND u.is_active = $1 AND u.deleted_at IS NULL)sql";
constexpr std::string_view kActiveImpersonations = R"sql(
SELECT count(*) FROM impersonation_sessions WHERE ended_at IS NULL AND expires_at > $1)sql";
// Bookings made in the last 30 days, per tenant (the busiest first).
constexpr std::string_view kReservations30d = R"sql(
SELECT t.id, t.name, t.slug, count(r.id)
FROM reservations r JOIN tenants t ON t.id = r.tenant_id
WHERE r.created_at >= $1 AND t.deleted_at IS NULL
GROUP BY t.id, t.name, t.slug
ORDER BY count(r.id) DESC, t.name
LIMIT 50)sql";
constexpr std::string_view kReservations30dTotal = R"sql(
SELECT count(*) FROM reservations r JOIN tenants t ON t.id = r.tenant_id
WHERE r.created_at >= $1 AND t.deleted_at IS NULL)sql";
constexpr std::string_view kRecentAudit = R"sql(
SELECT id, tenant_id, actor_email, action, resource_type, resource_id, created_at
FROM audit_logs ORDER BY created_at DESC, id DESC LIMIT 10)sql";

// Every value of `keys` with its count, zero when the query has no row for it.
json::object counts(const db::Result& r, const std::vector<std::string_view>& keys) {
  json::object o;
  for (auto k : keys) o[k] = 0;
  for (const auto& row : r.rows) o[row.text(0)] = row.int64(1);
  return o;
}

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

void register_routes(http::Router& router) {
  router.add({"GET", "/api/admin/dashboard", http::Scope::admin, "admin:dashboard:read",
              [](http::Request&, request::Context& ctx) {
                auto tx = ctx.db().begin_platform(db::TxMode::read);
                json::object body;
                auto by_status = counts(tx.exec(kByStatus), hotels::kStatuses);
                std::int64_t total = 0;
                for (const auto& [k, v] : by_status) total += v.as_int64();
                body["hotels"] = {
                    {"total", total}, {"by_status", by_status}, {"by_type", counts(tx.exec(kByType), hotels::kTypes)}};
                body["users"] = {{"platform", tx.one(kPlatformUsers, {true})->int64(0)},
                                 {"hotel", tx.one(kHotelUsers, {true})->int64(0)}};
                auto imp = tx.one(kActiveImpersonations, {now_text()});
                body["active_impersonations"] = imp ? imp->int64(0) : 0;
                json::array per_tenant;
                const auto since = std::chrono::system_clock::now() - std::chrono::days(30);
                for (const auto& r : tx.exec(kReservations30d, {format_time(since)}).rows) {
                  per_tenant.push_back(json::object{
                      {"tenant_id", r.text(0)}, {"name", r.text(1)}, {"slug", r.text(2)}, {"count", r.int64(3)}});
                }
                body["reservations_last_30_days"] = {
                    {"since", format_time(since)},
                    {"total", tx.one(kReservations30dTotal, {format_time(since)})->int64(0)},
                    {"by_tenant", std::move(per_tenant)}};
                json::array recent;
                for (const auto& r : tx.exec(kRecentAudit).rows) {
                  recent.push_back(json::object{{"id", r.text(0)},
                                                {"tenant_id", opt(r.opt_text(1))},
                                                {"actor_email", opt(r.opt_text(2))},
                                                {"action", r.text(3)},
                                                {"resource_type", r.text(4)},
                                                {"resource_id", opt(r.opt_text(5))},
                                                {"created_at", r.text(6)}});
                }
                body["recent_audit"] = std::move(recent);
                tx.commit();
                return http::Response::json(200, body);
              }});
}

}  // namespace keycard::platform::dashboard
