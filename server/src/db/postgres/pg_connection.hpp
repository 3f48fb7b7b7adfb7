// PostgreSQL backend over libpq: statements prepared once per connection and
// cached by SQL text, text-format values, results normalised by column type.
#pragma once

#include <memory>
#include <string>

#include "db/pool.hpp"

namespace keycard::db::postgres {

// The role every request transaction runs as (created by the migrations).
inline constexpr const char* kAppRole = "keycard_app";

// Connects with a libpq URL. app_role: SET ROLE keycard_app for request
// work; false for the schema owner's own connection (migrations). Throws
// UnavailableError, without the URL's password, if it cannot connect.
[[nodiscard]] std::unique_ptr<BackendConnection> connect(const std::string& url, bool app_role,
                                                         int connect_timeout_seconds);

}  // namespace keycard::db::postgres
