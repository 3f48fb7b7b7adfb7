#include "events/hub.hpp"

#include <algorithm>
#include <vector>

namespace keycard::events {

Hub& Hub::instance() {
  static Hub hub;
  return hub;
}

void Hub::set_limits(std::size_t per_instance, std::size_t per_user) {
  const std::lock_guard lock(mutex_);
  per_instance_ = per_instance;
  per_user_ = per_user;
}

void Hub::set_heartbeat(std::chrono::seconds heartbeat) {
  const std::lock_guard lock(mutex_);
  heartbeat_ = heartbeat;
}

std::chrono::seconds Hub::heartbeat() const {
  const std::lock_guard lock(mutex_);
  return heartbeat_;
}

Hub::Subscription::~Subscription() { hub_.remove(id_); }

std::unique_ptr<Hub::Subscription> Hub::subscribe(const std::string& tenant_id, const std::string& user_id,
                                                  std::function<void()> wake) {
  const std::lock_guard lock(mutex_);
  if (per_instance_ > 0 && entries_.size() >= per_instance_) return nullptr;
  if (per_user_ > 0) {
    const auto of_user = static_cast<std::size_t>(
        std::count_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.second.user_id == user_id; }));
    if (of_user >= per_user_) return nullptr;
  }
  const auto id = next_id_++;
  entries_.emplace(id, Entry{tenant_id, user_id, std::move(wake)});
  return std::unique_ptr<Subscription>(new Subscription(*this, id));
}

void Hub::notify(const std::string& tenant_id) {
  std::vector<std::function<void()>> wakes;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, e] : entries_) {
      if (e.tenant_id == tenant_id) wakes.push_back(e.wake);
    }
  }
  for (const auto& w : wakes) w();  // outside the lock: a wake posts to the stream's strand
}

void Hub::notify_all() {
  std::vector<std::function<void()>> wakes;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, e] : entries_) wakes.push_back(e.wake);
  }
  for (const auto& w : wakes) w();
}

std::size_t Hub::open() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

void Hub::remove(std::uint64_t id) {
  const std::lock_guard lock(mutex_);
  entries_.erase(id);
}

}  // namespace keycard::events
