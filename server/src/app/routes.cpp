#include "app/routes.hpp"

#include "app/api_docs.hpp"
#include "app/health.hpp"
#include "audit/api.hpp"
#include "auth/api.hpp"
#include "events/api.hpp"
#include "hotel/dashboard/api.hpp"
#include "hotel/folios/api.hpp"
#include "hotel/guests/api.hpp"
#include "hotel/incidents/api.hpp"
#include "hotel/invoices/api.hpp"
#include "hotel/night_audit/api.hpp"
#include "hotel/payments/api.hpp"
#include "hotel/properties/api.hpp"
#include "hotel/reservations/api.hpp"
#include "hotel/room_rack/api.hpp"
#include "hotel/room_types/api.hpp"
#include "hotel/rooms/api.hpp"
#include "platform/dashboard/api.hpp"
#include "platform/hotels/api.hpp"
#include "platform/impersonation/api.hpp"
#include "reports/api.hpp"
#include "staff/api.hpp"

namespace keycard::app {

void register_all_routes(http::Router& router) {
  register_health_routes(router);
  register_api_docs_routes(router);
  auth::register_routes(router);
  platform::hotels::register_routes(router);
  platform::impersonation::register_routes(router);
  platform::dashboard::register_routes(router);
  audit::register_routes(router);
  hotel::properties::register_routes(router);
  hotel::room_types::register_routes(router);
  hotel::rooms::register_routes(router);
  hotel::guests::register_routes(router);
  hotel::reservations::register_routes(router);
  hotel::payments::register_routes(router);
  hotel::folios::register_routes(router);
  hotel::night_audit::register_routes(router);
  hotel::room_rack::register_routes(router);
  hotel::invoices::register_routes(router);
  hotel::incidents::register_routes(router);
  hotel::dashboard::register_routes(router);
  staff::register_routes(router);
  reports::register_routes(router);
  events::register_routes(router);
}

}  // namespace keycard::app
