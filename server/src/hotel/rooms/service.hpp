// Rooms: create, read, list, change, delete and housekeeping status, audited.
// Typed commands in, model out: JSON is api.cpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/rooms/model.hpp"
#include "hotel/rooms/repository.hpp"
#include "request/context.hpp"

namespace keycard::hotel::rooms {

Room create(request::Context& ctx, const CreateRoom& cmd);
Room get(request::Context& ctx, const std::string& id);
ListPage<Room> list(request::Context& ctx, const repo::ListQuery& query);
Room update(request::Context& ctx, const std::string& id, const PatchRoom& patch);
Room change_status(request::Context& ctx, const std::string& id, const ChangeStatus& cmd);
// `version`: the If-Match header's, when sent.
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version);

}  // namespace keycard::hotel::rooms
