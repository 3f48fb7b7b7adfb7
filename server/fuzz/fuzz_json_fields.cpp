// Fuzzes JSON body decoding and field validation (common/validation.hpp, and
// the date fields of hotel/shared/support.hpp): the input is a request body.
// Every getter runs on every key of the parsed object and on a few absent
// ones, with limits derived from the key.
// Invariants: only BadRequest (parse) and ValidationError (finish) escape;
// every value a getter returns honours what the getter promises.
#include <boost/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/utf8.hpp"
#include "common/validation.hpp"
#include "fuzz_support.hpp"
#include "hotel/shared/support.hpp"

namespace {

namespace json = boost::json;
using keycard::Fields;
using keycard::fuzz::check;
using keycard::fuzz::fail;

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// What optional_string promises: trimmed, at most max_len bytes, no control
// characters but newline and tab, UTF-8 (the parser refuses anything else).
void check_text(const std::string& s, std::size_t max_len, std::string_view key) {
  check(s.size() <= max_len, "string longer than its limit", key);
  check(s.empty() || (!is_space(s.front()) && !is_space(s.back())), "string not trimmed", key);
  check(std::none_of(s.begin(), s.end(), [](char c) { return c >= 0 && c < 0x20 && c != '\n' && c != '\t'; }),
        "control character passed", key);
  check(keycard::is_utf8(s), "string is not UTF-8", key);
}

void exercise(Fields& f, const json::object& body, const std::string& key) {
  const std::size_t h = std::hash<std::string>{}(key);
  const std::size_t max_len = h % 300;
  const std::vector<std::string_view> allowed = {"active", "suspended", "checked_in"};
  const std::int64_t lo = static_cast<std::int64_t>(h % 1000) - 500;
  const std::int64_t hi = lo + static_cast<std::int64_t>(h % 100000);

  if (auto s = f.optional_string(key, max_len)) check_text(*s, max_len, key);
  check_text(f.required_string(key, max_len), max_len, key);

  const auto secret = f.required_secret(key, max_len);
  check(secret.size() <= max_len, "secret longer than its limit", key);
  if (!secret.empty()) {
    const auto* raw = f.raw(key);
    check(raw != nullptr && raw->is_string() && raw->as_string() == secret, "secret not taken as sent", key);
  }

  for (const auto& email : {f.optional_email(key).value_or(""), f.required_email(key)}) {
    if (email.empty()) continue;
    check(keycard::is_valid_email(email) && !has_upper(email), "email not valid and lower-case", email);
  }
  for (const auto& uuid : {f.optional_uuid(key).value_or(""), f.required_uuid(key)}) {
    if (uuid.empty()) continue;
    check(keycard::is_uuid(uuid) && !has_upper(uuid) && uuid.size() == 36, "uuid not normalised", uuid);
  }
  for (const auto& e : {f.optional_enum(key, allowed).value_or(""), f.required_enum(key, allowed)}) {
    if (e.empty()) continue;
    check(std::find(allowed.begin(), allowed.end(), e) != allowed.end(), "enum value not allowed", e);
  }
  if (auto n = f.optional_int(key, lo, hi)) check(*n >= lo && *n <= hi, "int out of range", key);
  const auto n = f.required_int(key, lo, hi);
  check(n == 0 || (n >= lo && n <= hi), "int out of range", key);
  if (auto b = f.optional_bool(key)) {
    const auto* raw = f.raw(key);
    check(raw != nullptr && raw->is_bool() && raw->as_bool() == *b, "bool not as sent", key);
  }
  const auto slug = f.required_slug(key, max_len);
  check(slug.size() <= max_len &&
            std::all_of(slug.begin(), slug.end(),
                        [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }),
        "slug has other characters", slug);

  for (const auto& d : {keycard::hotel::optional_date(f, key).value_or(""), keycard::hotel::required_date(f, key)}) {
    if (d.empty()) continue;
    check(keycard::hotel::is_valid_date(d), "date not valid", d);
    check(keycard::hotel::date_from_days(keycard::hotel::days_from_date(d)) == d, "date does not round-trip", d);
  }
  if (auto p = keycard::hotel::patch_string(f, body, key, max_len); p && *p) check_text(**p, max_len, key);
  check(f.has(key) == body.contains(key), "has() disagrees with the object", key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  json::object object;
  try {
    object = keycard::parse_json_object(body);
  } catch (const keycard::BadRequest& e) {
    check(e.status() == 400 && e.code() == "invalid_json", "parse error is not invalid_json", e.code());
    return 0;
  } catch (const std::exception& e) {
    fail("parse_json_object threw something else than BadRequest", e.what());
  }

  Fields f(object);
  std::vector<std::string> keys;
  for (const auto& kv : object) keys.emplace_back(kv.key());
  for (const char* absent : {"", "name", "email", "tenant_id"}) keys.emplace_back(absent);
  try {
    for (const auto& key : keys) exercise(f, object, key);
    f.finish();
    check(f.ok(), "finish() passed with errors");
  } catch (const keycard::ValidationError& e) {
    check(e.status() == 422 && !e.field_errors().empty(), "ValidationError without field errors");
    for (const auto& [field, message] : e.field_errors()) check(!message.empty(), "empty field message", field);
  } catch (const keycard::BadRequest& e) {
    check(e.status() == 400, "BadRequest status");
  } catch (const std::exception& e) {
    fail("a getter threw something else than BadRequest or ValidationError", e.what());
  }
  return 0;
}
