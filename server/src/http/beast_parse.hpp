// The request checks shared by the socket loop (server.cpp) and
// parse_request() (parse.cpp). Includes Beast: only for this folder.
#pragma once

#include <boost/beast/http.hpp>

#include <optional>

#include "http/parse.hpp"

namespace keycard::http::detail {

using BeastParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

void configure(BeastParser& parser, const ParseLimits& limits);

// A problem answer with Connection: close (the connection ends after it).
[[nodiscard]] Response closing_problem(int status, std::string_view code, std::string_view title,
                                       std::string_view detail);

// The answer to a parse error of the head or body (413, 431 or 400).
[[nodiscard]] Response refuse_parse_error(boost::beast::error_code ec, const ParseLimits& limits);

// After a head parsed cleanly: the answer that refuses it before its body is
// read, if any (framing that could smuggle a request, a declared body over
// the limit).
[[nodiscard]] std::optional<Response> refuse_head(const BeastParser& parser, const ParseLimits& limits);

// Method, target, path, query and headers (header values made valid UTF-8);
// false for a target that is not a valid origin-form URL.
[[nodiscard]] bool to_request(const boost::beast::http::request<boost::beast::http::string_body>& in, Request& out);

// The answer for a target to_request() refused.
[[nodiscard]] Response refuse_target();

}  // namespace keycard::http::detail
