// Plain request/response types: handlers and the dispatcher never see Beast.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keycard::http {

struct Request {
  std::string method;                                      // "GET", "POST", ...
  std::string target;                                      // raw request target
  std::string path;                                        // decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // lower-case names
  std::string body;
  std::string remote_address;
  std::map<std::string, std::string> path_params;  // filled by the router
  bool secure = false;                             // TLS or X-Forwarded-Proto: https

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
  [[nodiscard]] const std::string& param(const std::string& name) const;  // path parameter
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this file, sent from disk as it is read (large
  // report files); `body` is then ignored.
  std::optional<std::string> file_path;

  static Response json(int status, const boost::json::value& value);
  static Response no_content();
  // A file to save: `file_name` goes in Content-Disposition as is (callers
  // pass names made of letters, digits, dots and hyphens), never cached.
  static Response attachment(std::string body, std::string content_type, const std::string& file_name);
  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// application/problem+json (RFC 9457).
Response problem(int status, std::string_view code, std::string_view title, std::string_view detail,
                 const std::map<std::string, std::string>& field_errors = {});

}  // namespace keycard::http
