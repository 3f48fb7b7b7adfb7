// Fuzzes the query-string parsers: pagination and sort (common/pagination),
// enums, booleans, UUIDs, LIKE search text, dates (hotel/shared/support) and
// If-Match. Input: "request-target\nIf-Match value"; the target is decoded
// as the server decodes it (boost::urls::parse_origin_form).
// Invariants: only BadRequest escapes, and its problem+json answer is JSON
// and UTF-8; every parsed value honours what its parser promises.
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <string_view>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/pagination.hpp"
#include "common/utf8.hpp"
#include "common/validation.hpp"
#include "fuzz_support.hpp"
#include "hotel/shared/support.hpp"
#include "http/message.hpp"

namespace {

using keycard::fuzz::check;
using keycard::fuzz::fail;

const std::map<std::string, std::string> kSortable = {
    {"name", "g.name"}, {"created_at", "g.created_at"}, {"check_in", "r.check_in"}};

// Runs one parser; a BadRequest must make a well-formed problem answer.
template <typename F>
void guarded(std::string_view what, F&& parse) {
  try {
    parse();
  } catch (const keycard::BadRequest& e) {
    check(e.status() == 400, "BadRequest status", what);
    const auto r = keycard::http::problem(e.status(), e.code(), e.title(), e.detail());
    check(keycard::is_utf8(r.body), "problem body is not UTF-8", what);
    boost::json::error_code ec;
    const auto v = boost::json::parse(r.body, ec);
    check(!ec && v.is_object(), "problem body is not a JSON object", what);
  } catch (const std::exception& e) {
    fail(std::string(what) + " threw something else than BadRequest", e.what());
  }
}

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Undoes query_search's escaping; false when a wildcard is left unescaped.
bool unescape_like(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' || s[i] == '_') return false;
    if (s[i] == '\\') {
      if (i + 1 == s.size() || (s[i + 1] != '%' && s[i + 1] != '_' && s[i + 1] != '\\')) return false;
      ++i;
    }
    out += s[i];
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find('\n');
  const std::string_view target = input.substr(0, nl);

  keycard::http::Request req;
  req.method = "GET";
  req.target = std::string(target);
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return 0;  // the server answers 400 before any parser runs
  req.path = std::string(parsed->path());
  for (auto p : parsed->params()) req.query.emplace_back(p.key, p.has_value ? p.value : std::string());
  if (nl != std::string_view::npos) req.headers["if-match"] = std::string(input.substr(nl + 1));

  guarded("parse_page", [&] {
    const auto page = keycard::parse_page(req, kSortable, "-created_at");
    check(page.page >= 1 && page.page <= 1'000'000 && page.limit >= 1 && page.limit <= 100, "page out of range");
    bool known = false;
    for (const auto& [field, column] : kSortable) {
      known = known || page.order_by == column + " ASC" || page.order_by == column + " DESC";
    }
    check(known, "order_by is not from the whitelist", page.order_by);
  });
  guarded("query_enum", [&] {
    if (auto v = keycard::query_enum(req, "status", {"active", "suspended"})) {
      check(*v == "active" || *v == "suspended", "enum value not allowed", *v);
    }
  });
  guarded("query_bool", [&] { (void)keycard::query_bool(req, "include_deleted"); });
  guarded("query_uuid", [&] {
    if (auto v = keycard::query_uuid(req, "property_id")) {
      check(v->size() == 36 && keycard::is_uuid(*v) && !has_upper(*v), "uuid not normalised", *v);
    }
  });
  guarded("query_search", [&] {
    const auto raw = req.query_param("q");
    if (auto v = keycard::query_search(req, "q")) {
      check(keycard::is_utf8(*v), "search text is not UTF-8", *v);
      check(!has_upper(*v), "search text is not lower-case", *v);
      std::string plain;
      check(unescape_like(*v, plain), "a LIKE wildcard is not escaped", *v);
      check(!plain.empty() && plain.size() <= 200, "search text empty or longer than 200", *v);
      const auto full = keycard::to_lower(keycard::trim(*raw));
      check(full.compare(0, plain.size(), plain) == 0, "search text is not a prefix of the input", *v);
    }
  });
  for (const char* name : {"from", "to"}) {
    guarded("query_date", [&] {
      if (auto d = keycard::hotel::query_date(req, name)) {
        check(keycard::hotel::is_valid_date(*d), "date not valid", *d);
        check(keycard::hotel::date_from_days(keycard::hotel::days_from_date(*d)) == *d, "date does not round-trip", *d);
      }
    });
  }
  guarded("if_match", [&] {
    if (auto n = keycard::if_match(req)) check(*n >= 1 && *n <= INT32_MAX, "If-Match version out of range");
  });
  for (const auto& param : req.query) {
    const std::string& value = param.second;
    guarded("normalize_uuid", [&] {
      const auto u = keycard::normalize_uuid(value);
      check(keycard::is_uuid(value) && u.size() == 36 && !has_upper(u), "normalize_uuid", u);
    });
  }
  return 0;
}
