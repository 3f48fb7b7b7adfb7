#include "common/validation.hpp"

#include <algorithm>
#include <cctype>

#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard {
namespace json = boost::json;

json::object parse_json_object(std::string_view body) {
  if (body.empty()) throw BadRequest("The request body must be a JSON object.", "invalid_json");
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  auto value = json::parse(body, ec, {}, opts);
  if (ec) throw BadRequest("The request body is not valid JSON.", "invalid_json");
  if (!value.is_object()) throw BadRequest("The request body must be a JSON object.", "invalid_json");
  return std::move(value.as_object());
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool is_valid_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at != e.rfind('@')) return false;
  const auto domain = e.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return false;
  }
  return std::none_of(e.begin(), e.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c));
  });
}

const json::value* Fields::raw(std::string_view key) const {
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool Fields::has(std::string_view key) const { return object_.contains(key); }

void Fields::add_error(std::string field, std::string message) { errors_.emplace(std::move(field), std::move(message)); }

void Fields::add_errors(const std::map<std::string, std::string>& errors) {
  for (const auto& [k, v] : errors) errors_.emplace(k, v);
}

void Fields::finish() const {
  if (!errors_.empty()) throw ValidationError(errors_);
}

std::optional<std::string> Fields::optional_string(std::string_view key, std::size_t max_len) {
  const auto* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(std::string(key), "must be a string");
    return std::nullopt;
  }
  auto s = trim(v->as_string());
  if (s.size() > max_len) {
    add_error(std::string(key), "must be at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  if (std::any_of(s.begin(), s.end(), [](char c) { return c >= 0 && c < 0x20 && c != '\n' && c != '\t'; })) {
    add_error(std::string(key), "must not contain control characters");
    return std::nullopt;
  }
  return s;
}

std::string Fields::required_string(std::string_view key, std::size_t max_len) {
  if (!raw(key)) {
    add_error(std::string(key), "is required");
    return {};
  }
  auto s = optional_string(key, max_len);
  if (s && s->empty()) {
    add_error(std::string(key), "must not be empty");
    return {};
  }
  return s.value_or(std::string());
}

std::string Fields::required_secret(std::string_view key, std::size_t max_len) {
  const auto* v = raw(key);
  if (!v) {
    add_error(std::string(key), "is required");
    return {};
  }
  if (!v->is_string()) {
    add_error(std::string(key), "must be a string");
    return {};
  }
  if (v->as_string().size() > max_len) {
    add_error(std::string(key), "must be at most " + std::to_string(max_len) + " characters");
    return {};
  }
  return std::string(v->as_string());
}

std::optional<std::string> Fields::optional_email(std::string_view key) {
  auto s = optional_string(key, 254);
  if (!s) return std::nullopt;
  if (!is_valid_email(*s)) {
    add_error(std::string(key), "must be a valid email address");
    return std::nullopt;
  }
  return to_lower(*s);
}

std::string Fields::required_email(std::string_view key) {
  if (!raw(key)) {
    add_error(std::string(key), "is required");
    return {};
  }
  return optional_email(key).value_or(std::string());
}

std::optional<std::string> Fields::optional_uuid(std::string_view key) {
  auto s = optional_string(key, 64);
  if (!s) return std::nullopt;
  if (!is_uuid(*s)) {
    add_error(std::string(key), "must be a UUID");
    return std::nullopt;
  }
  return to_lower(*s);
}

std::string Fields::required_uuid(std::string_view key) {
  if (!raw(key)) {
    add_error(std::string(key), "is required");
    return {};
  }
  return optional_uuid(key).value_or(std::string());
}

std::optional<std::string> Fields::optional_enum(std::string_view key, const std::vector<std::string_view>& allowed) {
  auto s = optional_string(key, 64);
  if (!s) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    add_error(std::string(key), "must be one of: " + list);
    return std::nullopt;
  }
  return s;
}

std::string Fields::required_enum(std::string_view key, const std::vector<std::string_view>& allowed) {
  if (!raw(key)) {
    add_error(std::string(key), "is required");
    return {};
  }
  return optional_enum(key, allowed).value_or(std::string());
}

std::optional<std::int64_t> Fields::optional_int(std::string_view key, std::int64_t min, std::int64_t max) {
  const auto* v = raw(key);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    add_error(std::string(key), "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    add_error(std::string(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::int64_t Fields::required_int(std::string_view key, std::int64_t min, std::int64_t max) {
  if (!raw(key)) {
    add_error(std::string(key), "is required");
    return 0;
  }
  return optional_int(key, min, max).value_or(0);
}

std::optional<bool> Fields::optional_bool(std::string_view key) {
  const auto* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    add_error(std::string(key), "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::string Fields::required_slug(std::string_view key, std::size_t max_len) {
  auto s = required_string(key, max_len);
  if (s.empty()) return s;
  const bool ok = std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!ok) {
    add_error(std::string(key), "may contain only lower-case letters, digits and hyphens");
    return {};
  }
  return s;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or code points
// past U+10FFFF.
bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace keycard
