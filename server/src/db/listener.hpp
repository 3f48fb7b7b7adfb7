// Notifications from every instance on one channel: PostgreSQL's LISTEN, on
// a connection and a thread of its own. (SQLite is one process: nothing to
// listen to.)
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace keycard::db {

class Listener {
 public:
  virtual ~Listener() = default;  // stops the thread and closes the connection
};

// on_notify gets each notification's payload; on_resync runs after every
// (re)connection, when notifications may have been missed. Both run on the
// listener's thread. Connection failures are retried with a backoff (1 to 30
// s) and logged; they never throw here.
[[nodiscard]] std::unique_ptr<Listener> listen_postgres(const std::string& url, const std::string& channel,
                                                        std::function<void(const std::string&)> on_notify,
                                                        std::function<void()> on_resync);

}  // namespace keycard::db
