#include "app/routes.hpp"

#include "app/health.hpp"
#include "auth/api.hpp"
#include "platform/hotels/api.hpp"

namespace keycard::app {

void register_all_routes(http::Router& router) {
  register_health_routes(router);
  auth::register_routes(router);
  platform::hotels::register_routes(router);
}

}  // namespace keycard::app
