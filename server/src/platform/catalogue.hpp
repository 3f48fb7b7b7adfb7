// Keeps the database's permission catalogue and system roles equal to the
// code's (access/permissions.cpp), on every migrate and start.
#pragma once

#include <optional>
#include <string>

#include "db/database.hpp"

namespace keycard::platform {

void sync_catalogue(db::Database& db);
// Creates (or resets) the system roles of one tenant, or the platform's.
void ensure_system_roles(db::Transaction& tx, const std::optional<std::string>& tenant_id);

}  // namespace keycard::platform
