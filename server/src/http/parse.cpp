#include "http/parse.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/url/parse.hpp>

#include <cctype>

#include "common/utf8.hpp"
#include "http/beast_parse.hpp"

namespace keycard::http {
namespace detail {
namespace beast = boost::beast;
namespace bhttp = beast::http;

void configure(BeastParser& parser, const ParseLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
}

Response closing_problem(int status, std::string_view code, std::string_view title, std::string_view detail) {
  auto r = problem(status, code, title, detail);
  r.with_header("Connection", "close");
  return r;
}

namespace {

Response too_large(const ParseLimits& limits) {
  return closing_problem(413, "payload_too_large", "Payload Too Large",
                         "The request body is larger than " + std::to_string(limits.body_limit) + " bytes.");
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Response refuse_parse_error(beast::error_code ec, const ParseLimits& limits) {
  // Beast checks Content-Length against the body limit while reading the head.
  if (ec == bhttp::error::body_limit) return too_large(limits);
  if (ec == bhttp::error::header_limit) {
    return closing_problem(431, "headers_too_large", "Request Header Fields Too Large",
                           "The request headers are too large.");
  }
  return closing_problem(400, "malformed_request", "Bad Request", "The request could not be parsed.");
}

std::optional<Response> refuse_head(const BeastParser& parser, const ParseLimits& limits) {
  const auto& head = parser.get();
  // RFC 9112 §6.1 and §6.3: a request's body length is only known when its
  // last transfer coding is chunked, and only chunked is decoded here. Beast
  // reads any other Transfer-Encoding as "no body", which would run the body
  // as a second request on this connection (request smuggling), so refuse it
  // and close.
  const auto codings = head.count(bhttp::field::transfer_encoding);
  if (codings > 0) {
    std::vector<std::string> tokens;
    for (auto it = head.find(bhttp::field::transfer_encoding);
         it != head.end() && it->name() == bhttp::field::transfer_encoding; ++it) {
      for (auto token : bhttp::token_list{it->value()}) tokens.push_back(lower(token));
    }
    if (head.version() < 11 || tokens.empty() || tokens.back() != "chunked" || !parser.chunked()) {
      return closing_problem(400, "malformed_request", "Bad Request",
                             "Transfer-Encoding must end with chunked (RFC 9112 §6.3).");
    }
    if (tokens.size() > 1) {
      return closing_problem(501, "transfer_coding_not_supported", "Not Implemented",
                             "Only the chunked transfer coding is supported.");
    }
    if (head.count(bhttp::field::content_length) > 0) {
      return closing_problem(400, "malformed_request", "Bad Request",
                             "A request may not have both Transfer-Encoding and Content-Length.");
    }
  }
  if (auto len = parser.content_length(); len && *len > limits.body_limit) return too_large(limits);
  return std::nullopt;
}

bool to_request(const bhttp::request<bhttp::string_body>& in, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(in.target());
  if (!parsed) return false;
  out.path = std::string(parsed->path());
  if (out.path.empty()) out.path = "/";
  for (auto p : parsed->params()) out.query.emplace_back(p.key, p.has_value ? p.value : std::string());
  for (const auto& field : in) {
    auto name = lower(field.name_string());
    // Header values may carry any byte from 0x80 up (obs-text); they reach
    // logs, SQL and answers (User-Agent), which all need UTF-8.
    auto value = to_valid_utf8(field.value());
    auto [it, inserted] = out.headers.emplace(std::move(name), value);
    if (!inserted) it->second += ", " + value;
  }
  out.body = in.body();
  if (auto proto = out.header("x-forwarded-proto"); proto && *proto == "https") out.secure = true;
  return true;
}

Response refuse_target() {
  return closing_problem(400, "malformed_request", "Bad Request", "The request target is not a valid URL.");
}

}  // namespace detail

ParseResult parse_request(std::string_view bytes, const ParseLimits& limits) {
  namespace bhttp = boost::beast::http;
  ParseResult out;
  detail::BeastParser parser;
  detail::configure(parser, limits);
  boost::beast::error_code ec;
  auto rest = [&] { return boost::asio::const_buffer(bytes.data() + out.consumed, bytes.size() - out.consumed); };

  // The head must be in one buffer: Beast answers need_more until it is.
  out.consumed += parser.put(rest(), ec);
  if (ec == bhttp::error::need_more) {
    out.need_more = true;
    return out;
  }
  if (ec) {
    out.early = detail::refuse_parse_error(ec, limits);
    return out;
  }
  if (auto refused = detail::refuse_head(parser, limits)) {
    out.early = std::move(*refused);
    return out;
  }
  while (!parser.is_done()) {
    // put() takes what it can and answers need_more, or nothing at all, when
    // the body goes on past the bytes we have.
    const auto n = out.consumed < bytes.size() ? parser.put(rest(), ec) : 0;
    out.consumed += n;
    if (ec && ec != bhttp::error::need_more) {
      out.early = detail::refuse_parse_error(ec, limits);
      return out;
    }
    ec = {};
    if (n == 0 && !parser.is_done()) {
      out.need_more = true;
      return out;
    }
  }
  Request req;
  if (!detail::to_request(parser.get(), req)) {
    out.early = detail::refuse_target();
    return out;
  }
  out.request = std::move(req);
  return out;
}

}  // namespace keycard::http
