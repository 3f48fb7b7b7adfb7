#include "hotel/room_rack/codec.hpp"

#include <boost/json.hpp>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::room_rack {
namespace json = boost::json;

json::object to_json(const Rack& rack) {
  json::array types;
  for (const auto& t : rack.room_types) types.push_back({{"id", t.id}, {"code", t.code}, {"name", t.name}});
  json::array rooms;
  for (const auto& r : rack.rooms) {
    rooms.push_back({{"id", r.id},
                     {"room_number", r.room_number},
                     {"floor", opt_json(r.floor)},
                     {"room_type_id", r.room_type_id},
                     {"status", r.status},
                     {"occupied", r.occupied}});
  }
  json::array stays;
  for (const auto& s : rack.stays) {
    stays.push_back({{"reservation_id", s.id},
                     {"confirmation_number", s.confirmation_number},
                     {"guest_name", s.guest_name},
                     {"room_id", opt_json(s.room_id)},
                     {"room_type_id", s.room_type_id},
                     {"status", reservations::to_string(s.status)},
                     {"check_in_date", s.check_in_date},
                     {"check_out_date", s.check_out_date},
                     {"version", s.version},
                     {"balance", money(s.balance_minor(), s.currency)}});
  }
  return {{"property_id", rack.property_id},
          {"from", rack.from},
          {"to", rack.to},
          {"business_date", rack.business_date},
          {"room_types", std::move(types)},
          {"rooms", std::move(rooms)},
          {"stays", std::move(stays)}};
}

}  // namespace keycard::hotel::room_rack
