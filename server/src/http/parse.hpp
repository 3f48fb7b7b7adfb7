// Reading one HTTP/1.1 request from bytes, with the checks and answers of the
// socket loop, but without a socket: the fuzz target and unit tests drive it.
// Free of Beast types, like every header outside this folder's .cpp files.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "http/message.hpp"

namespace keycard::http {

struct ParseLimits {
  std::size_t body_limit = 1024 * 1024;  // larger bodies get 413
  std::size_t header_limit = 16 * 1024;  // larger heads get 431
};

struct ParseResult {
  std::optional<Request> request;  // a complete request, ready for the handler
  std::optional<Response> early;   // the bytes are refused: the 400/413/431/501 the server sends, then closes
  bool need_more = false;          // the bytes end before the request does
  std::size_t consumed = 0;        // bytes of input the request used (pipelining)
};

// Parses one request from raw bytes exactly as the socket loop does (same
// checks, same answers).
[[nodiscard]] ParseResult parse_request(std::string_view bytes, const ParseLimits& limits = {});

}  // namespace keycard::http
