// Shared by the fuzz targets: a broken invariant aborts, so that libFuzzer
// reports it as a crash and saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace keycard::fuzz {

[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

}  // namespace keycard::fuzz
