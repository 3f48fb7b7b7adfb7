#include "hotel/incidents/rules.hpp"

#include "hotel/incidents/model.hpp"

namespace keycard::hotel::incidents::rules {

bool is_done(std::string_view status) { return status == "resolved" || status == "closed"; }

const std::vector<std::string_view>& open_statuses() {
  static const std::vector<std::string_view> open = [] {
    std::vector<std::string_view> out;
    for (const auto s : kStatuses) {
      if (!is_done(s)) out.push_back(s);
    }
    return out;
  }();
  return open;
}

const std::string& open_statuses_sql() {
  static const std::string sql = [] {
    std::string out = "(";
    for (const auto s : open_statuses()) out += (out.size() > 1 ? ",'" : "'") + std::string(s) + "'";
    return out + ")";
  }();
  return sql;
}

std::optional<std::string> resolved_at(std::string_view status, const std::optional<std::string>& before,
                                       const std::string& now) {
  if (!is_done(status)) return std::nullopt;
  return before ? before : std::optional<std::string>(now);
}

}  // namespace keycard::hotel::incidents::rules
