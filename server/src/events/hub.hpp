// This instance's open event streams, by tenant: a committed event wakes the
// streams of its tenant (Transaction::on_commit on this instance; PostgreSQL's
// LISTEN/NOTIFY for the others), and the limits on how many may be open.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace keycard::events {

class Hub {
 public:
  static Hub& instance();

  // At most `per_instance` streams in all and `per_user` of one user; 0: no cap.
  void set_limits(std::size_t per_instance, std::size_t per_user);
  // The silence after which a stream sends a keep-alive.
  void set_heartbeat(std::chrono::seconds heartbeat);
  [[nodiscard]] std::chrono::seconds heartbeat() const;

  // One open stream; it stops being woken when this is destroyed.
  class Subscription {
   public:
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription();

   private:
    friend class Hub;
    Subscription(Hub& hub, std::uint64_t id) : hub_(hub), id_(id) {}
    Hub& hub_;
    std::uint64_t id_;
  };

  // nullptr when a limit is reached.
  [[nodiscard]] std::unique_ptr<Subscription> subscribe(const std::string& tenant_id, const std::string& user_id,
                                                        std::function<void()> wake);
  // Wakes every stream of the tenant.
  void notify(const std::string& tenant_id);
  // Wakes every stream (notifications may have been missed).
  void notify_all();
  [[nodiscard]] std::size_t open() const;

 private:
  struct Entry {
    std::string tenant_id;
    std::string user_id;
    std::function<void()> wake;
  };
  void remove(std::uint64_t id);

  mutable std::mutex mutex_;
  std::map<std::uint64_t, Entry> entries_;
  std::uint64_t next_id_ = 1;
  std::size_t per_instance_ = 1000;
  std::size_t per_user_ = 5;
  std::chrono::seconds heartbeat_{15};
};

}  // namespace keycard::events
