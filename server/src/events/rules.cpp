#include "events/rules.hpp"

#include <array>
#include <utility>

namespace keycard::events {
namespace {

// resource type -> the permission that reads it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kReaders{{
    {"reservation", "hotel:reservations:read"},
    {"room", "hotel:rooms:read"},
    {"room_type", "hotel:room_types:read"},
    {"property", "hotel:properties:read"},
    {"guest", "hotel:guests:read"},
    {"payment", "hotel:payments:read"},
    {"folio_line", "hotel:folios:read"},
    {"invoice", "hotel:invoices:read"},
    {"night_audit", "hotel:night_audit:read"},
    {"incident", "hotel:incidents:read"},
    {"user", "hotel:users:read"},
    {"role", "hotel:roles:read"},
}};

constexpr std::array<std::string_view, 5> kReservationStatusActions{"reservation.confirmed", "reservation.checked_in",
                                                                    "reservation.checked_out", "reservation.cancelled",
                                                                    "reservation.no_show"};

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (auto suffix : suffixes) {
    if (s.ends_with(suffix)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> read_permission(std::string_view resource_type) {
  for (const auto& [type, permission] : kReaders) {
    if (type == resource_type) return std::string(permission);
  }
  return std::nullopt;
}

const std::vector<std::string>& resource_types() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> out;
    out.reserve(kReaders.size());
    for (const auto& [type, permission] : kReaders) out.emplace_back(type);
    return out;
  }();
  return kTypes;
}

std::optional<Kind> classify(std::string_view action, std::string_view resource_type) {
  // Reads and sessions change nothing a panel shows.
  if (action.starts_with("auth.") || action.starts_with("impersonation.") || action.starts_with("report.") ||
      ends_with_any(action, {".exported", ".viewed"})) {
    return std::nullopt;
  }
  // The night audit closes a property's date: its readers are the audit's.
  auto permission = read_permission(action.starts_with("night_audit.") ? "night_audit" : resource_type);
  if (!permission) return std::nullopt;
  std::string type(action);
  for (auto status : kReservationStatusActions) {
    if (action == status) type = "reservation.status_changed";
  }
  if (action == "payment.created") type = "payment.recorded";
  return Kind{std::move(type), std::move(*permission)};
}

boost::json::object event_data(std::string_view action, std::string_view resource_type,
                               const boost::json::object& changes) {
  boost::json::object data{{"action", action}};
  if (resource_type == "guest") {
    // A guest's audit entry already holds only the names ({"fields": [...]});
    // anything else is cut down to its keys.
    boost::json::array fields;
    if (const auto* named = changes.if_contains("fields"); named && named->is_array()) {
      for (const auto& f : named->as_array()) {
        if (f.is_string()) fields.push_back(f);
      }
    } else {
      for (const auto& [key, value] : changes) fields.emplace_back(key);
    }
    data["fields"] = std::move(fields);
  } else {
    data["changes"] = changes;
  }
  return data;
}

}  // namespace keycard::events
