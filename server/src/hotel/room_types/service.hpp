// Room types: create, read, list, change and delete, audited. Typed commands
// in, model out: JSON is api.cpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/room_types/model.hpp"
#include "hotel/room_types/repository.hpp"
#include "request/context.hpp"

namespace keycard::hotel::room_types {

RoomType create(request::Context& ctx, const CreateRoomType& cmd);
RoomType get(request::Context& ctx, const std::string& id);
ListPage<RoomType> list(request::Context& ctx, const repo::ListQuery& query);
RoomType update(request::Context& ctx, const std::string& id, const PatchRoomType& patch);
// `version`: the If-Match header's, when sent.
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version);

}  // namespace keycard::hotel::room_types
