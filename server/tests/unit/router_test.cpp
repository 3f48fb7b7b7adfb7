// http/router and http/message: the route table refuses unguarded or
// duplicate routes, matches templates with parameters, prefers the most
// specific template and reports the allowed methods; problem() renders
// RFC 9457 bodies.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace keycard::http {
namespace {

namespace json = boost::json;

Handler noop() {
  return [](Request&, request::Context&) { return Response::no_content(); };
}

Route route(std::string method, std::string path, Scope scope = Scope::public_, std::string permission = "") {
  return Route{std::move(method), std::move(path), scope, std::move(permission), noop()};
}

TEST(SplitPathTest, Cases) {
  const std::vector<std::pair<std::string, std::vector<std::string_view>>> cases = {
      {"", {}},
      {"/", {}},
      {"///", {}},
      {"/api", {"api"}},
      {"/api/admin/hotels", {"api", "admin", "hotels"}},
      {"/api/admin/hotels/", {"api", "admin", "hotels"}},
      {"//api//admin", {"api", "admin"}},
      {"api/x", {"api", "x"}},
  };
  for (const auto& [path, parts] : cases) EXPECT_EQ(split_path(path), parts) << "'" << path << "'";
}

TEST(ScopeNameTest, NamesMatchPermissionPrefixes) {
  EXPECT_EQ(scope_name(Scope::public_), "public");
  EXPECT_EQ(scope_name(Scope::authenticated), "authenticated");
  EXPECT_EQ(scope_name(Scope::admin), "admin");
  EXPECT_EQ(scope_name(Scope::hotel), "hotel");
}

struct AddCase {
  std::string name;
  Route route;
  bool accepted;
};

TEST(RouterAddTest, RefusesRoutesWithoutTheirChecks) {
  Route no_handler = route("GET", "/api/x");
  no_handler.handler = nullptr;
  const std::vector<AddCase> cases = {
      {"public without permission", route("GET", "/api/x"), true},
      {"authenticated without permission", route("GET", "/api/x", Scope::authenticated), true},
      {"admin with admin permission", route("GET", "/api/x", Scope::admin, "admin:hotels:read"), true},
      {"hotel with hotel permission", route("GET", "/api/x", Scope::hotel, "hotel:rooms:read"), true},
      {"admin without permission", route("GET", "/api/x", Scope::admin), false},
      {"hotel without permission", route("GET", "/api/x", Scope::hotel), false},
      {"admin with a hotel permission", route("GET", "/api/x", Scope::admin, "hotel:rooms:read"), false},
      {"hotel with an admin permission", route("GET", "/api/x", Scope::hotel, "admin:hotels:read"), false},
      {"admin with a permission merely containing admin:", route("GET", "/api/x", Scope::admin, "xadmin:a"), false},
      {"public with a permission", route("GET", "/api/x", Scope::public_, "admin:hotels:read"), false},
      {"authenticated with a permission", route("GET", "/api/x", Scope::authenticated, "hotel:rooms:read"), false},
      {"no handler", no_handler, false},
  };
  for (const auto& c : cases) {
    Router r;
    if (c.accepted) {
      EXPECT_NO_THROW(r.add(c.route)) << c.name;
      EXPECT_EQ(r.routes().size(), 1U) << c.name;
    } else {
      EXPECT_THROW(r.add(c.route), std::logic_error) << c.name;
      EXPECT_TRUE(r.routes().empty()) << c.name;
    }
  }
}

TEST(RouterAddTest, RefusesTheSameMethodAndTemplateTwice) {
  Router r;
  r.add(route("GET", "/api/hotels/{id}"));
  r.add(route("DELETE", "/api/hotels/{id}"));  // another method: fine
  r.add(route("GET", "/api/hotels/{id}/rooms"));
  EXPECT_THROW(r.add(route("GET", "/api/hotels/{id}")), std::logic_error);
  // The same template with another parameter name would shadow the first.
  EXPECT_THROW(r.add(route("GET", "/api/hotels/{hotel_id}")), std::logic_error);
  EXPECT_THROW(r.add(route("GET", "/api/hotels/{id}/")), std::logic_error);
  // A value with a suffix is another shape; the same suffix under another name is not.
  r.add(route("GET", "/api/hotels/{id}.pdf"));
  EXPECT_THROW(r.add(route("GET", "/api/hotels/{hotel_id}.pdf")), std::logic_error);
  EXPECT_EQ(r.routes().size(), 4U);
}

class RouterMatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(route("GET", "/api/rooms"));
    router_.add(route("POST", "/api/rooms"));
    router_.add(route("GET", "/api/rooms/{id}"));
    router_.add(route("PATCH", "/api/rooms/{id}"));
    router_.add(route("GET", "/api/rooms/summary"));
    router_.add(route("GET", "/api/rooms/{room_id}/beds/{bed_id}"));
    router_.add(route("POST", "/api/rooms/{id}/status"));
    router_.add(route("GET", "/api/rooms/{id}.pdf"));
  }
  Router router_;
};

struct MatchCase {
  std::string method;
  std::string path;
  std::string template_path;  // empty: no route
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;
};

TEST_F(RouterMatchTest, Cases) {
  const std::vector<MatchCase> cases = {
      {"GET", "/api/rooms", "/api/rooms", {}, {}},
      {"POST", "/api/rooms", "/api/rooms", {}, {}},
      {"GET", "/api/rooms/", "/api/rooms", {}, {}},
      {"GET", "/api/rooms/abc", "/api/rooms/{id}", {{"id", "abc"}}, {}},
      {"PATCH", "/api/rooms/abc", "/api/rooms/{id}", {{"id", "abc"}}, {}},
      {"GET", "/api/rooms/summary", "/api/rooms/summary", {}, {}},
      {"GET", "/api/rooms/r1/beds/b2", "/api/rooms/{room_id}/beds/{bed_id}", {{"room_id", "r1"}, {"bed_id", "b2"}}, {}},
      {"POST", "/api/rooms/r1/status", "/api/rooms/{id}/status", {{"id", "r1"}}, {}},
      // A value with a literal suffix wins over the bare value; the suffix alone is no value.
      {"GET", "/api/rooms/r1.pdf", "/api/rooms/{id}.pdf", {{"id", "r1"}}, {}},
      {"GET", "/api/rooms/r1.pdfx", "/api/rooms/{id}", {{"id", "r1.pdfx"}}, {}},
      {"GET", "/api/rooms/.pdf", "/api/rooms/{id}", {{"id", ".pdf"}}, {}},
      {"PATCH", "/api/rooms/r1.pdf", "/api/rooms/{id}", {{"id", "r1.pdf"}}, {}},
      // The path exists, the method does not: 405 material.
      {"DELETE", "/api/rooms", "", {}, {"GET", "POST"}},
      {"DELETE", "/api/rooms/abc", "", {}, {"GET", "PATCH"}},
      {"GET", "/api/rooms/r1/status", "", {}, {"POST"}},
      {"PUT", "/api/rooms/r1/beds/b2", "", {}, {"GET"}},
      // Nothing at that path at all.
      {"GET", "/api/room", "", {}, {}},
      {"GET", "/api/rooms/r1/beds", "", {}, {}},
      {"GET", "/api/rooms/r1/beds/b2/x", "", {}, {}},
      {"GET", "/", "", {}, {}},
      {"get", "/api/rooms", "", {}, {"GET", "POST"}},  // methods are case-sensitive
  };
  for (const auto& c : cases) {
    const auto m = router_.match(c.method, c.path);
    const std::string label = c.method + " " + c.path;
    if (c.template_path.empty()) {
      EXPECT_EQ(m.route, nullptr) << label;
    } else {
      ASSERT_NE(m.route, nullptr) << label;
      EXPECT_EQ(m.route->path, c.template_path) << label;
      EXPECT_EQ(m.route->method, c.method) << label;
    }
    EXPECT_EQ(m.params, c.params) << label;
    EXPECT_EQ(m.allowed_methods, c.allowed) << label;
  }
}

TEST(RouterSpecificityTest, LiteralSegmentWinsWhateverTheOrderOfDeclaration) {
  for (const bool literal_first : {true, false}) {
    Router r;
    if (literal_first) r.add(route("GET", "/api/rooms/summary"));
    r.add(route("GET", "/api/rooms/{id}"));
    if (!literal_first) r.add(route("GET", "/api/rooms/summary"));
    const auto m = r.match("GET", "/api/rooms/summary");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->path, "/api/rooms/summary") << "literal_first=" << literal_first;
    EXPECT_TRUE(m.params.empty());
    EXPECT_EQ(r.match("GET", "/api/rooms/x").route->path, "/api/rooms/{id}");
  }
}

TEST(RouterSpecificityTest, MatchingMethodWinsOverAMoreSpecificOtherMethod) {
  Router r;
  r.add(route("GET", "/api/rooms/{id}"));
  r.add(route("POST", "/api/rooms/summary"));
  const auto m = r.match("GET", "/api/rooms/summary");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/api/rooms/{id}");
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(ProblemTest, RendersProblemDetails) {
  const auto r = problem(409, "room_unavailable", "Conflict", "Room 101 is taken.");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "https://keycard.dev/problems/room_unavailable");
  EXPECT_EQ(body.at("title").as_string(), "Conflict");
  EXPECT_EQ(body.at("status").as_int64(), 409);
  EXPECT_EQ(body.at("detail").as_string(), "Room 101 is taken.");
  EXPECT_EQ(body.at("code").as_string(), "room_unavailable");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(ProblemTest, CarriesFieldErrorsAndEscapesText) {
  const auto r = problem(422, "validation_failed", "Unprocessable Content", "say \"hi\"\n",
                         {{"email", "must be a valid email address"}, {"name", "is required"}});
  const auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("detail").as_string(), "say \"hi\"\n");
  const auto& errors = body.at("errors").as_object();
  EXPECT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors.at("email").as_string(), "must be a valid email address");
  EXPECT_EQ(errors.at("name").as_string(), "is required");
}

TEST(MessageTest, RequestAccessors) {
  Request req;
  req.headers = {{"x-request-id", "abc"}};
  req.query = {{"page", "2"}, {"page", "3"}, {"q", ""}};
  req.path_params = {{"id", "42"}};
  EXPECT_EQ(req.header("x-request-id"), "abc");
  EXPECT_EQ(req.header("authorization"), std::nullopt);
  EXPECT_EQ(req.query_param("page"), "2");  // the first wins
  EXPECT_EQ(req.query_param("q"), "");
  EXPECT_EQ(req.query_param("limit"), std::nullopt);
  EXPECT_EQ(req.param("id"), "42");
  EXPECT_EQ(req.param("missing"), "");
}

TEST(MessageTest, JsonAndNoContentResponses) {
  const auto j = Response::json(201, json::object{{"a", 1}});
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.content_type, "application/json");
  EXPECT_EQ(json::parse(j.body), (json::value{{"a", 1}}));
  const auto n = Response::no_content();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
}

}  // namespace
}  // namespace keycard::http
