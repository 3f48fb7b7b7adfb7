#include "auth/principal.hpp"

#include "access/permissions.hpp"

namespace keycard::auth {

bool Principal::can(std::string_view code) const {
  return access::any_matches(permissions, code) && !access::any_matches(denied, code);
}

}  // namespace keycard::auth
