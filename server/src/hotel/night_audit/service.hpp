// The night audit of a property: in one transaction, it posts the night's
// room charges, marks no-shows and cancels unconfirmed arrivals (each
// audited as the night audit's), locks the closed date, moves the business
// date on and keeps a summary. Idempotent per date. Run from the API and by
// the scheduler (scheduler.hpp). Typed commands in, model out.
#pragma once

#include <chrono>
#include <string>

#include "common/list_page.hpp"
#include "db/database.hpp"
#include "hotel/night_audit/model.hpp"
#include "hotel/night_audit/repository.hpp"
#include "hotel/reservations/model.hpp"
#include "request/context.hpp"

namespace keycard::hotel::night_audit {

// `now` decides the property's local date (the audit refuses to close a
// date that has not passed there).
Outcome run(db::Database& db, const access::TenantScope& scope, const reservations::Changer& who,
            const std::string& property_id, const RunAudit& cmd, std::chrono::system_clock::time_point now);
// The same for a request's caller.
Outcome run(request::Context& ctx, const std::string& property_id, const RunAudit& cmd);
ListPage<Summary> list(request::Context& ctx, const std::string& property_id, const repo::PageOf& page);

}  // namespace keycard::hotel::night_audit
