// One page of a list as services return it; api.cpp encodes it as
// {"items", "page", "limit", "total"} (API.md list conventions).
#pragma once

#include <cstdint>
#include <vector>

namespace keycard {

template <class T>
struct ListPage {
  std::vector<T> items;
  std::int64_t page = 1, limit = 20, total = 0;
};

}  // namespace keycard
