// common/validation and common/pagination: request bodies and list query
// parameters, valid and invalid, each mistake reported on its own field.
#include "common/validation.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "http/message.hpp"

namespace keycard {
namespace {

namespace json = boost::json;

// The field errors finish() reports for `body` after `read` ran.
FieldErrors errors_of(const std::string& body, const std::function<void(Fields&)>& read) {
  const auto object = parse_json_object(body);
  Fields f(object);
  read(f);
  try {
    f.finish();
  } catch (const ValidationError& e) {
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "validation_failed");
    return e.field_errors();
  }
  EXPECT_TRUE(f.ok());
  return {};
}

// The detail of the 400 invalid_json that `body` gets (a failure when accepted).
std::string refusal_of(const std::string& body) {
  try {
    (void)parse_json_object(body);
    ADD_FAILURE() << "accepted: " << body.substr(0, 80);
  } catch (const BadRequest& e) {
    EXPECT_EQ(e.status(), 400) << body.substr(0, 80);
    EXPECT_EQ(e.code(), "invalid_json") << body.substr(0, 80);
    return e.detail();
  }
  return {};
}

TEST(ParseJsonObjectTest, RefusesWhatIsNotAnObject) {
  const std::vector<std::string> bad = {
      "",
      "   ",
      "[]",
      "[{}]",
      "\"text\"",
      "42",
      "null",
      "true",
      "{",
      "{\"a\":}",
      "{} {}",
      "{\"a\":1,}",
      "{'a':1}",
      "{\"a\":1} // comment",
      std::string(40, '[') + std::string(40, ']'),
      "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}",
  };
  for (const auto& body : bad) (void)refusal_of(body);
}

TEST(ParseJsonObjectTest, AcceptsObjects) {
  EXPECT_TRUE(parse_json_object("{}").empty());
  EXPECT_EQ(parse_json_object(" {\"a\": [1, {\"b\": null}]} \n").at("a").as_array().size(), 2U);
  // Nesting well inside the limit is fine.
  EXPECT_NO_THROW((void)parse_json_object("{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}"));
}

TEST(ParseJsonObjectTest, RefusesDuplicateMembers) {
  // The last one would win, so a body could pass a check on one value and be
  // used with the other.
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"tenant_id":"b","tenant_id":"a"})", "tenant_id"},
      {R"({"name":"x","email":"e","name":"y"})", "name"},
      {R"({"a":{"b":1,"b":2}})", "b"},
      {R"({"a":[{"k":1},{"k":2,"k":3}]})", "k"},
      // The same name spelled with an escape is the same member.
      {R"({"role":1,"\u0072ole":2})", "role"},
  };
  for (const auto& [body, name] : bad) {
    EXPECT_NE(refusal_of(body).find("'" + name + "'"), std::string::npos) << body;
  }
  // One name in sibling or nested objects is not a duplicate.
  const auto ok = parse_json_object(R"({"a":{"k":1},"b":{"k":2},"k":{"k":3},"l":[{"k":1},{"k":2}]})");
  EXPECT_EQ(ok.at("k").at("k").as_int64(), 3);
  EXPECT_EQ(ok.at("l").as_array().size(), 2U);
}

TEST(ParseJsonObjectTest, RefusesHostileShapes) {
  const std::vector<std::string> bad = {
      "{\"a\":" + std::string(100000, '[') + "}",  // far past the depth limit, without recursion
      "{\"a\":1e400}",                             // not a finite double
      "{\"a\":\"\xff\xfe\"}",                      // not UTF-8
      "{\"a\":\"\\ud800\"}",                       // a lone surrogate
      std::string("{\"a\":\"x\0y\"}", 11),         // a raw NUL inside a string
  };
  for (const auto& body : bad) (void)refusal_of(body);
  // Integers past int64 are read as unsigned or double, not refused: the
  // field getters range-check them.
  EXPECT_TRUE(parse_json_object("{\"a\":123456789012345678901234567890}").at("a").is_double());
}

struct FieldCase {
  std::string name;
  std::string body;
  std::function<void(Fields&)> read;
  FieldErrors expected;  // empty: valid
};

TEST(FieldsTest, Cases) {
  const std::vector<std::string_view> kTypes = {"CHAIN", "INDEPENDENT"};
  const std::vector<FieldCase> cases = {
      // required_string
      {"string present",
       R"({"name":"  Grand  "})",
       [](Fields& f) { EXPECT_EQ(f.required_string("name"), "Grand"); },
       {}},
      {"string missing", R"({})", [](Fields& f) { (void)f.required_string("name"); }, {{"name", "is required"}}},
      {"string null",
       R"({"name":null})",
       [](Fields& f) { (void)f.required_string("name"); },
       {{"name", "is required"}}},
      {"string blank",
       R"({"name":"  \t "})",
       [](Fields& f) { (void)f.required_string("name"); },
       {{"name", "must not be empty"}}},
      {"string not a string",
       R"({"name":5})",
       [](Fields& f) { (void)f.required_string("name"); },
       {{"name", "must be a string"}}},
      {"string too long",
       R"({"name":"abcdef"})",
       [](Fields& f) { (void)f.required_string("name", 5); },
       {{"name", "must be at most 5 characters"}}},
      {"string at max length",
       R"({"name":"abcde"})",
       [](Fields& f) { EXPECT_EQ(f.required_string("name", 5), "abcde"); },
       {}},
      {"string control character",
       R"({"name":"a\u0001b"})",
       [](Fields& f) { (void)f.required_string("name"); },
       {{"name", "must not contain control characters"}}},
      {"string carriage return inside",
       R"({"name":"a\rb"})",
       [](Fields& f) { (void)f.required_string("name"); },
       {{"name", "must not contain control characters"}}},
      {"string newline and tab allowed",
       R"({"name":"a\n\tb"})",
       [](Fields& f) { EXPECT_EQ(f.required_string("name"), "a\n\tb"); },
       {}},
      {"string UTF-8 allowed",
       R"({"name":"Hôtel Ærø 東京"})",
       [](Fields& f) { EXPECT_EQ(f.required_string("name"), "Hôtel Ærø 東京"); },
       {}},
      // optional_string
      {"optional absent", R"({})", [](Fields& f) { EXPECT_EQ(f.optional_string("phone"), std::nullopt); }, {}},
      {"optional null",
       R"({"phone":null})",
       [](Fields& f) { EXPECT_EQ(f.optional_string("phone"), std::nullopt); },
       {}},
      {"optional empty stays empty",
       R"({"phone":""})",
       [](Fields& f) { EXPECT_EQ(f.optional_string("phone"), ""); },
       {}},
      {"optional wrong type",
       R"({"phone":[]})",
       [](Fields& f) { (void)f.optional_string("phone"); },
       {{"phone", "must be a string"}}},
      // required_secret: never trimmed
      {"secret kept as sent",
       R"({"password":"  pass word  "})",
       [](Fields& f) { EXPECT_EQ(f.required_secret("password"), "  pass word  "); },
       {}},
      {"secret missing",
       R"({})",
       [](Fields& f) { (void)f.required_secret("password"); },
       {{"password", "is required"}}},
      {"secret wrong type",
       R"({"password":123})",
       [](Fields& f) { (void)f.required_secret("password"); },
       {{"password", "must be a string"}}},
      {"secret too long",
       R"({"password":"12345"})",
       [](Fields& f) { (void)f.required_secret("password", 4); },
       {{"password", "must be at most 4 characters"}}},
      // emails
      {"email lower-cased and trimmed",
       R"({"email":" Ana@Example.COM "})",
       [](Fields& f) { EXPECT_EQ(f.required_email("email"), "ana@example.com"); },
       {}},
      {"email invalid",
       R"({"email":"ana@example"})",
       [](Fields& f) { (void)f.required_email("email"); },
       {{"email", "must be a valid email address"}}},
      {"email missing", R"({})", [](Fields& f) { (void)f.required_email("email"); }, {{"email", "is required"}}},
      {"optional email absent", R"({})", [](Fields& f) { EXPECT_EQ(f.optional_email("email"), std::nullopt); }, {}},
      // uuids
      {"uuid lower-cased",
       R"({"id":"0190F0C4-0000-7000-8000-00000000000A"})",
       [](Fields& f) { EXPECT_EQ(f.required_uuid("id"), "0190f0c4-0000-7000-8000-00000000000a"); },
       {}},
      {"uuid invalid",
       R"({"id":"0190f0c4-0000-7000-8000"})",
       [](Fields& f) { (void)f.required_uuid("id"); },
       {{"id", "must be a UUID"}}},
      {"uuid missing", R"({})", [](Fields& f) { (void)f.required_uuid("id"); }, {{"id", "is required"}}},
      // enums
      {"enum allowed",
       R"({"type":"CHAIN"})",
       [kTypes](Fields& f) { EXPECT_EQ(f.required_enum("type", kTypes), "CHAIN"); },
       {}},
      {"enum is case-sensitive",
       R"({"type":"chain"})",
       [kTypes](Fields& f) { (void)f.required_enum("type", kTypes); },
       {{"type", "must be one of: CHAIN, INDEPENDENT"}}},
      {"enum missing",
       R"({})",
       [kTypes](Fields& f) { (void)f.required_enum("type", kTypes); },
       {{"type", "is required"}}},
      {"optional enum absent",
       R"({})",
       [kTypes](Fields& f) { EXPECT_EQ(f.optional_enum("type", kTypes), std::nullopt); },
       {}},
      // ints
      {"int in range", R"({"n":7})", [](Fields& f) { EXPECT_EQ(f.required_int("n", 1, 10), 7); }, {}},
      {"int at bounds",
       R"({"a":1,"b":10})",
       [](Fields& f) {
         EXPECT_EQ(f.required_int("a", 1, 10), 1);
         EXPECT_EQ(f.required_int("b", 1, 10), 10);
       },
       {}},
      {"int below",
       R"({"n":0})",
       [](Fields& f) { (void)f.required_int("n", 1, 10); },
       {{"n", "must be between 1 and 10"}}},
      {"int above",
       R"({"n":11})",
       [](Fields& f) { (void)f.required_int("n", 1, 10); },
       {{"n", "must be between 1 and 10"}}},
      {"int negative", R"({"n":-5})", [](Fields& f) { EXPECT_EQ(f.required_int("n", -10, 10), -5); }, {}},
      {"int as float",
       R"({"n":1.0})",
       [](Fields& f) { (void)f.required_int("n", 0, 10); },
       {{"n", "must be an integer"}}},
      {"int as string",
       R"({"n":"1"})",
       [](Fields& f) { (void)f.required_int("n", 0, 10); },
       {{"n", "must be an integer"}}},
      {"int beyond int64",
       R"({"n":18446744073709551615})",
       [](Fields& f) { (void)f.required_int("n", 0, INT64_MAX); },
       {{"n", "must be an integer"}}},
      {"int missing", R"({})", [](Fields& f) { (void)f.required_int("n", 0, 10); }, {{"n", "is required"}}},
      {"optional int absent", R"({})", [](Fields& f) { EXPECT_EQ(f.optional_int("n", 0, 10), std::nullopt); }, {}},
      // bools
      {"bool", R"({"b":false})", [](Fields& f) { EXPECT_EQ(f.optional_bool("b"), false); }, {}},
      {"bool as int", R"({"b":1})", [](Fields& f) { (void)f.optional_bool("b"); }, {{"b", "must be true or false"}}},
      {"bool as string",
       R"({"b":"true"})",
       [](Fields& f) { (void)f.optional_bool("b"); },
       {{"b", "must be true or false"}}},
      // slugs
      {"slug",
       R"({"slug":" grand-hotel-2 "})",
       [](Fields& f) { EXPECT_EQ(f.required_slug("slug"), "grand-hotel-2"); },
       {}},
      {"slug upper case",
       R"({"slug":"Grand"})",
       [](Fields& f) { (void)f.required_slug("slug"); },
       {{"slug", "may contain only lower-case letters, digits and hyphens"}}},
      {"slug underscore",
       R"({"slug":"a_b"})",
       [](Fields& f) { (void)f.required_slug("slug"); },
       {{"slug", "may contain only lower-case letters, digits and hyphens"}}},
      {"slug space inside",
       R"({"slug":"a b"})",
       [](Fields& f) { (void)f.required_slug("slug"); },
       {{"slug", "may contain only lower-case letters, digits and hyphens"}}},
      {"slug too long",
       R"({"slug":"abcd"})",
       [](Fields& f) { (void)f.required_slug("slug", 3); },
       {{"slug", "must be at most 3 characters"}}},
      {"slug missing", R"({})", [](Fields& f) { (void)f.required_slug("slug"); }, {{"slug", "is required"}}},
      // Several mistakes at once: every one is reported.
      {"all errors collected",
       R"({"name":"","email":"x","n":99})",
       [](Fields& f) {
         (void)f.required_string("name");
         (void)f.required_email("email");
         (void)f.required_int("n", 0, 10);
         (void)f.required_string("other");
       },
       {{"name", "must not be empty"},
        {"email", "must be a valid email address"},
        {"n", "must be between 0 and 10"},
        {"other", "is required"}}},
      // The first message for a field is kept.
      {"first error per field wins",
       R"({})",
       [](Fields& f) {
         f.add_error("x", "first");
         f.add_error("x", "second");
         f.add_errors({{"x", "third"}, {"y", "other"}});
       },
       {{"x", "first"}, {"y", "other"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(errors_of(c.body, c.read), c.expected);
  }
}

TEST(FieldsTest, HasAndRaw) {
  const auto o = parse_json_object(R"({"a":null,"b":1})");
  const Fields f(o);
  EXPECT_TRUE(f.has("a"));
  EXPECT_EQ(f.raw("a"), nullptr);  // null reads as absent
  EXPECT_TRUE(f.has("b"));
  ASSERT_NE(f.raw("b"), nullptr);
  EXPECT_EQ(f.raw("b")->as_int64(), 1);
  EXPECT_FALSE(f.has("c"));
  EXPECT_EQ(f.raw("c"), nullptr);
}

TEST(EmailTest, Cases) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"a@b.co", true},
      {"first.last+tag@sub.example.com", true},
      {"", false},
      {"a@", false},
      {"@b.co", false},
      {"ab.co", false},
      {"a@b", false},
      {"a@@b.co", false},
      {"a@b@c.co", false},
      {"a@.b.co", false},
      {"a@b.co.", false},
      {"a b@c.co", false},
      {"a@b.co\n", false},
      {"a\t@b.co", false},
      {"a@" + std::string(250, 'b') + ".co", false},  // over 254
  };
  for (const auto& [email, valid] : cases) EXPECT_EQ(is_valid_email(email), valid) << "'" << email << "'";
}

TEST(StringHelpersTest, TrimAndLower) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(to_lower("MiXeD-123"), "mixed-123");
}

// ---- pagination ----

http::Request with_query(std::vector<std::pair<std::string, std::string>> query) {
  http::Request r;
  r.method = "GET";
  r.path = "/api/x";
  r.query = std::move(query);
  return r;
}

const std::map<std::string, std::string> kSortable = {{"created_at", "t.created_at"}, {"name", "t.name"}};

TEST(ParsePageTest, DefaultsAndValidValues) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> query;
    std::int64_t page;
    std::int64_t limit;
    std::string order_by;
  };
  const std::vector<Case> cases = {
      {{}, 1, 20, "t.created_at DESC"},
      {{{"page", "3"}, {"limit", "50"}}, 3, 50, "t.created_at DESC"},
      {{{"limit", "1"}}, 1, 1, "t.created_at DESC"},
      {{{"limit", "100"}}, 1, 100, "t.created_at DESC"},
      {{{"page", "1000000"}}, 1000000, 20, "t.created_at DESC"},
      {{{"sort", "name"}}, 1, 20, "t.name ASC"},
      {{{"sort", "-name"}}, 1, 20, "t.name DESC"},
      {{{"sort", "created_at"}}, 1, 20, "t.created_at ASC"},
  };
  for (const auto& c : cases) {
    const auto p = parse_page(with_query(c.query), kSortable, "-created_at");
    EXPECT_EQ(p.page, c.page);
    EXPECT_EQ(p.limit, c.limit);
    EXPECT_EQ(p.order_by, c.order_by);
  }
}

TEST(ParsePageTest, RefusesBadValues) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"page", "0"},
      {"page", "-1"},
      {"page", "1000001"},
      {"page", "abc"},
      {"page", ""},
      {"page", "1.5"},
      {"page", " 1"},
      {"page", "+1"},
      {"page", "2x"},
      {"limit", "0"},
      {"limit", "101"},
      {"limit", "1e2"},
      {"sort", "password_hash"},
      {"sort", "-"},
      {"sort", "--name"},
      {"sort", "name;DROP TABLE users"},
      {"sort", "Name"},
      {"sort", ""},
  };
  for (const auto& [name, value] : cases) {
    try {
      (void)parse_page(with_query({{name, value}}), kSortable, "-created_at");
      ADD_FAILURE() << "accepted " << name << "=" << value;
    } catch (const BadRequest& e) {
      EXPECT_EQ(e.status(), 400);
      EXPECT_EQ(e.code(), "invalid_query") << name << "=" << value;
    }
  }
}

TEST(QueryParamTest, Enum) {
  const std::vector<std::string_view> allowed = {"TRIAL", "ACTIVE"};
  EXPECT_EQ(query_enum(with_query({}), "status", allowed), std::nullopt);
  EXPECT_EQ(query_enum(with_query({{"status", ""}}), "status", allowed), std::nullopt);
  EXPECT_EQ(query_enum(with_query({{"status", "ACTIVE"}}), "status", allowed), "ACTIVE");
  EXPECT_THROW((void)query_enum(with_query({{"status", "active"}}), "status", allowed), BadRequest);
  EXPECT_THROW((void)query_enum(with_query({{"status", "GONE"}}), "status", allowed), BadRequest);
}

TEST(QueryParamTest, Bool) {
  const std::vector<std::pair<std::string, std::optional<bool>>> ok = {
      {"true", true}, {"1", true}, {"false", false}, {"0", false}, {"", std::nullopt}};
  for (const auto& [text, value] : ok) EXPECT_EQ(query_bool(with_query({{"b", text}}), "b"), value) << text;
  EXPECT_EQ(query_bool(with_query({}), "b"), std::nullopt);
  for (const std::string text : {"yes", "TRUE", "2", "tru"}) {
    EXPECT_THROW((void)query_bool(with_query({{"b", text}}), "b"), BadRequest) << text;
  }
}

TEST(QueryParamTest, Uuid) {
  EXPECT_EQ(query_uuid(with_query({}), "id"), std::nullopt);
  EXPECT_EQ(query_uuid(with_query({{"id", ""}}), "id"), std::nullopt);
  EXPECT_EQ(query_uuid(with_query({{"id", "0190F0C4-0000-7000-8000-00000000000A"}}), "id"),
            "0190f0c4-0000-7000-8000-00000000000a");
  EXPECT_THROW((void)query_uuid(with_query({{"id", "42"}}), "id"), BadRequest);
}

}  // namespace
}  // namespace keycard
