#include "auth/principal_cache.hpp"

#include <utility>

namespace keycard::auth {

std::string PrincipalCache::key(std::string_view user_id, std::string_view tenant_id, std::string_view session) {
  std::string k;
  k.reserve(user_id.size() + tenant_id.size() + session.size() + 2);
  k.append(user_id).append(1, '|').append(tenant_id).append(1, '|').append(session);
  return k;
}

std::optional<CachedPrincipal> PrincipalCache::find(const std::string& key) const {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void PrincipalCache::put(const std::string& key, CachedPrincipal entry) {
  if (capacity_ == 0) return;
  const std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second = std::move(entry);
    return;
  }
  if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
  entries_.emplace(key, std::move(entry));
}

void PrincipalCache::erase(const std::string& key) {
  const std::lock_guard lock(mutex_);
  entries_.erase(key);
}

std::size_t PrincipalCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

bool PrincipalCache::still_valid(const std::string& key, const repo::AccessStamp& cached,
                                 const std::optional<repo::AccessStamp>& current) {
  if (current && *current == cached) return true;
  erase(key);
  return false;
}

}  // namespace keycard::auth
