#include "platform/impersonation/service.hpp"

#include <boost/json.hpp>

#include <chrono>

#include "audit/audit.hpp"
#include "auth/authenticator.hpp"
#include "auth/repository.hpp"
#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "request/context.hpp"

namespace keycard::platform::impersonation {
namespace json = boost::json;
namespace {

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

std::string state_of(const repo::SessionRow& s) {
  if (s.ended_at) return "ended";
  return s.expires_at <= now_text() ? "expired" : "active";
}

json::object to_json(const repo::SessionRow& s) {
  return {{"id", s.id},
          {"tenant_id", s.tenant_id},
          {"tenant_name", s.tenant_name},
          {"admin_user_id", s.admin_user_id},
          {"admin_email", s.admin_email},
          {"target_user_id", opt(s.target_user_id)},
          {"target_user_email", opt(s.target_email)},
          {"reason", s.reason},
          {"started_at", s.started_at},
          {"expires_at", s.expires_at},
          {"ended_at", opt(s.ended_at)},
          {"end_reason", opt(s.end_reason)},
          {"status", state_of(s)},
          {"ip", opt(s.ip)}};
}

}  // namespace

json::object start(request::Context& ctx, const json::object& body) {
  const auto& admin = ctx.user();
  Fields f(body);
  auto tenant_id = f.required_uuid("target_tenant_id");
  auto target_user_id = f.optional_uuid("target_user_id");
  auto reason = f.required_string("reason", 500);
  if (!reason.empty() && reason.size() < 5) f.add_error("reason", "must say why, in at least 5 characters");
  auto minutes = f.optional_int("duration_minutes", 1, kMaxMinutes).value_or(30);
  f.finish();

  const auto now = std::chrono::system_clock::now();
  const auto started = format_time(now);
  const auto expires = format_time(now + std::chrono::minutes(minutes));
  const auto id = new_uuid();
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  auto tenant = auth::repo::tenant(tx, tenant_id);
  if (!tenant || tenant->tenant_deleted) throw NotFound("There is no hotel with this id.");
  if (tenant->status != "TRIAL" && tenant->status != "ACTIVE") {
    throw Conflict("The hotel is " + tenant->status + "; only TRIAL and ACTIVE hotels can be entered.",
                   "tenant_inactive");
  }
  if (target_user_id && !repo::is_active_member(tx, tenant_id, *target_user_id)) {
    throw NotFound("The hotel has no active user with this id.", "target_user_not_found");
  }
  repo::insert(tx, id, tenant_id, admin.user_id, target_user_id, reason, started, expires, ctx.ip, ctx.user_agent);
  const json::object changes{{"session_id", id},
                             {"tenant_id", tenant_id},
                             {"target_user_id", opt(target_user_id)},
                             {"reason", reason},
                             {"expires_at", expires}};
  audit::record(tx, ctx.actor(), {std::nullopt, "impersonation.started", "impersonation_session", id, changes});
  auto actor = ctx.actor();
  actor.impersonated_by = admin.user_id;
  actor.impersonation_session_id = id;
  audit::record(tx, actor, {tenant_id, "impersonation.started", "impersonation_session", id, changes});
  auto principal = auth::Authenticator::load(tx, admin.user_id, tenant_id, id);
  tx.commit();

  const int ttl = static_cast<int>(minutes * 60);
  return {{"access_token", ctx.services.tokens.access_token(principal, ttl)},
          {"token_type", "Bearer"},
          {"expires_in", ttl},
          {"session_id", id},
          {"expires_at", expires},
          {"tenant", {{"id", tenant->tenant_id}, {"name", tenant->name}, {"slug", tenant->slug}}}};
}

json::object end(request::Context& ctx) {
  const auto& p = ctx.user();
  if (!p.impersonation) throw Forbidden("This is not an impersonation token.", "not_impersonating");
  const auto& imp = *p.impersonation;
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  repo::end(tx, imp.session_id, "ended");
  const json::object changes{{"session_id", imp.session_id}, {"tenant_id", imp.tenant_id}};
  auto actor = ctx.actor();
  audit::record(tx, actor, {imp.tenant_id, "impersonation.ended", "impersonation_session", imp.session_id, changes});
  actor.user_id = imp.admin_user_id;
  actor.email = imp.admin_email;
  actor.impersonated_by.reset();
  audit::record(tx, actor, {std::nullopt, "impersonation.ended", "impersonation_session", imp.session_id, changes});
  auto admin = auth::Authenticator::load(tx, imp.admin_user_id, std::nullopt, std::nullopt);
  auto pair = ctx.services.tokens.issue(tx, admin, std::nullopt, ctx.ip, ctx.user_agent);
  auto user = auth::describe(tx, admin);
  tx.commit();
  return {{"access_token", pair.access_token},
          {"refresh_token", pair.refresh_token},
          {"token_type", "Bearer"},
          {"expires_in", pair.expires_in},
          {"user", user}};
}

json::object list(request::Context& ctx, const repo::ListQuery& q) {
  auto tx = ctx.db().begin_platform(db::TxMode::read);
  auto [rows, total] = repo::list(tx, q);
  tx.commit();
  json::array items;
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", std::move(items)}, {"page", q.page}, {"limit", q.limit}, {"total", total}};
}

}  // namespace keycard::platform::impersonation
