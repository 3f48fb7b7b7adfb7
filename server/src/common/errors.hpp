// Purpose-made exception types thrown by services and turned into RFC 9457
// problem details in one place: App::handle in app/app.cpp.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace keycard {

using FieldErrors = std::map<std::string, std::string>;

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string title, std::string detail)
      : std::runtime_error(detail),
        status_(status),
        code_(std::move(code)),
        title_(std::move(title)),
        detail_(std::move(detail)) {}

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] const std::string& detail() const { return detail_; }
  [[nodiscard]] const std::map<std::string, std::string>& field_errors() const { return errors_; }
  [[nodiscard]] std::optional<long> retry_after_seconds() const { return retry_after_; }

 protected:
  std::map<std::string, std::string> errors_;
  std::optional<long> retry_after_;

 private:
  int status_;
  std::string code_;
  std::string title_;
  std::string detail_;
};

struct BadRequest : ApiError {
  explicit BadRequest(std::string detail, std::string code = "bad_request")
      : ApiError(400, std::move(code), "Bad Request", std::move(detail)) {}
};
struct Unauthorized : ApiError {
  explicit Unauthorized(std::string detail = "Authentication is required.", std::string code = "unauthorized")
      : ApiError(401, std::move(code), "Unauthorized", std::move(detail)) {}
};
struct Forbidden : ApiError {
  explicit Forbidden(std::string detail = "You are not allowed to do this.", std::string code = "forbidden")
      : ApiError(403, std::move(code), "Forbidden", std::move(detail)) {}
};
struct NotFound : ApiError {
  explicit NotFound(std::string detail = "The resource does not exist.", std::string code = "not_found")
      : ApiError(404, std::move(code), "Not Found", std::move(detail)) {}
};
struct Conflict : ApiError {
  explicit Conflict(std::string detail, std::string code = "conflict")
      : ApiError(409, std::move(code), "Conflict", std::move(detail)) {}
};
struct PayloadTooLarge : ApiError {
  explicit PayloadTooLarge(std::string detail = "The request body is too large.")
      : ApiError(413, "payload_too_large", "Payload Too Large", std::move(detail)) {}
};
// 422 with one message per offending field.
struct ValidationError : ApiError {
  explicit ValidationError(std::map<std::string, std::string> errors,
                           std::string detail = "The request has invalid fields.")
      : ApiError(422, "validation_failed", "Unprocessable Content", std::move(detail)) {
    errors_ = std::move(errors);
  }
};
struct TooManyRequests : ApiError {
  TooManyRequests(std::string detail, long retry_after, std::string code = "too_many_attempts")
      : ApiError(429, std::move(code), "Too Many Requests", std::move(detail)) {
    retry_after_ = retry_after;
  }
};
struct ServiceUnavailable : ApiError {
  explicit ServiceUnavailable(std::string detail, std::string code = "unavailable")
      : ApiError(503, std::move(code), "Service Unavailable", std::move(detail)) {}
};

// Invalid configuration: main() prints one line and exits with code 2.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace keycard
