// Properties: create, read, list, change and delete, each change audited in
// its own transaction. Typed commands in, model out: JSON is api.cpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/properties/model.hpp"
#include "hotel/properties/repository.hpp"
#include "request/context.hpp"

namespace keycard::hotel::properties {

Property create(request::Context& ctx, const CreateProperty& cmd);
Property get(request::Context& ctx, const std::string& id);
ListPage<Property> list(request::Context& ctx, const repo::ListQuery& query);
Property update(request::Context& ctx, const std::string& id, const PatchProperty& patch);
// `version`: the If-Match header's, when sent.
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version);

// For other hotel modules: the property or 404, inside their transaction.
Property require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// The property's business date for a posting (a folio line, a payment), held
// (a shared lock) until the transaction ends, so that the night audit cannot
// close that date under the posting.
std::string open_business_date(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);

}  // namespace keycard::hotel::properties
