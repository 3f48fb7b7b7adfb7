// UTF-8 checks and repairs for text that comes from outside (headers, stored
// data written before a check existed): PostgreSQL refuses invalid UTF-8 and
// JSON readers choke on it, so nothing invalid may reach SQL or an answer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace keycard {

// Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or code points
// past U+10FFFF.
[[nodiscard]] bool is_utf8(std::string_view s);

// `s` with every byte that does not start a well-formed sequence replaced by
// U+FFFD; unchanged (no copy beyond the result) when already valid.
[[nodiscard]] std::string to_valid_utf8(std::string_view s);

// The longest prefix of valid UTF-8 `s` of at most `max_bytes` bytes that
// does not cut a character.
[[nodiscard]] std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes);

// Header text for storage and logs: repaired, then cut to `max_bytes`.
[[nodiscard]] std::string clean_text(std::string_view s, std::size_t max_bytes);

}  // namespace keycard
