// Argon2id password hashes through libsodium, and the password policy.
#include "auth/password.hpp"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace keycard::auth {
namespace {

constexpr std::size_t kMinPasswordChars = 10;
constexpr std::size_t kMaxPasswordBytes = 256;
constexpr std::size_t kLowMemLimit = 8U * 1024U * 1024U;

struct Cost {
  unsigned long long ops;
  std::size_t mem;
};

void ensure_sodium() {
  static const int ready = sodium_init();  // idempotent; thread-safe static
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

Cost current_cost() {
  const char* setting = std::getenv("KEYCARD_PASSWORD_COST");
  if (setting != nullptr && std::string_view(setting) == "low") {
    return {crypto_pwhash_OPSLIMIT_MIN, kLowMemLimit};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

// libsodium wants a NUL-terminated string in a crypto_pwhash_STRBYTES buffer;
// anything that does not fit is not one of our hashes.
bool to_hash_buffer(std::string_view stored, std::array<char, crypto_pwhash_STRBYTES>& buffer) {
  buffer.fill('\0');
  if (stored.empty() || stored.size() >= buffer.size()) return false;
  if (stored.find('\0') != std::string_view::npos) return false;
  std::memcpy(buffer.data(), stored.data(), stored.size());
  return true;
}

// Code points of well-formed UTF-8; each is counted by its lead byte.
std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

// Whether the text is one character (code point) repeated.
bool one_char_repeated(std::string_view s) {
  if (s.empty()) return false;
  std::size_t first_len = 1;
  while (first_len < s.size() && (static_cast<unsigned char>(s[first_len]) & 0xC0U) == 0x80U) ++first_len;
  if (s.size() % first_len != 0) return false;
  const std::string_view first = s.substr(0, first_len);
  for (std::size_t i = first_len; i < s.size(); i += first_len) {
    if (s.substr(i, first_len) != first) return false;
  }
  return true;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  const Cost cost = current_cost();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.ops, cost.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing failed (out of memory)");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> buffer{};
  if (!to_hash_buffer(stored_hash, buffer)) return false;
  return crypto_pwhash_str_verify(buffer.data(), password.data(), password.size()) == 0;
}

void burn_password_check(std::string_view password) {
  static const std::string dummy = hash_password("keycard: no such account, dummy password");
  [[maybe_unused]] const bool ignored = verify_password(dummy, password);
}

std::map<std::string, std::string> password_problems(std::string_view password, std::string_view field) {
  std::map<std::string, std::string> problems;
  const std::string key(field);
  if (password.size() > kMaxPasswordBytes) {
    problems[key] = "Must be at most 256 bytes long.";
  } else if (count_chars(password) < kMinPasswordChars) {
    problems[key] = "Must be at least 10 characters long.";
  } else if (one_char_repeated(password)) {
    problems[key] = "Must not be a single character repeated.";
  }
  return problems;
}

bool password_needs_rehash(std::string_view stored_hash) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> buffer{};
  if (!to_hash_buffer(stored_hash, buffer)) return true;
  const Cost cost = current_cost();
  return crypto_pwhash_str_needs_rehash(buffer.data(), cost.ops, cost.mem) != 0;
}

}  // namespace keycard::auth
