// Incidents: report, read, list, change (status, assignee, links), delete;
// audited in the same transaction. Typed commands in, model out: JSON is
// api.cpp's (codec.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/incidents/model.hpp"
#include "hotel/incidents/repository.hpp"
#include "request/context.hpp"

namespace keycard::hotel::incidents {

Incident create(request::Context& ctx, const CreateIncident& cmd);
Incident get(request::Context& ctx, const std::string& id);
ListPage<Incident> list(request::Context& ctx, const repo::ListQuery& query);
Incident update(request::Context& ctx, const std::string& id, const PatchIncident& cmd);
// `version`: the If-Match the deletion is based on, when sent.
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version);

}  // namespace keycard::hotel::incidents
