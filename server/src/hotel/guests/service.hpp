// Guests: create, read, search, change, delete; export of everything held on
// a guest; erasure that anonymises personal data (rules.hpp) and keeps the
// financial records. Audit entries name the personal fields that changed,
// never their values, so the append-only log keeps no personal data past an
// erasure. Typed commands in, model out: JSON is api.cpp's (codec.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/guests/model.hpp"
#include "hotel/guests/repository.hpp"
#include "request/context.hpp"

namespace keycard::hotel::guests {

Guest create(request::Context& ctx, const CreateGuest& cmd);
Guest get(request::Context& ctx, const std::string& id);
ListPage<Guest> list(request::Context& ctx, const repo::ListQuery& query);
Guest update(request::Context& ctx, const std::string& id, const PatchGuest& cmd);
// `version`: the If-Match the deletion is based on, when sent.
void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> version);
Export export_data(request::Context& ctx, const std::string& id);
Guest erase(request::Context& ctx, const std::string& id, const EraseGuest& cmd);

}  // namespace keycard::hotel::guests
