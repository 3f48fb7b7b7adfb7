#include "http/message.hpp"

#include <boost/json.hpp>

#include "common/utf8.hpp"

namespace keycard::http {
namespace {

// Boost.JSON copies string bytes as they are; data stored before input was
// cleaned (or any other byte string) must still give a UTF-8 answer.
std::string serialize_utf8(const boost::json::value& value) {
  auto text = boost::json::serialize(value);
  if (!is_utf8(text)) text = to_valid_utf8(text);
  return text;
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  if (auto it = headers.find(std::string(name)); it != headers.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

const std::string& Request::param(const std::string& name) const {
  static const std::string kEmpty;
  if (auto it = path_params.find(name); it != path_params.end()) return it->second;
  return kEmpty;
}

Response Response::json(int status, const boost::json::value& value) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = serialize_utf8(value);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::attachment(std::string body, std::string content_type, const std::string& file_name) {
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.with_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  r.with_header("Cache-Control", "no-store");
  return r;
}

Response problem(int status, std::string_view code, std::string_view title, std::string_view detail,
                 const std::map<std::string, std::string>& field_errors) {
  boost::json::object o;
  o["type"] = "https://keycard.dev/problems/" + std::string(code);
  o["title"] = title;
  o["status"] = status;
  o["detail"] = detail;
  o["code"] = code;
  if (!field_errors.empty()) {
    boost::json::object errors;
    for (const auto& [field, message] : field_errors) errors[field] = message;
    o["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = serialize_utf8(o);
  return r;
}

void Stream::set_waker(std::function<void()> waker) {
  const std::lock_guard lock(mutex_);
  waker_ = std::move(waker);
}

void Stream::wake() const {
  std::function<void()> waker;
  {
    const std::lock_guard lock(mutex_);
    waker = waker_;
  }
  if (waker) waker();
}

}  // namespace keycard::http
