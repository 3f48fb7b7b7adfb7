// What every hotel feature module shares: the body's tenant check, the
// version a write is based on, business dates, currencies and the
// before/after form of audit changes.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/errors.hpp"
#include "common/list_page.hpp"
#include "common/validation.hpp"
#include "http/message.hpp"
#include "request/context.hpp"

namespace keycard::hotel {

// 422 naming one field.
[[noreturn]] void field_error(std::string field, std::string message);

// A body's tenant_id, when sent, must be the caller's tenant (403 otherwise);
// the tenant always comes from the token.
void check_body_tenant(const request::Context& ctx, const boost::json::object& body);
// The request's body as a JSON object (400 otherwise) whose tenant_id, when
// sent, is the caller's (check_body_tenant): the first step of every write
// route, before the body is decoded into its command.
[[nodiscard]] boost::json::object tenant_body(const request::Context& ctx, const http::Request& req);

// A DELETE's optional If-Match: absent, no version is required; sent empty,
// it names no version (0), which is stale.
[[nodiscard]] std::optional<std::int64_t> delete_version(const http::Request& req);

// The version a PATCH is based on: the body's `version`, else If-Match.
// Adds a field error when neither is there; 400 on a malformed If-Match.
std::int64_t required_version(Fields& f, const http::Request& req);

// Business dates: YYYY-MM-DD, a real calendar day.
[[nodiscard]] bool is_valid_date(std::string_view text);
// Days since 1970-01-01 of a valid date, and back.
[[nodiscard]] std::int64_t days_from_date(std::string_view date);
[[nodiscard]] std::string date_from_days(std::int64_t days);
std::optional<std::string> optional_date(Fields& f, std::string_view key);
std::string required_date(Fields& f, std::string_view key);
// A query parameter that must be a date when present (400 otherwise).
std::optional<std::string> query_date(const http::Request& req, std::string_view name);

// ISO 4217 shape: three upper-case letters.
[[nodiscard]] bool is_currency(std::string_view text);
// HH:MM, 24-hour clock.
[[nodiscard]] bool is_clock_time(std::string_view text);

// A refusal's problem details with members of its own beside the usual
// ones (e.g. the balance that blocks a check-out).
[[nodiscard]] http::Response problem_with(const ApiError& e, const boost::json::object& members);

// {"amount_minor": n, "currency": c}
[[nodiscard]] boost::json::object money(std::int64_t amount_minor, const std::string& currency);

// {"field": {"before": .., "after": ..}} for every field that differs,
// ignoring bookkeeping (version, timestamps).
[[nodiscard]] boost::json::object changes_between(const boost::json::object& before, const boost::json::object& after);

// Optional text as JSON (null when absent).
[[nodiscard]] inline boost::json::value opt_json(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
[[nodiscard]] inline boost::json::value opt_json(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// A list answer: {"items", "page", "limit", "total"}.
[[nodiscard]] boost::json::object page_json(boost::json::array items, std::int64_t page, std::int64_t limit,
                                            std::int64_t total);
// A service's ListPage as that answer, each item by its module's to_json
// (found by argument-dependent lookup).
template <class T>
[[nodiscard]] boost::json::object page_json(const ListPage<T>& page) {
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(to_json(item));
  return page_json(std::move(items), page.page, page.limit, page.total);
}

// An optional string field that PATCH may clear with null: unset when the key
// is absent, nullopt-inside when the client sent null.
std::optional<std::optional<std::string>> patch_string(Fields& f, const boost::json::object& body, std::string_view key,
                                                       std::size_t max_len);

}  // namespace keycard::hotel
