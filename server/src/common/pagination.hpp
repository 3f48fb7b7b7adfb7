// List query parameters shared by every list endpoint (API.md conventions):
// page, limit (at most 100), sort from a fixed whitelist, typed filters.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace keycard {

struct Page {
  std::int64_t page = 1;
  std::int64_t limit = 20;
  std::string order_by;  // SQL from the whitelist, e.g. "created_at DESC"
};

// `sortable` maps an API field to its SQL column. 400 on a bad value.
Page parse_page(const http::Request& req, const std::map<std::string, std::string>& sortable,
                std::string_view default_sort);
std::optional<std::string> query_enum(const http::Request& req, std::string_view name,
                                      const std::vector<std::string_view>& allowed);
std::optional<bool> query_bool(const http::Request& req, std::string_view name);
std::optional<std::string> query_uuid(const http::Request& req, std::string_view name);
// `text` as a whole number from min to max, or nullopt when it is not one.
std::optional<std::int64_t> whole_number(std::string_view text, std::int64_t min, std::int64_t max);
// A whole number from min to max; 400 invalid_query otherwise.
inline constexpr std::int64_t kMaxQueryInt = 9'007'199'254'740'991;  // 2^53 - 1: exact in every JSON client
std::optional<std::int64_t> query_int(const http::Request& req, std::string_view name, std::int64_t min,
                                      std::int64_t max);
// A search parameter as the body of a LIKE pattern (use with ESCAPE '\'):
// trimmed, lower-case, at most 200 characters, with % _ and \ escaped so they
// match themselves. nullopt when absent or blank; 400 when not UTF-8.
std::optional<std::string> query_search(const http::Request& req, std::string_view name);

}  // namespace keycard

namespace keycard {
// The version an If-Match header names ("3" or "\"3\""); 400 when malformed.
std::optional<std::int64_t> if_match(const http::Request& req);
}  // namespace keycard
