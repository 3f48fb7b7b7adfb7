#include "app/api_docs.hpp"

#include <string>

#include "request/context.hpp"

namespace keycard::app {
namespace {

// The page loads Swagger UI from the web app's build (web/vite.config.ts
// copies it from the swagger-ui-dist package); nothing comes from a CDN.
constexpr std::string_view kDocsPage = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keycard API reference</title>
<link rel="stylesheet" href="/api-docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui">
<p style="font-family: sans-serif; margin: 2rem">
The interactive reference comes with the web app's build (web/dist/api-docs/).
The document itself: <a href="/api/openapi.yaml">/api/openapi.yaml</a>, <a href="/api/openapi.json">/api/openapi.json</a>.
</p>
</div>
<script src="/api-docs/swagger-ui-bundle.js"></script>
<script src="/api-docs/init.js"></script>
</body>
</html>
)html";

http::Response document(std::string_view body, std::string content_type) {
  http::Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::string(body);
  return r;
}

}  // namespace

void register_api_docs_routes(http::Router& router) {
  router.add({"GET", "/api/openapi.yaml", http::Scope::public_, "", [](http::Request&, request::Context&) {
                return document(openapi_yaml(), "application/yaml; charset=utf-8");
              }});
  router.add({"GET", "/api/openapi.json", http::Scope::public_, "",
              [](http::Request&, request::Context&) { return document(openapi_json(), "application/json"); }});
  router.add({"GET", "/api/docs", http::Scope::public_, "",
              [](http::Request&, request::Context&) { return document(kDocsPage, "text/html; charset=utf-8"); }});
}

}  // namespace keycard::app
