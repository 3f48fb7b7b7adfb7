// Decoding and validating JSON request bodies: collects every field error,
// then throws one ValidationError (422), so a client sees all its mistakes.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.hpp"

namespace keycard {

// 400 for a body that is not JSON or not an object.
[[nodiscard]] boost::json::object parse_json_object(std::string_view body);

class Fields {
 public:
  explicit Fields(const boost::json::object& object) : object_(object) {}

  std::string required_string(std::string_view key, std::size_t max_len = 200);
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_len = 200);
  // A secret (password) taken exactly as sent: never trimmed.
  std::string required_secret(std::string_view key, std::size_t max_len = 1024);
  std::string required_email(std::string_view key);
  std::optional<std::string> optional_email(std::string_view key);
  std::string required_uuid(std::string_view key);
  std::optional<std::string> optional_uuid(std::string_view key);
  std::string required_enum(std::string_view key, const std::vector<std::string_view>& allowed);
  std::optional<std::string> optional_enum(std::string_view key, const std::vector<std::string_view>& allowed);
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::int64_t required_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(std::string_view key);
  // A required string matching ^[a-z0-9-]+$ (slugs, role names).
  std::string required_slug(std::string_view key, std::size_t max_len = 63);
  [[nodiscard]] const boost::json::value* raw(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const;

  void add_error(std::string field, std::string message);
  void add_errors(const std::map<std::string, std::string>& errors);
  [[nodiscard]] bool ok() const { return errors_.empty(); }
  // Throws ValidationError when any field was wrong.
  void finish() const;

 private:
  const boost::json::object& object_;
  std::map<std::string, std::string> errors_;
};

[[nodiscard]] bool is_valid_email(std::string_view email);
[[nodiscard]] std::string to_lower(std::string_view s);
[[nodiscard]] std::string trim(std::string_view s);

}  // namespace keycard
