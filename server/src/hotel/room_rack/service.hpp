// The room rack: one read of a property, its room types, rooms and the stays
// overlapping the window (one round trip). Typed query in, model out.
#pragma once

#include "hotel/room_rack/model.hpp"
#include "request/context.hpp"

namespace keycard::hotel::room_rack {

Rack read(request::Context& ctx, const RackQuery& q);

}  // namespace keycard::hotel::room_rack
