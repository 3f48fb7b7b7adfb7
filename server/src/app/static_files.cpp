#include "app/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace keycard::app {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string mime_type(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {{".html", "text/html; charset=utf-8"},
                                                            {".js", "text/javascript; charset=utf-8"},
                                                            {".mjs", "text/javascript; charset=utf-8"},
                                                            {".css", "text/css; charset=utf-8"},
                                                            {".json", "application/json"},
                                                            {".svg", "image/svg+xml"},
                                                            {".png", "image/png"},
                                                            {".jpg", "image/jpeg"},
                                                            {".jpeg", "image/jpeg"},
                                                            {".ico", "image/x-icon"},
                                                            {".webp", "image/webp"},
                                                            {".woff", "font/woff"},
                                                            {".woff2", "font/woff2"},
                                                            {".txt", "text/plain; charset=utf-8"},
                                                            {".map", "application/json"},
                                                            {".webmanifest", "application/manifest+json"}};
  const auto ext = fs::path(path).extension().string();
  if (auto it = kTypes.find(ext); it != kTypes.end()) return it->second;
  return "application/octet-stream";
}

std::optional<http::Response> serve_static(const std::string& root, const std::string& path) {
  const fs::path base(root);
  const auto index = base / "index.html";
  std::error_code ec;
  if (!fs::is_regular_file(index, ec)) return std::nullopt;

  // Refuse anything that could step outside the root.
  fs::path rel = fs::path(path).relative_path();
  for (const auto& part : rel) {
    if (part == ".." || part == ".") return std::nullopt;
  }
  fs::path file = base / rel;
  const bool exists = !rel.empty() && fs::is_regular_file(file, ec);
  if (!exists) {
    // A missing asset is a 404; any other path is a client-side route.
    if (rel.has_extension() && rel.begin()->string() == "assets") return std::nullopt;
    file = index;
  }
  auto body = read_file(file);
  if (!body) return std::nullopt;
  http::Response r;
  r.status = 200;
  r.content_type = mime_type(file.string());
  r.body = std::move(*body);
  const bool hashed = !rel.empty() && rel.begin()->string() == "assets" && exists;
  r.with_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace keycard::app
