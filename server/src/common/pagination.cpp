#include "common/pagination.hpp"

#include <charconv>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"

namespace keycard {
namespace {

std::int64_t parse_int(std::string_view name, const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    throw BadRequest("The query parameter '" + std::string(name) + "' must be a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max) + ".",
                     "invalid_query");
  }
  return v;
}

}  // namespace

Page parse_page(const http::Request& req, const std::map<std::string, std::string>& sortable,
                std::string_view default_sort) {
  Page p;
  if (auto v = req.query_param("page")) p.page = parse_int("page", *v, 1, 1'000'000);
  if (auto v = req.query_param("limit")) p.limit = parse_int("limit", *v, 1, 100);
  std::string sort(req.query_param("sort").value_or(std::string(default_sort)));
  const bool desc = !sort.empty() && sort.front() == '-';
  const auto field = desc ? sort.substr(1) : sort;
  auto it = sortable.find(field);
  if (it == sortable.end()) {
    std::string names;
    for (const auto& [k, v] : sortable) names += (names.empty() ? "" : ", ") + k;
    throw BadRequest("The list cannot be sorted by '" + field.substr(0, 64) + "'; use one of: " + names + ".",
                     "invalid_query");
  }
  p.order_by = it->second + (desc ? " DESC" : " ASC");
  return p;
}

std::optional<std::string> query_enum(const http::Request& req, std::string_view name,
                                      const std::vector<std::string_view>& allowed) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  for (auto a : allowed) {
    if (a == *v) return v;
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw BadRequest("The query parameter '" + std::string(name) + "' must be one of: " + list + ".", "invalid_query");
}

std::optional<bool> query_bool(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  throw BadRequest("The query parameter '" + std::string(name) + "' must be true or false.", "invalid_query");
}

std::optional<std::int64_t> whole_number(std::string_view text, std::int64_t min, std::int64_t max) {
  std::int64_t n = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || p != end || n < min || n > max) return std::nullopt;
  return n;
}

std::optional<std::int64_t> query_int(const http::Request& req, std::string_view name, std::int64_t min,
                                      std::int64_t max) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  const auto n = whole_number(*v, min, max);
  if (!n) {
    throw BadRequest("The query parameter '" + std::string(name) + "' must be a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max) + ".",
                     "invalid_query");
  }
  return n;
}

std::optional<std::string> query_uuid(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (!is_uuid(*v)) {
    throw BadRequest("The query parameter '" + std::string(name) + "' must be a UUID.", "invalid_query");
  }
  return normalize_uuid(*v);
}

std::optional<std::string> query_search(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v) return std::nullopt;
  // PostgreSQL refuses text that is not UTF-8: a 400 here, not a 500 there.
  if (!is_utf8(*v)) {
    throw BadRequest("The query parameter '" + std::string(name) + "' must be UTF-8 text.", "invalid_query");
  }
  // SQLite's LIKE stops reading a pattern at a NUL, so "a\0b" would search
  // for "a"; no control character belongs in a search anyway.
  for (unsigned char c : *v) {
    if (c < 0x20 || c == 0x7F) {
      throw BadRequest("The query parameter '" + std::string(name) + "' must not contain control characters.",
                       "invalid_query");
    }
  }
  auto text = to_lower(trim(*v));
  if (text.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    text.resize(cut);
  }
  if (text.empty()) return std::nullopt;
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace keycard

namespace keycard {

std::optional<std::int64_t> if_match(const http::Request& req) {
  auto v = req.header("if-match");
  if (!v || v->empty()) return std::nullopt;
  const std::string trimmed = trim(*v);
  std::string_view text = trimmed;
  if (text.substr(0, 2) == "W/") text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || n < 1 || n > INT32_MAX) {
    throw BadRequest("The If-Match header must carry the version you read, e.g. If-Match: \"3\".", "invalid_if_match");
  }
  return n;
}

}  // namespace keycard
