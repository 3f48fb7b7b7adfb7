// UUIDs (time-ordered v7, from libsodium randomness) and opaque random tokens.
#pragma once

#include <string>
#include <string_view>

namespace keycard {

[[nodiscard]] std::string new_uuid();                             // UUID v7, lowercase, hyphenated
[[nodiscard]] bool is_uuid(std::string_view text);                // any version, either case
[[nodiscard]] std::string normalize_uuid(std::string_view text);  // lowercase; throws BadRequest
[[nodiscard]] std::string random_token(std::size_t bytes = 32);   // base64url, no padding
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace keycard
