// `keycard demo`: fills a database with a small, realistic hotel so that the
// panels have something to show. Every object is made through the public
// API pipeline (validation, permissions, audit), as the platform SuperAdmin
// and the demo hotel's staff would make it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "app/app.hpp"

namespace keycard::app {

struct DemoOptions {
  // Password of the demo hotel staff; generated (and printed) when empty.
  std::optional<std::string> password;
};

// Returns 0 when the demo hotel was created, 1 when it existed already
// (nothing is changed then: running it twice is harmless).
// Throws on failure (the database is left with whatever steps succeeded:
// each step is its own transaction, as through HTTP).
int run_demo(App& app, const DemoOptions& options, std::ostream& out);

}  // namespace keycard::app
