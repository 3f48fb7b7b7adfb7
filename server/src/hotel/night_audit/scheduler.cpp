#include "hotel/night_audit/scheduler.hpp"

#include "access/tenant_scope.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "hotel/night_audit/repository.hpp"
#include "hotel/night_audit/rules.hpp"
#include "hotel/night_audit/service.hpp"
#include "hotel/shared/support.hpp"
#include "hotel/shared/timezone.hpp"

namespace keycard::access {
// The scheduler acts in the tenant of the property it closes, read back
// from that property's own tenant-owned row.
struct NightAuditScope {
  static TenantScope of(const hotel::night_audit::repo::ScheduledProperty& p) { return TenantScope(p.tenant_id); }
};
}  // namespace keycard::access

namespace keycard::hotel::night_audit {
namespace {

constexpr int kMaxDaysPerLook = 31;  // an instance that was down catches up a month per look

reservations::Changer scheduler_changer() {
  audit::Actor actor;
  actor.user_agent = "keycard night-audit scheduler";
  actor.request_id = "night-audit-" + new_uuid();
  return {actor, std::nullopt, false};
}

}  // namespace

Scheduler::Scheduler(db::Database& db, std::chrono::seconds interval) : db_(db), interval_(interval) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  if (interval_.count() == 0 || thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      run_due(std::chrono::system_clock::now());
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::run_due(std::chrono::system_clock::time_point now) {
  std::vector<repo::ScheduledProperty> properties;
  try {
    auto tx = db_.begin_platform(db::TxMode::read);
    properties = repo::scheduled_properties(tx);
    tx.commit();
  } catch (const std::exception& e) {
    log::error({{"event", "night_audit_scheduler_failed"}, {"error", e.what()}});
    return;
  }
  for (const auto& p : properties) {
    const auto scope = access::NightAuditScope::of(p);
    auto business_date = p.business_date;
    for (int day = 0; day < kMaxDaysPerLook; ++day) {
      try {
        if (!rules::due(business_date, tz::local_date(p.timezone, now), tz::local_time(p.timezone, now),
                        p.night_audit_time)) {
          break;
        }
        const auto out = run(db_, scope, scheduler_changer(), p.property_id, {business_date, false, std::nullopt}, now);
        if (out.closed_now) {
          log::info({{"event", "night_audit_completed"},
                     {"tenant_id", p.tenant_id},
                     {"property_id", p.property_id},
                     {"business_date", business_date},
                     {"room_charges_posted", out.summary.room_charges_posted},
                     {"no_shows", out.summary.no_shows}});
        }
        refused_.erase(p.property_id);
        business_date = date_from_days(days_from_date(business_date) + 1);
      } catch (const DeparturesPending& e) {
        if (refused_[p.property_id] != business_date) {
          refused_[p.property_id] = business_date;
          log::warn({{"event", "night_audit_refused"},
                     {"tenant_id", p.tenant_id},
                     {"property_id", p.property_id},
                     {"business_date", business_date},
                     {"departures_pending", static_cast<std::int64_t>(e.reservations.size())}});
        }
        break;
      } catch (const std::exception& e) {
        // Another instance closed it meanwhile (a date mismatch), or the
        // database failed: the next look starts from the stored date.
        log::warn({{"event", "night_audit_skipped"},
                   {"tenant_id", p.tenant_id},
                   {"property_id", p.property_id},
                   {"business_date", business_date},
                   {"error", e.what()}});
        break;
      }
    }
  }
}

}  // namespace keycard::hotel::night_audit
