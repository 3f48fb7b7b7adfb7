// Serves the built web app: files under the web root, index.html for deep
// links, long cache lifetimes for hashed assets.
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"

namespace keycard::app {

// nullopt when there is no web app at `root` (no index.html).
[[nodiscard]] std::optional<http::Response> serve_static(const std::string& root, const std::string& path);
[[nodiscard]] std::string mime_type(const std::string& path);

}  // namespace keycard::app
