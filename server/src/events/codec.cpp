#include "events/codec.hpp"

#include <boost/json.hpp>

namespace keycard::events {
namespace json = boost::json;

json::object to_json(const Event& e) {
  boost::system::error_code ec;
  auto data = json::parse(e.data, ec);
  return {{"id", e.seq},
          {"type", e.type},
          {"resource_type", e.resource_type},
          {"resource_id", e.resource_id ? json::value(*e.resource_id) : json::value(nullptr)},
          {"occurred_at", e.occurred_at},
          {"data", ec || !data.is_object() ? json::object() : data.as_object()}};
}

}  // namespace keycard::events
