#include "hotel/room_types/rules.hpp"

namespace keycard::hotel::room_types::rules {

bool moves_property(const std::optional<std::string>& sent, std::string_view current) {
  return sent && *sent != current;
}

}  // namespace keycard::hotel::room_types::rules
