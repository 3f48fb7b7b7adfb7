// Password hashing (Argon2id through libsodium's crypto_pwhash_str), the
// timing equaliser for unknown accounts, and the password policy.
//
// Cost: crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB).
// With the environment variable KEYCARD_PASSWORD_COST=low the cost drops to
// crypto_pwhash_OPSLIMIT_MIN and 8 MiB so test suites run quickly; never set it
// in production. The variable is read on every hash, so a low-cost hash is
// reported by password_needs_rehash() once the server runs at normal cost
// again, and upgraded at the next successful login.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace keycard::auth {

// An encoded "$argon2id$..." string with its own salt and parameters.
// Throws std::runtime_error when the hash cannot be computed (out of memory).
[[nodiscard]] std::string hash_password(std::string_view password);

// False for a wrong password and for a stored hash that is not a valid hash.
[[nodiscard]] bool verify_password(std::string_view stored_hash, std::string_view password);

// Spends the time of one verification against a fixed dummy hash (computed
// once, lazily, at the current cost), so an unknown email answers about as
// slowly as a wrong password.
void burn_password_check(std::string_view password);

// {field: message} when the password is shorter than 10 characters, longer
// than 256 bytes, or one character repeated; empty when acceptable.
[[nodiscard]] std::map<std::string, std::string> password_problems(std::string_view password,
                                                                   std::string_view field = "password");

// True when the stored hash was made with other parameters (or another
// algorithm) than the current ones, or is not a valid hash.
[[nodiscard]] bool password_needs_rehash(std::string_view stored_hash);

}  // namespace keycard::auth
