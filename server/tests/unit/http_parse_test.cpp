// http/parse: one request read from bytes with the socket loop's checks:
// framing that could smuggle a second request is refused and closes the
// connection; limits answer 413/431; header text becomes UTF-8.
#include "http/parse.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "common/utf8.hpp"

namespace keycard::http {
namespace {

std::string closing(const Response& r) {
  for (const auto& [name, value] : r.headers) {
    if (name == "Connection") return value;
  }
  return {};
}

std::string code_of(const Response& r) { return std::string(boost::json::parse(r.body).at("code").as_string()); }

TEST(HttpParseTest, ReadsAPlainRequest) {
  const std::string raw = "POST /api/x?q=a%20b&flag HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}";
  const auto r = parse_request(raw);
  ASSERT_TRUE(r.request);
  EXPECT_FALSE(r.early);
  EXPECT_EQ(r.consumed, raw.size());
  EXPECT_EQ(r.request->method, "POST");
  EXPECT_EQ(r.request->path, "/api/x");
  EXPECT_EQ(r.request->query_param("q"), "a b");
  EXPECT_EQ(r.request->query_param("flag"), "");
  EXPECT_EQ(r.request->body, "{}");
}

TEST(HttpParseTest, ReadsChunkedBodiesAndPipelinedRequests) {
  const std::string first = "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
  const std::string second = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
  const auto r = parse_request(first + second);
  ASSERT_TRUE(r.request);
  EXPECT_EQ(r.request->body, "{}");
  EXPECT_EQ(r.consumed, first.size());
  const auto next = parse_request(std::string_view(first + second).substr(r.consumed));
  ASSERT_TRUE(next.request);
  EXPECT_EQ(next.request->path, "/b");
}

TEST(HttpParseTest, AsksForMoreWhenTheRequestIsCut) {
  for (const std::string raw : {"GET / HTTP/1.1\r\nHost:", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{\"a\"",
                                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"}) {
    const auto r = parse_request(raw);
    EXPECT_TRUE(r.need_more) << raw;
    EXPECT_FALSE(r.request);
    EXPECT_FALSE(r.early);
  }
}

// RFC 9112 §6.3: a request whose last transfer coding is not chunked has no
// known length. Reading it as bodiless would run its body as a second
// request on the connection (the outside probe's smuggling path).
TEST(HttpParseTest, RefusesTransferEncodingsThatDoNotEndInChunked) {
  const std::string smuggled = "GET /api/admin/hotels HTTP/1.1\r\nHost: h\r\n\r\n";
  struct Case {
    std::string head;
    int status;
  };
  const std::vector<Case> cases = {
      {"Transfer-Encoding: gzip\r\n", 400},
      {"Transfer-Encoding: identity\r\n", 400},
      {"Transfer-Encoding: chunked, identity\r\n", 400},
      {"Transfer-Encoding: gzip\r\nContent-Length: 5\r\n", 400},
      {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400},
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", 501},
  };
  for (const auto& c : cases) {
    const std::string raw = "POST /api/auth/login HTTP/1.1\r\nHost: h\r\n" + c.head + "\r\n" + smuggled;
    const auto r = parse_request(raw);
    ASSERT_TRUE(r.early) << c.head;
    EXPECT_FALSE(r.request) << c.head;
    EXPECT_EQ(r.early->status, c.status) << c.head;
    EXPECT_EQ(closing(*r.early), "close") << c.head;
    EXPECT_EQ(r.early->content_type, "application/problem+json");
  }
  // HTTP/1.0 has no chunked coding (RFC 9112 §6.1).
  const auto old = parse_request("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  ASSERT_TRUE(old.early);
  EXPECT_EQ(old.early->status, 400);
  // Upper-case CHUNKED is chunked.
  const auto upper = parse_request("POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(upper.request);
}

TEST(HttpParseTest, AnswersLimitsAndGarbage) {
  ParseLimits limits{1024, 1024};
  const auto big = parse_request("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", limits);
  ASSERT_TRUE(big.early);
  EXPECT_EQ(big.early->status, 413);
  EXPECT_EQ(code_of(*big.early), "payload_too_large");
  const auto chunks = parse_request(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'x') + "\r\n0\r\n\r\n",
      limits);
  ASSERT_TRUE(chunks.early);
  EXPECT_EQ(chunks.early->status, 413);
  const auto head = parse_request("GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n", limits);
  ASSERT_TRUE(head.early);
  EXPECT_EQ(head.early->status, 431);
  for (const std::string raw : {"NOT HTTP\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                                "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "GET http://[::1 HTTP/1.1\r\n\r\n"}) {
    const auto r = parse_request(raw);
    ASSERT_TRUE(r.early) << raw;
    EXPECT_EQ(r.early->status, 400) << raw;
    EXPECT_EQ(closing(*r.early), "close") << raw;
  }
}

TEST(HttpParseTest, HeaderValuesBecomeUtf8) {
  // obs-text is legal in a header value; it reaches SQL (user_agent), logs
  // and audit answers, which all need UTF-8.
  const auto r = parse_request("GET / HTTP/1.1\r\nUser-Agent: \xff\xfe probe\r\nX-Name: caf\xC3\xA9\r\n\r\n");
  ASSERT_TRUE(r.request);
  EXPECT_EQ(r.request->header("user-agent"), "\xEF\xBF\xBD\xEF\xBF\xBD probe");
  EXPECT_EQ(r.request->header("x-name"), "caf\xC3\xA9");
  for (const auto& [name, value] : r.request->headers) EXPECT_TRUE(is_utf8(value)) << name;
}

}  // namespace
}  // namespace keycard::http
