// Pure rules of guests: what an erasure clears and what it keeps. Unit-tested
// as a table (server/tests/unit/guest_rules_test.cpp).
#pragma once

#include <string>

#include "hotel/guests/model.hpp"

namespace keycard::hotel::guests::rules {

// The guest after its personal data was erased at `now`: the name becomes
// "Erased Guest"; email, phone, identity document, nationality and notes are
// cleared; erased_at is `now`. Ids, the tenant, the bookkeeping (created_*,
// updated_*, version) and so the guest's reservations and payments are kept.
[[nodiscard]] Guest erased(Guest guest, const std::string& now);

}  // namespace keycard::hotel::guests::rules
