// Domain events: which audit entries become events, their type, who may
// read them, and what they carry. Pure functions (unit-tested).
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::events {

// What an audit entry of a tenant's chain makes: the event's type and the
// permission that reads it.
struct Kind {
  std::string type;
  std::string permission;
};

// nullopt for an entry that records no state change a panel follows (an
// export, a sign-in) or names a resource no permission reads. Status actions
// of a reservation are one type, reservation.status_changed (the action is in
// the data); the night audit's events are read with hotel:night_audit:read.
[[nodiscard]] std::optional<Kind> classify(std::string_view action, std::string_view resource_type);

// The permission that reads events of this resource type (the resource's own
// :read permission), or nullopt: such events are not delivered to anyone.
[[nodiscard]] std::optional<std::string> read_permission(std::string_view resource_type);

// Every resource type some permission reads, in a fixed order.
[[nodiscard]] const std::vector<std::string>& resource_types();

// The event's data: the audit action and what changed. A guest's event names
// the fields only, never their values (personal data does not spread beyond
// the guest record and the audit trail).
[[nodiscard]] boost::json::object event_data(std::string_view action, std::string_view resource_type,
                                             const boost::json::object& changes);

}  // namespace keycard::events
