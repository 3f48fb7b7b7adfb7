#include "common/validation.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard {
namespace json = boost::json;

namespace {

// Builds the value like json::parser does, and refuses an object that names
// a member twice: json::parser keeps the last one, so a body could pass a
// check on one value of "tenant_id" and be used with the other.
class StrictHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::optional<std::string> duplicate;  // the first member named twice

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, boost::system::error_code&) {
    keys_.pop_back();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      duplicate = std::move(key_);
      ec = json::error::syntax;
      return false;
    }
    key_.clear();
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, boost::system::error_code& ec) {
    // 1e400 parses as infinity, which no field takes and JSON cannot write back.
    if (!std::isfinite(d)) {
      ec = json::error::exponent_overflow;
      return false;
    }
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::system::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(boost::system::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  std::vector<std::set<std::string>> keys_;  // member names of each open object
  std::string key_;
};

}  // namespace

json::object parse_json_object(std::string_view body) {
  if (body.empty()) throw BadRequest("The request body must be a JSON object.", "invalid_json");
  json::parse_options opts;
  opts.max_depth = 32;
  json::basic_parser<StrictHandler> parser(opts);
  parser.handler().st.reset();
  boost::system::error_code ec;
  const auto used = parser.write_some(false, body.data(), body.size(), ec);
  if (parser.handler().duplicate) {
    const auto& name = *parser.handler().duplicate;
    throw BadRequest("The request body names the member '" + std::string(truncate_utf8(name, 64)) + "' more than once.",
                     "invalid_json");
  }
  if (ec || used != body.size()) throw BadRequest("The request body is not valid JSON.", "invalid_json");
  auto value = parser.handler().st.release();
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
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
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

void Fields::add_error(std::string field, std::string message) {
  errors_.emplace(std::move(field), std::move(message));
}

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
  const bool ok = std::all_of(s.begin(), s.end(),
                              [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  if (!ok) {
    add_error(std::string(key), "may contain only lower-case letters, digits and hyphens");
    return {};
  }
  return s;
}

}  // namespace keycard
