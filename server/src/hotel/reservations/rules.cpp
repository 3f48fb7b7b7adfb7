#include "hotel/reservations/rules.hpp"

#include <algorithm>
#include <array>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::reservations::rules {
namespace {

struct Transition {
  Action action;
  Status from;
  Status to;
};

// The whole status machine.
constexpr std::array kTransitions = {
    Transition{Action::confirm, Status::pending, Status::confirmed},
    Transition{Action::check_in, Status::confirmed, Status::checked_in},
    Transition{Action::check_out, Status::checked_in, Status::checked_out},
    Transition{Action::cancel, Status::pending, Status::cancelled},
    Transition{Action::cancel, Status::confirmed, Status::cancelled},
    Transition{Action::no_show, Status::confirmed, Status::no_show},
};

constexpr std::array kActive = {Status::pending, Status::confirmed, Status::checked_in};

}  // namespace

std::optional<Status> next_status(Status from, Action action) {
  for (const auto& t : kTransitions) {
    if (t.action == action && t.from == from) return t.to;
  }
  return std::nullopt;
}

std::string_view event_name(Action action) {
  switch (action) {
    case Action::confirm:
      return "confirmed";
    case Action::check_in:
      return "checked_in";
    case Action::check_out:
      return "checked_out";
    case Action::cancel:
      return "cancelled";
    case Action::no_show:
      return "no_show";
  }
  return "changed";
}

std::string_view verb(Action action) {
  switch (action) {
    case Action::confirm:
      return "confirmed";
    case Action::check_in:
      return "checked in";
    case Action::check_out:
      return "checked out";
    case Action::cancel:
      return "cancelled";
    case Action::no_show:
      return "marked as a no-show";
  }
  return "changed";
}

bool holds_room(Status s) { return std::find(kActive.begin(), kActive.end(), s) != kActive.end(); }

const std::vector<std::string_view>& active_status_names() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> out;
    out.reserve(kActive.size());
    for (const auto s : kActive) out.push_back(to_string(s));
    return out;
  }();
  return kNames;
}

const std::string& active_statuses_sql() {
  static const std::string kSql = [] {
    std::string out = "(";
    for (const auto name : active_status_names()) {
      if (out.size() > 1) out += ",";
      out += "'" + std::string(name) + "'";
    }
    return out + ")";
  }();
  return kSql;
}

bool can_change_arrival(Status s) { return s == Status::pending || s == Status::confirmed; }
bool can_change_departure(Status s) { return holds_room(s); }
bool can_change_room(Status s) { return s == Status::pending || s == Status::confirmed; }
bool can_change_price(Status s) { return holds_room(s); }

std::optional<std::string> stay_length_error(std::string_view check_in, std::string_view check_out) {
  const auto nights = days_from_date(check_out) - days_from_date(check_in);
  if (nights <= 0) return "must be after check_in_date (at least one night)";
  if (nights > kMaxNights) return "a stay is at most " + std::to_string(kMaxNights) + " nights";
  return std::nullopt;
}

bool guests_fit(std::int64_t adults, std::int64_t children, std::int64_t capacity) {
  return adults + children <= capacity;
}

std::vector<std::int64_t> nights_held(const std::vector<Stay>& stays, std::string_view room_type_id,
                                      std::string_view check_in, std::string_view check_out,
                                      const std::optional<std::string>& exclude_id) {
  const auto d0 = days_from_date(check_in), d1 = days_from_date(check_out);
  std::vector<std::int64_t> held(static_cast<std::size_t>(std::max<std::int64_t>(d1 - d0, 0)), 0);
  for (const auto& s : stays) {
    if (s.room_type_id != room_type_id || (exclude_id && s.id == *exclude_id)) continue;
    const auto a = std::max(days_from_date(s.check_in_date), d0), b = std::min(days_from_date(s.check_out_date), d1);
    for (auto d = a; d < b; ++d) ++held[static_cast<std::size_t>(d - d0)];
  }
  return held;
}

std::optional<std::string> first_full_night(const std::vector<std::int64_t>& held, std::string_view check_in,
                                            std::int64_t rooms) {
  const auto d0 = days_from_date(check_in);
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (held[i] + 1 > rooms) return date_from_days(d0 + static_cast<std::int64_t>(i));
  }
  return std::nullopt;
}

TypeAvailability type_availability(const std::vector<std::int64_t>& held, std::int64_t rooms) {
  const std::int64_t booked = held.empty() ? 0 : *std::max_element(held.begin(), held.end());
  return {rooms, booked, std::max<std::int64_t>(0, rooms - booked)};
}

std::int64_t pending_room_nights(Status s, std::int64_t nights, std::int64_t posted) {
  if (!holds_room(s)) return 0;
  return nights > posted ? nights - posted : 0;
}

}  // namespace keycard::hotel::reservations::rules
