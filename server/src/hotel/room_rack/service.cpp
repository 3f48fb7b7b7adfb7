#include "hotel/room_rack/service.hpp"

#include "common/errors.hpp"
#include "hotel/properties/repository.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/shared/read.hpp"

namespace keycard::hotel::room_rack {

Rack read(request::Context& ctx, const RackQuery& q) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    std::vector<db::Statement> batch;
    batch.push_back(properties::repo::find_statement(scope, q.property_id));
    batch.push_back(room_types::repo::of_property_statement(scope, q.property_id));
    batch.push_back(rooms::repo::of_property_statement(scope, q.property_id));
    batch.push_back(reservations::repo::rack_statement(scope, q.property_id, q.from, q.to));
    const auto results = tx.exec_batch(std::move(batch));
    const auto property = properties::repo::read_found(results[0]);
    if (!property) throw NotFound("There is no property with this id.");
    return Rack{q.property_id,
                q.from,
                q.to,
                property->business_date,
                room_types::repo::read_types(results[1]),
                rooms::repo::read_rooms(results[2]),
                reservations::repo::read_reservations(results[3])};
  });
}

}  // namespace keycard::hotel::room_rack
