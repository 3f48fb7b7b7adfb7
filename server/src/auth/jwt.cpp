// HS256 JWT signing and verification. The MAC is OpenSSL's HMAC-SHA256,
// base64url and the constant-time compare are libsodium's; only the JOSE
// framing is done here.
#include "auth/jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>

#include "common/errors.hpp"
#include "common/ids.hpp"

namespace keycard::auth {
namespace {

namespace json = boost::json;

constexpr std::string_view kAlg = "HS256";
constexpr std::size_t kMinSecretBytes = 32;
constexpr std::size_t kMacBytes = 32;
using Mac = std::array<unsigned char, kMacBytes>;

std::string type_label(std::string_view expected_type) {
  const bool plain = !expected_type.empty() && expected_type.size() <= 32 &&
                     expected_type.find_first_not_of("abcdefghijklmnopqrstuvwxyz_-") == std::string_view::npos;
  return plain ? std::string(expected_type) + " token" : std::string("token");
}

[[noreturn]] void reject(std::string_view expected_type) {
  throw Unauthorized("The " + type_label(expected_type) + " is invalid.", "invalid_token");
}

[[noreturn]] void reject_expired(std::string_view expected_type) {
  throw Unauthorized("The " + type_label(expected_type) + " has expired.", "token_expired");
}

// Strict: no padding, no whitespace, no stray characters, no non-zero trailing bits.
std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Mac hmac_sha256(std::string_view key, std::string_view data) {
  Mac mac{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), mac.data(), &length) == nullptr ||
      length != kMacBytes) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return mac;
}

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::int64_t> integer_claim(const json::object& claims, std::string_view name) {
  const json::value* v = claims.if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;  // fractions, strings, booleans: refused
}

bool string_equals(const json::value* v, std::string_view expected) {
  return v != nullptr && v->is_string() && v->as_string() == expected;
}

bool audience_contains(const json::value* v, std::string_view audience) {
  if (v == nullptr) return false;
  if (v->is_string()) return v->as_string() == audience;
  if (!v->is_array()) return false;
  for (const auto& item : v->as_array()) {
    if (string_equals(&item, audience)) return true;
  }
  return false;
}

void check_secret(const JwtKey& key) {
  if (key.secret.size() < kMinSecretBytes) {
    throw ConfigError("A JWT signing secret must be at least 32 bytes long.");
  }
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

JwtCodec::JwtCodec(JwtKey current, std::vector<JwtKey> previous, std::string issuer, std::string audience)
    : current_(std::move(current)),
      previous_(std::move(previous)),
      issuer_(std::move(issuer)),
      audience_(std::move(audience)) {
  check_secret(current_);
  if (current_.kid.empty()) current_.kid = kid_for(current_.secret);
  for (auto& key : previous_) {
    check_secret(key);
    if (key.kid.empty()) key.kid = kid_for(key.secret);
  }
}

std::string JwtCodec::kid_for(std::string_view secret) { return sha256_hex(secret).substr(0, 16); }

const JwtKey* JwtCodec::find_key(std::string_view kid) const {
  if (current_.kid == kid) return &current_;
  for (const auto& key : previous_) {
    if (key.kid == kid) return &key;
  }
  return nullptr;
}

std::string JwtCodec::sign(json::object claims) const {
  claims["iss"] = issuer_;
  claims["aud"] = audience_;
  const json::object header{{"alg", kAlg}, {"typ", "JWT"}, {"kid", current_.kid}};
  std::string token = base64url_encode(json::serialize(header));
  token += '.';
  token += base64url_encode(json::serialize(claims));
  const Mac mac = hmac_sha256(current_.secret, token);
  token += '.';
  token += base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  // verify() refuses anything longer, so a token this big is a bug in the caller.
  if (token.size() > kMaxTokenBytes) throw std::length_error("JWT larger than JwtCodec::kMaxTokenBytes");
  return token;
}

json::object JwtCodec::verify(std::string_view token, std::string_view expected_type, std::chrono::seconds max_lifetime,
                              std::chrono::system_clock::time_point now) const {
  if (token.empty() || token.size() > kMaxTokenBytes) reject(expected_type);

  // Exactly three segments.
  const auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) reject(expected_type);
  const auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    reject(expected_type);
  }
  const std::string_view header_b64 = token.substr(0, dot1);
  const std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_b64 = token.substr(dot2 + 1);

  // Header: the algorithm is fixed by us, never chosen by the token.
  const auto header_text = base64url_decode(header_b64);
  if (!header_text) reject(expected_type);
  const auto header = parse_object(*header_text);
  if (!header) reject(expected_type);
  if (!string_equals(header->if_contains("alg"), kAlg)) reject(expected_type);
  if (const auto* typ = header->if_contains("typ"); typ != nullptr && !string_equals(typ, "JWT")) {
    reject(expected_type);
  }
  if (header->contains("crit")) reject(expected_type);  // no extensions are understood (RFC 7515 §4.1.11)
  const auto* kid = header->if_contains("kid");
  if (kid == nullptr || !kid->is_string()) reject(expected_type);
  const JwtKey* key = find_key(kid->as_string());
  if (key == nullptr) reject(expected_type);

  // Signature, before looking at a single claim.
  const auto signature = base64url_decode(signature_b64);
  if (!signature || signature->size() != kMacBytes) reject(expected_type);
  const Mac expected = hmac_sha256(key->secret, token.substr(0, dot2));
  if (sodium_memcmp(signature->data(), expected.data(), kMacBytes) != 0) reject(expected_type);

  const auto payload_text = base64url_decode(payload_b64);
  if (!payload_text) reject(expected_type);
  auto claims = parse_object(*payload_text);
  if (!claims) reject(expected_type);

  if (!string_equals(claims->if_contains("iss"), issuer_)) reject(expected_type);
  if (!audience_contains(claims->if_contains("aud"), audience_)) reject(expected_type);
  if (!string_equals(claims->if_contains("typ"), expected_type)) reject(expected_type);

  // Times in whole seconds; comparing integers avoids overflowing the clock's
  // nanosecond representation with a hostile exp.
  const std::int64_t now_s = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t latest_start = now_s + kClockSkew.count();
  const auto nbf = integer_claim(*claims, "nbf");
  if (!nbf || *nbf > latest_start) reject(expected_type);
  const auto iat = integer_claim(*claims, "iat");
  if (!iat || *iat > latest_start) reject(expected_type);
  const auto exp = integer_claim(*claims, "exp");
  if (!exp) reject(expected_type);
  if (*exp <= now_s) reject_expired(expected_type);  // no leeway
  // A token lives at most max_lifetime, however far its exp says. With
  // 0 <= iat <= exp the subtraction cannot overflow.
  if (*iat < 0 || *exp < *iat || *exp - *iat > max_lifetime.count()) reject(expected_type);

  return std::move(*claims);
}

}  // namespace keycard::auth
