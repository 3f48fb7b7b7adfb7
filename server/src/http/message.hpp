// Plain request/response types: handlers and the dispatcher never see Beast.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
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

// A body made over time (server-sent events). The server writes the head,
// then calls next() on a worker thread whenever the stream was woken or its
// heartbeat is due, and writes what it returns; between calls it holds no
// thread. Implementations are shared between the session and whoever wakes
// them, so wake() may be called from any thread, at any time.
class Stream {
 public:
  virtual ~Stream() = default;
  // The next piece of the body; "" when there is nothing new, nullopt to end
  // the stream (after writing what it returns last, if anything).
  virtual std::optional<std::string> next() = 0;
  // What to write when `heartbeat` passed without anything new.
  [[nodiscard]] virtual std::string heartbeat_text() const { return ": keep-alive\n\n"; }
  // Called once when the server stops (shutdown): the stream's last words.
  [[nodiscard]] virtual std::string closing_text() const { return {}; }
  // The server's wake-up, set before the first next(); the stream (or its
  // source) calls wake() when next() has more to say.
  void set_waker(std::function<void()> waker);
  void wake() const;
  // Why the caller may no longer receive it ("token_expired",
  // "access_changed"), or nullopt: set by the request pipeline, which holds
  // the credentials; a stream asks before each piece and ends when told.
  using Guard = std::function<std::optional<std::string>()>;
  void set_guard(Guard guard) { guard_ = std::move(guard); }
  [[nodiscard]] std::optional<std::string> refused() const { return guard_ ? guard_() : std::nullopt; }

  std::chrono::seconds heartbeat{15};
  // When the caller's credentials run out (a token's expiry): the server
  // asks next() again then, rather than at the next heartbeat.
  std::optional<std::chrono::steady_clock::time_point> deadline;

 private:
  mutable std::mutex mutex_;
  std::function<void()> waker_;
  Guard guard_;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this file, sent from disk as it is read (large
  // report files); `body` is then ignored.
  std::optional<std::string> file_path;
  // When set, the body is this stream (after the head, chunked); `body` is
  // then ignored and the connection closes when the stream ends.
  std::shared_ptr<Stream> stream;

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
