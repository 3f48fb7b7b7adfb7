// The room rack (tape chart): a property's rooms and the stays overlapping a
// window of days, in one answer for the front desk's calendar.
#pragma once

#include <string>
#include <vector>

#include "hotel/reservations/model.hpp"
#include "hotel/room_types/model.hpp"
#include "hotel/rooms/model.hpp"

namespace keycard::hotel::room_rack {

constexpr std::int64_t kDefaultDays = 14;
constexpr std::int64_t kMaxDays = 62;

// GET /api/hotel/room-rack: the days [from, to).
struct RackQuery {
  std::string property_id, from, to;
};

struct Rack {
  std::string property_id, from, to, business_date;
  std::vector<room_types::RoomType> room_types;
  std::vector<rooms::Room> rooms;
  std::vector<reservations::Reservation> stays;  // not cancelled or no-show; room_id absent when unassigned
};

}  // namespace keycard::hotel::room_rack
