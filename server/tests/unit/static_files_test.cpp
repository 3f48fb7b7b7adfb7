// app/static_files: the built web app from a temporary web root. Deep links
// get index.html, hashed assets are cached for a year, a missing asset is a
// 404, and no path leaves the root.
#include "app/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace keycard::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex = "<!doctype html><title>Keycard</title>";
constexpr std::string_view kNoCache = "no-cache";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

void write(const fs::path& p, std::string_view content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("keycard-static-" + std::to_string(rd()));
    root_ = dir_ / "web";
    write(root_ / "index.html", kIndex);
    write(root_ / "assets" / "index-4f3a9c.js", "console.log(1)");
    write(root_ / "assets" / "index-77aa01.css", "body{}");
    write(root_ / "assets" / "fonts" / "inter.woff2", std::string("wOF2\0\x01", 6));
    write(root_ / "favicon.ico", "ico");
    write(root_ / "robots.txt", "User-agent: *");
    // Outside the web root: must never be served.
    write(dir_ / "secret.txt", "top secret");
    write(dir_ / "web-private" / "key.pem", "private key");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
  fs::path root_;
};

struct ServeCase {
  std::string path;
  std::string body;
  std::string content_type;
  std::string_view cache_control;
};

TEST_F(StaticFilesTest, ServesFilesAndDeepLinks) {
  const std::string index(kIndex);
  const std::string html = "text/html; charset=utf-8";
  const std::vector<ServeCase> cases = {
      {"/", index, html, kNoCache},
      {"", index, html, kNoCache},
      {"/index.html", index, html, kNoCache},
      {"/assets/index-4f3a9c.js", "console.log(1)", "text/javascript; charset=utf-8", kImmutable},
      {"/assets/index-77aa01.css", "body{}", "text/css; charset=utf-8", kImmutable},
      {"/assets/fonts/inter.woff2", std::string("wOF2\0\x01", 6), "font/woff2", kImmutable},
      {"/favicon.ico", "ico", "image/x-icon", kNoCache},
      {"/robots.txt", "User-agent: *", "text/plain; charset=utf-8", kNoCache},
      // Client-side routes: the app's shell, never cached.
      {"/login", index, html, kNoCache},
      {"/admin/hotels/0190f0c4-0000-7000-8000-000000000001", index, html, kNoCache},
      {"/hotel/reservations/", index, html, kNoCache},
      {"/assets", index, html, kNoCache},
      {"/assets/", index, html, kNoCache},
      // An absolute-looking path stays inside the root.
      {"//etc/passwd", index, html, kNoCache},
      {"/web-private/key", index, html, kNoCache},
  };
  for (const auto& c : cases) {
    const auto r = serve_static(root_.string(), c.path);
    ASSERT_TRUE(r.has_value()) << c.path;
    EXPECT_EQ(r->status, 200) << c.path;
    EXPECT_EQ(r->body, c.body) << c.path;
    EXPECT_EQ(r->content_type, c.content_type) << c.path;
    EXPECT_EQ(header(*r, "Cache-Control"), c.cache_control) << c.path;
  }
}

TEST_F(StaticFilesTest, MissingAssetsAndEscapesAreNotFound) {
  const std::vector<std::string> cases = {
      "/assets/missing.js",
      "/assets/index-000000.css",
      "/assets/fonts/missing.woff2",
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/../web-private/key.pem",
      "/..",
      "/./index.html",
      "/assets/./index-4f3a9c.js",
      "/login/../../secret.txt",
  };
  for (const auto& path : cases) {
    const auto r = serve_static(root_.string(), path);
    EXPECT_FALSE(r.has_value()) << path << " served: " << (r ? r->body : "");
  }
}

TEST_F(StaticFilesTest, NoWebAppWithoutIndex) {
  fs::remove(root_ / "index.html");
  for (const std::string path : {"/", "/login", "/assets/index-4f3a9c.js"}) {
    EXPECT_FALSE(serve_static(root_.string(), path).has_value()) << path;
  }
  EXPECT_FALSE(serve_static((dir_ / "does-not-exist").string(), "/").has_value());
}

TEST(MimeTypeTest, Cases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a.html", "text/html; charset=utf-8"},
      {"a.js", "text/javascript; charset=utf-8"},
      {"a.mjs", "text/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},
      {"a.json", "application/json"},
      {"a.js.map", "application/json"},
      {"a.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.jpg", "image/jpeg"},
      {"a.jpeg", "image/jpeg"},
      {"a.webp", "image/webp"},
      {"a.woff", "font/woff"},
      {"a.woff2", "font/woff2"},
      {"site.webmanifest", "application/manifest+json"},
      {"dir.v2/README", "application/octet-stream"},
      {"a.exe", "application/octet-stream"},
      {"a.HTML", "application/octet-stream"},
      {"noext", "application/octet-stream"},
  };
  for (const auto& [path, type] : cases) EXPECT_EQ(mime_type(path), type) << path;
}

}  // namespace
}  // namespace keycard::app
