// Fuzzes JWT decoding (auth/jwt.hpp) with a fixed key and clock. The first
// byte picks what the rest is:
//   0: a token, verified as it is;
//   1: a claims object, signed by JwtCodec::sign and verified back;
//   2: "header JSON\npayload JSON", framed and signed with the right key here,
//      so that the header and claim checks run past the signature.
// Invariants: verify throws nothing but keycard::Unauthorized; what it accepts
// satisfies every documented check; a signed token verifies to its claims
// exactly when those claims pass the checks.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "auth/jwt.hpp"
#include "common/errors.hpp"
#include "fuzz_support.hpp"

namespace {

namespace json = boost::json;
using keycard::auth::base64url_encode;
using keycard::fuzz::check;
using keycard::fuzz::fail;

const std::string kSecret = "fuzz-secret-0123456789abcdef-0123456789";
const std::string kPrevious = "fuzz-previous-secret-0123456789abcdef";
constexpr std::int64_t kNow = 1'700'000'000;
constexpr std::string_view kType = "access";
constexpr std::chrono::seconds kMaxLifetime{900};

const keycard::auth::JwtCodec& codec() {
  static const keycard::auth::JwtCodec c(keycard::auth::JwtKey{"", kSecret}, {keycard::auth::JwtKey{"old", kPrevious}});
  return c;
}

std::chrono::system_clock::time_point now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(kNow));
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

bool is_string(const json::object& o, std::string_view name, std::string_view value) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() && v->as_string() == value;
}

bool has_audience(const json::object& o) {
  const auto* v = o.if_contains("aud");
  if (v == nullptr) return false;
  if (v->is_string()) return v->as_string() == "keycard-api";
  if (!v->is_array()) return false;
  for (const auto& item : v->as_array()) {
    if (item.is_string() && item.as_string() == "keycard-api") return true;
  }
  return false;
}

// The claim checks of jwt.hpp, read from its comment: iss, aud, typ, nbf and
// iat (5 s of skew), 0 <= iat <= exp, exp - iat <= the lifetime, exp > now.
bool claims_acceptable(const json::object& c) {
  if (!is_string(c, "iss", "keycard") || !has_audience(c) || !is_string(c, "typ", kType)) return false;
  const std::int64_t latest_start = kNow + keycard::auth::JwtCodec::kClockSkew.count();
  const auto nbf = integer(c, "nbf");
  if (!nbf || *nbf > latest_start) return false;
  const auto iat = integer(c, "iat");
  if (!iat || *iat > latest_start || *iat < 0) return false;
  const auto exp = integer(c, "exp");
  // Lifetime in 128 bits: the reference must not share an overflow with the code.
  if (!exp || *exp < *iat || static_cast<__int128>(*exp) - *iat > kMaxLifetime.count()) return false;
  return *exp > kNow;
}

// Verifies; nullopt when refused. Anything but Unauthorized is a bug.
std::optional<json::object> verify(std::string_view token) {
  try {
    return codec().verify(token, kType, kMaxLifetime, now());
  } catch (const keycard::Unauthorized& e) {
    check(e.code() == "invalid_token" || e.code() == "token_expired", "Unauthorized code", e.code());
    // Fixed texts: the answer never repeats any part of the token.
    check(e.detail() == "The access token is invalid." || e.detail() == "The access token has expired.",
          "Unauthorized detail", e.detail());
    return std::nullopt;
  } catch (const std::exception& e) {
    fail("verify threw something else than Unauthorized", e.what());
  } catch (...) {
    fail("verify threw a non-exception");
  }
}

void check_accepted(const json::object& claims, std::string_view token) {
  check(claims_acceptable(claims), "verify accepted claims that fail its checks", token);
}

std::string signed_token(std::string_view header, std::string_view payload, const std::string& secret) {
  std::string token = base64url_encode(header) + "." + base64url_encode(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(token.data()), token.size(), mac, &length);
  return token + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), length));
}

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

void sign_and_verify(std::string_view text) {
  auto claims = parse_object(text);
  if (!claims) return;
  std::string token;
  try {
    token = codec().sign(*claims);
  } catch (const std::length_error&) {
    return;  // documented: claims too large for kMaxTokenBytes are the caller's bug
  }
  json::object expected = *claims;
  expected["iss"] = "keycard";
  expected["aud"] = "keycard-api";
  const auto got = verify(token);
  const bool acceptable = claims_acceptable(expected);
  check(got.has_value() == acceptable, acceptable ? "a valid signed token was refused" : "bad claims were accepted",
        json::serialize(expected));
  if (got) check(*got == expected, "verify changed the claims", json::serialize(expected));
}

void frame_and_verify(std::string_view text) {
  const auto nl = text.find('\n');
  if (nl == std::string_view::npos) return;
  const std::string_view header = text.substr(0, nl);
  const std::string_view payload = text.substr(nl + 1);
  // The previous key is still honoured under its own kid.
  const auto parsed = parse_object(header);
  const bool old_kid = parsed && is_string(*parsed, "kid", "old");
  const std::string token = signed_token(header, payload, old_kid ? kPrevious : kSecret);
  const auto got = verify(token);
  if (!got) return;
  check(parsed.has_value(), "accepted a header that is not an object", header);
  check(is_string(*parsed, "alg", "HS256"), "accepted an algorithm other than HS256", header);
  check(!parsed->contains("crit"), "accepted a crit header", header);
  if (parsed->contains("typ")) check(is_string(*parsed, "typ", "JWT"), "accepted a typ other than JWT", header);
  const auto claims = parse_object(payload);
  check(claims.has_value() && *claims == *got, "verify returned other claims than the payload", payload);
  check_accepted(*got, token);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (sodium_init() < 0) fail("sodium_init");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      if (const auto got = verify(rest)) check_accepted(*got, rest);
      break;
    case 1:
      sign_and_verify(rest);
      break;
    default:
      frame_and_verify(rest);
      break;
  }
  return 0;
}
